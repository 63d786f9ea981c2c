/**
 * RBAC policy rules read the way the API server matches them (kubernetes `evaluation_helpers.go`): `*` matches
 * any verb, API group or resource, and a `resource/subresource` request is matched by the same string, by a
 * star followed by `/subresource`, or by `*`. Rules over Role/ClusterRole objects use this to find risky grants.
 */
import { isObject, type K8sObject } from './object.js';

export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** A set of permissions to look for: every combination of group x resource x verb. */
export interface PermissionQuery {
  groups: readonly string[];
  resources: readonly string[];
  verbs: readonly string[];
}

/** What one policy rule grants of a query: the rule's own tokens that matched (`*` stays `*`). */
export interface Grant {
  index: number;
  /** `rules[2]` */
  path: string;
  verbs: string[];
  resources: string[];
}

export interface GrantOptions {
  /**
   * A rule limited by `resourceNames` applies to named objects only (never to create or collection list/watch).
   * Rules treat it as deliberately scoped and skip it unless this is set.
   */
  includeNamedResources?: boolean;
}

export const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'] as const;
export const ALL_VERBS = ['get', 'list', 'watch', ...WRITE_VERBS] as const;

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export function isRoleObject(object: K8sObject): boolean {
  return (object.kind === 'Role' || object.kind === 'ClusterRole') && object.apiVersion.startsWith(`${RBAC_GROUP}/`);
}

export function isBindingObject(object: K8sObject): boolean {
  return (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') && object.apiVersion.startsWith(`${RBAC_GROUP}/`);
}

/**
 * Kubernetes' own bootstrap policy (`kubernetes.io/bootstrapping: rbac-defaults`) and `system:` names belong to
 * the platform, not to the user; rules skip them as Polaris does.
 */
export function isPlatformRbacObject(object: K8sObject): boolean {
  const name = object.metadata?.name ?? '';
  return name.startsWith('system:') || object.metadata?.labels?.['kubernetes.io/bootstrapping'] === 'rbac-defaults';
}

export function policyRulesOf(object: K8sObject): PolicyRule[] {
  return Array.isArray(object.rules) ? object.rules.map((rule: unknown) => (isObject(rule) ? (rule as PolicyRule) : {})) : [];
}

function strings(list: unknown): string[] {
  return Array.isArray(list) ? list.map(String) : [];
}

/**
 * True when `granted` (a rule's resource token) covers the requested `resource` (may be `res/sub`). A requested
 * `res/*` stands for every subresource of `res`, as impersonation's `userextras/<key>` needs.
 */
export function resourceMatches(granted: string, resource: string): boolean {
  if (granted === '*' || granted === resource) return true;
  if (resource.endsWith('/*')) return granted.startsWith(resource.slice(0, -1));
  const slash = resource.indexOf('/');
  return slash !== -1 && granted === `*${resource.slice(slash)}`;
}

/** The tokens of one policy rule that grant something of the query, or undefined when it grants nothing of it. */
export function ruleGrant(rule: PolicyRule, query: PermissionQuery, options: GrantOptions = {}): { verbs: string[]; resources: string[] } | undefined {
  return grantOf(tokensOf(rule), query, options);
}

/** A policy rule's lists as strings, read once per rule (a Role is checked against many queries). */
interface RuleTokens {
  resourceNames: string[];
  apiGroups: string[];
  verbs: string[];
  resources: string[];
}

function tokensOf(rule: PolicyRule): RuleTokens {
  return { resourceNames: strings(rule.resourceNames), apiGroups: strings(rule.apiGroups), verbs: strings(rule.verbs), resources: strings(rule.resources) };
}

function grantOf(tokens: RuleTokens, query: PermissionQuery, options: GrantOptions): { verbs: string[]; resources: string[] } | undefined {
  if (!options.includeNamedResources && tokens.resourceNames.length > 0) return undefined;
  if (!tokens.apiGroups.some((group) => group === '*' || query.groups.includes(group))) return undefined;
  const verbs = tokens.verbs.filter((verb) => verb === '*' || query.verbs.includes(verb));
  if (verbs.length === 0) return undefined;
  const resources = tokens.resources.filter((granted) => query.resources.some((resource) => resourceMatches(granted, resource)));
  if (resources.length === 0) return undefined;
  return { verbs, resources };
}

/**
 * Every rule of a Role/ClusterRole that grants part of any query. Aggregated ClusterRoles are read as written:
 * their `rules` field, not the union the aggregation controller would compute.
 */
export function findGrants(object: K8sObject, queries: readonly PermissionQuery[], options: GrantOptions = {}): Grant[] {
  const grants: Grant[] = [];
  policyRulesOf(object).forEach((rule, index) => {
    const tokens = tokensOf(rule);
    let verbs: Set<string> | undefined;
    let resources: Set<string> | undefined;
    for (const query of queries) {
      const grant = grantOf(tokens, query, options);
      if (!grant) continue;
      verbs ??= new Set();
      resources ??= new Set();
      for (const verb of grant.verbs) verbs.add(verb);
      for (const resource of grant.resources) resources.add(resource);
    }
    if (verbs && verbs.size > 0) grants.push({ index, path: `rules[${index}]`, verbs: [...verbs], resources: [...resources!] });
  });
  return grants;
}

export interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
  apiGroup?: string;
}

export function subjectsOf(binding: K8sObject): Array<{ subject: Subject; path: string }> {
  if (!Array.isArray(binding.subjects)) return [];
  return binding.subjects.flatMap((subject: unknown, index: number) =>
    isObject(subject) ? [{ subject: subject as Subject, path: `subjects[${index}]` }] : []);
}

/** The role a binding grants: `{ kind: 'ClusterRole', name: 'cluster-admin' }`. */
export function roleRefOf(binding: K8sObject): { kind: string; name: string } | undefined {
  const ref = binding.roleRef;
  if (!isObject(ref) || typeof ref.name !== 'string') return undefined;
  return { kind: String(ref.kind ?? ''), name: ref.name };
}

/** Finds the Role or ClusterRole a binding refers to among the scanned objects (a RoleBinding's Role is in its namespace). */
export function referencedRole(binding: K8sObject, find: (kind: string, namespace: string | undefined, name: string) => K8sObject | undefined): K8sObject | undefined {
  const ref = roleRefOf(binding);
  if (!ref) return undefined;
  if (ref.kind === 'ClusterRole') return find('ClusterRole', undefined, ref.name);
  if (ref.kind === 'Role') return find('Role', binding.metadata?.namespace || 'default', ref.name);
  return undefined;
}

/** Compact text of a grant for messages: `get, list on secrets`. */
export function describeGrant(grant: Pick<Grant, 'verbs' | 'resources'>): string {
  return `${grant.verbs.join(', ')} on ${grant.resources.join(', ')}`;
}
