/**
 * A workload whose ServiceAccount is bound to an administrative or cluster-takeover role turns any code execution
 * in its pods into control of the namespace or the cluster (Kubescape C-0267, C-0272).
 * Reads: RoleBindings and ClusterRoleBindings of the input that grant to the pod's ServiceAccount (directly, as the
 * `system:serviceaccount:<ns>:<name>` user, or through the `system:serviceaccounts[:<ns>]` and
 * `system:authenticated` groups), and the Roles/ClusterRoles they reference (built-in `cluster-admin`, `admin` and
 * `edit` are known by name). Skipped when the pod mounts no ServiceAccount token.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { objectMemo } from '../../core/memo.js';
import type { ObjectIndex } from '../../core/engine/object-index.js';
import { describeRef, isObject, namespaceOf, refOf, type K8sObject } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { selectorMatches } from '../../core/k8s/selectors.js';
import { serviceAccountOf } from '../../core/k8s/service-account.js';

interface RiskyPermission {
  /** Completes "… and can <ability>". */
  ability: string;
  apiGroup: string;
  resources: readonly string[];
  verbs: readonly string[];
  /** Cluster-scoped resources are not granted by a RoleBinding, even of a ClusterRole. */
  clusterScoped?: boolean;
}

/** From the risky-permission catalogue (spec/rbac.md §1.2): permissions that let a pod take over its scope. */
const RISKY_PERMISSIONS: readonly RiskyPermission[] = [
  { ability: 'read Secrets', apiGroup: '', resources: ['secrets'], verbs: ['get', 'list', 'watch'] },
  { ability: 'create pods', apiGroup: '', resources: ['pods'], verbs: ['create'] },
  { ability: 'create or change workloads', apiGroup: 'apps', resources: ['deployments', 'daemonsets', 'statefulsets', 'replicasets'], verbs: ['create', 'update', 'patch'] },
  { ability: 'create or change Jobs', apiGroup: 'batch', resources: ['jobs', 'cronjobs'], verbs: ['create', 'update', 'patch'] },
  { ability: 'exec into pods', apiGroup: '', resources: ['pods/exec', 'pods/attach'], verbs: ['create'] },
  { ability: 'add ephemeral containers', apiGroup: '', resources: ['pods/ephemeralcontainers'], verbs: ['patch', 'update'] },
  { ability: 'bind or escalate roles', apiGroup: 'rbac.authorization.k8s.io', resources: ['roles', 'clusterroles'], verbs: ['bind', 'escalate'] },
  { ability: 'create role bindings', apiGroup: 'rbac.authorization.k8s.io', resources: ['rolebindings', 'clusterrolebindings'], verbs: ['create', 'update', 'patch'] },
  { ability: 'impersonate users, groups or ServiceAccounts', apiGroup: '', resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'], clusterScoped: true },
  { ability: 'mint ServiceAccount tokens', apiGroup: '', resources: ['serviceaccounts/token'], verbs: ['create'] },
  { ability: 'reach the kubelet through nodes/proxy', apiGroup: '', resources: ['nodes/proxy'], verbs: ['get', 'create'], clusterScoped: true },
  { ability: 'change admission webhooks', apiGroup: 'admissionregistration.k8s.io', resources: ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'], verbs: ['create', 'update', 'patch', 'delete'], clusterScoped: true },
  { ability: 'approve certificate signing requests', apiGroup: 'certificates.k8s.io', resources: ['certificatesigningrequests/approval'], verbs: ['update', 'patch'], clusterScoped: true },
];

/** Default ClusterRoles whose rules are aggregated at run time, so manifests rarely contain them. */
const BUILT_IN_ROLES: Record<string, string> = {
  'cluster-admin': 'do anything',
  admin: 'read Secrets, create pods and grant roles',
  edit: 'read Secrets and create pods',
};

function matches(values: unknown, wanted: string): boolean {
  return Array.isArray(values) && values.some((value) => value === '*' || value === wanted);
}

function hasWildcard(values: unknown): boolean {
  return Array.isArray(values) && values.includes('*');
}

function resourceMatches(resources: unknown, wanted: string): boolean {
  if (!Array.isArray(resources)) return false;
  const slash = wanted.indexOf('/');
  return resources.some((r) => r === '*' || r === wanted || (slash !== -1 && r === `*${wanted.slice(slash)}`));
}

/** What the rules allow from the risky list (rules restricted by resourceNames are left out). */
function riskyAbilities(rules: readonly unknown[], namespaced: boolean): string[] {
  const abilities: string[] = [];
  for (const rule of rules) {
    if (!isObject(rule) || (Array.isArray(rule.resourceNames) && rule.resourceNames.length > 0)) continue;
    if (hasWildcard(rule.verbs) && hasWildcard(rule.resources) && hasWildcard(rule.apiGroups)) {
      return ['do anything'];
    }
    for (const permission of RISKY_PERMISSIONS) {
      if (namespaced && permission.clusterScoped) continue;
      if (abilities.includes(permission.ability)) continue;
      if (!matches(rule.apiGroups, permission.apiGroup)) continue;
      if (permission.resources.some((r) => resourceMatches(rule.resources, r)) && permission.verbs.some((v) => matches(rule.verbs, v))) {
        abilities.push(permission.ability);
      }
    }
  }
  return abilities;
}

/** Rules of a role, with ClusterRole aggregation resolved among the input's ClusterRoles. */
function rulesOf(role: K8sObject, objects: ObjectIndex, seen = new Set<K8sObject>()): unknown[] {
  seen.add(role);
  const own = Array.isArray(role.rules) ? role.rules : [];
  const selectors = role.aggregationRule?.clusterRoleSelectors;
  if (!Array.isArray(selectors)) return own;
  const aggregated = objects.ofKind('ClusterRole').filter((candidate) =>
    !seen.has(candidate) && selectors.some((selector) => selectorMatches(selector, candidate.metadata?.labels)));
  return [...own, ...aggregated.flatMap((candidate) => rulesOf(candidate, objects, seen))];
}

/** Checked for every workload x binding of its namespace: no strings are built unless a subject needs them. */
function grantsTo(binding: K8sObject, namespace: string, serviceAccount: string): boolean {
  if (!Array.isArray(binding.subjects)) return false;
  for (const subject of binding.subjects as unknown[]) {
    if (!isObject(subject)) continue;
    if (subject.kind === 'ServiceAccount') {
      const bindingNamespace = binding.kind === 'RoleBinding' ? namespaceOf(binding) : undefined;
      if (subject.name === serviceAccount && (subject.namespace ?? bindingNamespace) === namespace) return true;
    } else if (subject.kind === 'User') {
      if (subject.name === `system:serviceaccount:${namespace}:${serviceAccount}`) return true;
    } else if (subject.kind === 'Group') {
      const name = subject.name;
      if (name === 'system:serviceaccounts' || name === `system:serviceaccounts:${namespace}` || name === 'system:authenticated') return true;
    }
  }
  return false;
}

/** True when the pod can use its ServiceAccount's token: automounted, or projected into a volume. */
function hasToken(pod: { spec: Record<string, any> }, account: K8sObject | undefined): boolean {
  const projected = (pod.spec.volumes ?? []).some((volume: any) =>
    (volume?.projected?.sources ?? []).some((source: any) => isObject(source?.serviceAccountToken)));
  if (projected) return true;
  if (pod.spec.automountServiceAccountToken !== undefined) return pod.spec.automountServiceAccountToken !== false;
  return account?.automountServiceAccountToken !== false;
}

/**
 * Per scan: the bindings whose subjects could name a given service account, by `namespace/name`, by namespace
 * (`system:serviceaccounts:<ns>` groups) and for everyone (`system:serviceaccounts`, `system:authenticated`, and
 * subjects too malformed to index). A workload then checks only those candidates, RoleBindings of its namespace
 * first and then ClusterRoleBindings, in input order, with `grantsTo` deciding as before.
 */
interface BindingCandidates {
  order: Map<K8sObject, number>;
  byAccount: Map<string, K8sObject[]>;
  byNamespace: Map<string, K8sObject[]>;
  everyone: K8sObject[];
}

const candidatesByIndex = objectMemo<ObjectIndex, BindingCandidates>('kubeward.bindingCandidates');

function bindingCandidates(objects: ObjectIndex): BindingCandidates {
  let candidates = candidatesByIndex.get(objects);
  if (candidates) return candidates;
  candidates = { order: new Map(), byAccount: new Map(), byNamespace: new Map(), everyone: [] };
  const add = (map: Map<string, K8sObject[]>, key: string, binding: K8sObject) => {
    const list = map.get(key);
    if (!list) map.set(key, [binding]);
    else if (list[list.length - 1] !== binding) list.push(binding);
  };
  const bindings = [...objects.ofKind('RoleBinding'), ...objects.ofKind('ClusterRoleBinding')];
  bindings.forEach((binding, position) => {
    candidates!.order.set(binding, position);
    if (!Array.isArray(binding.subjects)) return;
    for (const subject of binding.subjects as unknown[]) {
      if (!isObject(subject)) continue;
      const name = subject.name;
      if (subject.kind === 'ServiceAccount') {
        const namespace = subject.namespace ?? (binding.kind === 'RoleBinding' ? namespaceOf(binding) : undefined);
        if (typeof name === 'string' && typeof namespace === 'string') add(candidates!.byAccount, `${namespace}/${name}`, binding);
        else if (candidates!.everyone[candidates!.everyone.length - 1] !== binding) candidates!.everyone.push(binding);
      } else if (subject.kind === 'User' && typeof name === 'string' && name.startsWith('system:serviceaccount:')) {
        const [namespace, account] = name.slice('system:serviceaccount:'.length).split(':');
        add(candidates!.byAccount, `${namespace}/${account}`, binding);
      } else if (subject.kind === 'Group' && typeof name === 'string') {
        if (name === 'system:serviceaccounts' || name === 'system:authenticated') {
          if (candidates!.everyone[candidates!.everyone.length - 1] !== binding) candidates!.everyone.push(binding);
        } else if (name.startsWith('system:serviceaccounts:')) {
          add(candidates!.byNamespace, name.slice('system:serviceaccounts:'.length), binding);
        }
      }
    }
  });
  candidatesByIndex.set(objects, candidates);
  return candidates;
}

/** The bindings that may grant to `namespace/serviceAccount`: the namespace's RoleBindings, then ClusterRoleBindings. */
function candidateBindings(objects: ObjectIndex, namespace: string, serviceAccount: string): K8sObject[] {
  const candidates = bindingCandidates(objects);
  const found = new Set<K8sObject>([
    ...(candidates.byAccount.get(`${namespace}/${serviceAccount}`) ?? []),
    ...(candidates.byNamespace.get(namespace) ?? []),
    ...candidates.everyone,
  ]);
  const inScope = [...found].filter((binding) => binding.kind === 'ClusterRoleBinding' || namespaceOf(binding) === namespace);
  return inScope.sort((a, b) => candidates.order.get(a)! - candidates.order.get(b)!);
}

export default defineRule({
  id: 'service-account-privileged-role',
  meta: {
    title: 'Workloads should not run as a ServiceAccount with administrative permissions',
    category: 'service-accounts',
    severity: 'high',
    description: 'When a pod\'s ServiceAccount can read Secrets, create pods or grant roles, anyone who runs code in the pod can take over the namespace or the cluster with its mounted token.',
    remediation: 'Bind the workload\'s ServiceAccount to a role with only the verbs and resources it uses, or stop mounting its token.',
    appliesTo: 'workloads',
    messages: {
      privilegedRole: 'ServiceAccount "{{serviceAccount}}" is bound to {{role}} by {{binding}} and can {{abilities}} {{scope}}.',
    },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.1.1: Ensure that the cluster-admin role is only used where required' },
      { title: 'Kubernetes: Role Based Access Control Good Practices, privilege escalation risks', url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/' },
      { title: 'MITRE ATT&CK T1078.001 Valid Accounts: Default Accounts', url: 'https://attack.mitre.org/techniques/T1078/001/' },
    ],
    peers: { kubescape: ['C-0267', 'C-0272'] },
  },
  check(object, { objects }) {
    const pod = podSpecOf(object);
    const namespace = namespaceOf(object);
    if (!pod || namespace === undefined) return [];
    const serviceAccount = serviceAccountOf(pod);
    if (!hasToken(pod, objects.find('ServiceAccount', namespace, serviceAccount.name))) return [];
    const violations = [];
    for (const binding of candidateBindings(objects, namespace, serviceAccount.name)) {
      if (!grantsTo(binding, namespace, serviceAccount.name)) continue;
      const roleRef = binding.roleRef;
      if (!isObject(roleRef) || typeof roleRef.name !== 'string') continue;
      const namespaced = binding.kind === 'RoleBinding';
      let abilities: string[];
      if (roleRef.kind === 'ClusterRole' && BUILT_IN_ROLES[roleRef.name]) {
        abilities = [BUILT_IN_ROLES[roleRef.name]];
      } else {
        const role = roleRef.kind === 'Role' ? objects.find('Role', namespace, roleRef.name) : objects.find('ClusterRole', undefined, roleRef.name);
        abilities = role ? riskyAbilities(rulesOf(role, objects), namespaced) : [];
      }
      if (abilities.length === 0) continue;
      violations.push({
        messageId: 'privilegedRole' as const,
        path: serviceAccount.path,
        data: {
          serviceAccount: serviceAccount.name,
          role: `${roleRef.kind} ${roleRef.name}`,
          binding: describeRef(refOf(binding)),
          abilities: abilities.join(', '),
          scope: namespaced ? `in namespace ${namespace}` : 'cluster-wide',
        },
      });
    }
    return violations;
  },
});
