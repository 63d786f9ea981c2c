/**
 * Ingress-only exposure for the scan rules: per workload, whether policies protect its ingress, what any pod
 * of any namespace may open to it and what every external address may open to it. Same answers as
 * `analyseExposure`, without the cluster-wide model and engine: policies are parsed once per object index,
 * and a workload is evaluated only when a rule asks about the object it was read from.
 */
import type { ObjectIndex } from '../../core/engine/object-index.js';
import type { K8sObject } from '../../core/k8s/object.js';
import { selectorMatches } from '../../core/k8s/selectors.js';
import { atomiseAddressSpace, rangesContain, type IpRange } from './ip.js';
import {
  NAMESPACE_NAME_LABEL,
  parseAdminPolicy,
  parseNetworkPolicy,
  podsOfObject,
  selectsEntireCluster,
  stringMap,
  workloadKeyOf,
  type AdminPolicyInfo,
  type AdminRule,
  type ContainerPortInfo,
  type NetpolWarning,
  type NetworkPolicyInfo,
  type Peer,
  type PolicyRule,
} from './model.js';
import { allowedByTiers, resolveNamedPorts, type TieredRules } from './policy-engine.js';
import { ALL_CONNECTIONS, NO_CONNECTIONS, type ConnectionSet } from './ports.js';

export interface WorkloadIngressExposure {
  workload: { id: string };
  /** Some NetworkPolicy or admin policy selects every pod of the workload for ingress. */
  ingressProtected: boolean;
  /** Connections any pod in any namespace may open to the workload. */
  fromEntireCluster: ConnectionSet;
  /** Connections every external address may open to it: the intersection over all external ranges. */
  fromAnywhere: ConnectionSet;
}

/** A rule reduced to the two peers these questions ask about: the entire cluster and each ingress IP atom. */
interface PeerAnswers {
  entireCluster: boolean;
  atoms: readonly boolean[];
}

interface IngressPolicies {
  netpolByNamespace: Map<string, NetworkPolicyInfo[]>;
  /** AdminNetworkPolicies by priority, then the BaselineAdminNetworkPolicy (first one only). */
  adminPolicies: AdminPolicyInfo[];
  baselinePolicy: AdminPolicyInfo | undefined;
  namespaceLabels: Map<string, Record<string, string>>;
  /** The ingress IP atoms the engine would use: every NetworkPolicy's ingress ipBlocks cut the address space. */
  atoms: IpRange[];
  answers: WeakMap<object, PeerAnswers>;
  /** Objects that run pods, grouped by workload id; a workload is reported on its first object. */
  groups: Map<string, K8sObject[]>;
  workloadIdOf: Map<K8sObject, string>;
  results: Map<K8sObject, WorkloadIngressExposure[]>;
}

const cache = new WeakMap<object, IngressPolicies>();

function prepare(index: ObjectIndex): IngressPolicies {
  const netpolByNamespace = new Map<string, NetworkPolicyInfo[]>();
  // Invalid policy parts are the netpol command's to report; the scan rules analyse what parses.
  const ignoredWarnings: NetpolWarning[] = [];
  const ingressIpBlocks: IpRange[][] = [];
  for (const object of index.ofKind('NetworkPolicy')) {
    if (!object.apiVersion.startsWith('networking.k8s.io/')) continue;
    const policy = parseNetworkPolicy(object, ignoredWarnings);
    for (const rule of policy.ingress) for (const peer of rule.peers ?? []) if (peer.kind === 'ip') ingressIpBlocks.push(peer.ranges);
    const list = netpolByNamespace.get(policy.namespace) ?? [];
    list.push(policy);
    netpolByNamespace.set(policy.namespace, list);
  }
  const adminPolicies = index.ofKind('AdminNetworkPolicy').flatMap((object) => parseAdminPolicy(object, ignoredWarnings) ?? []);
  adminPolicies.sort((a, b) => a.priority - b.priority);
  let baselinePolicy: AdminPolicyInfo | undefined;
  for (const object of index.ofKind('BaselineAdminNetworkPolicy')) {
    baselinePolicy = parseAdminPolicy(object, ignoredWarnings);
    if (baselinePolicy) break;
  }
  const namespaceLabels = new Map<string, Record<string, string>>();
  for (const object of index.ofKind('Namespace')) {
    const name = object.metadata?.name;
    if (name) namespaceLabels.set(name, { ...stringMap(object.metadata?.labels), [NAMESPACE_NAME_LABEL]: name });
  }
  const groups = new Map<string, K8sObject[]>();
  const workloadIdOf = new Map<K8sObject, string>();
  for (const { object } of index.workloads()) {
    const key = workloadKeyOf(object);
    if (!key) continue;
    const id = `${key.namespace}/${key.name}[${key.kind}]`;
    workloadIdOf.set(object, id);
    const group = groups.get(id);
    if (group) group.push(object);
    else groups.set(id, [object]);
  }
  return {
    netpolByNamespace,
    adminPolicies,
    baselinePolicy,
    namespaceLabels,
    atoms: atomiseAddressSpace(ingressIpBlocks),
    answers: new WeakMap(),
    groups,
    workloadIdOf,
    results: new Map(),
  };
}

function peerAnswers(policies: IngressPolicies, rule: PolicyRule | AdminRule): PeerAnswers {
  let answers = policies.answers.get(rule);
  if (!answers) {
    const peers: Peer[] | undefined = rule.peers;
    answers = {
      entireCluster: peers === undefined || peers.some((peer) => peer.kind === 'pods' && selectsEntireCluster(peer)),
      atoms: policies.atoms.map((atom) => peers === undefined || peers.some((peer) => peer.kind === 'ip' && rangesContain(peer.ranges, atom[0]))),
    };
    policies.answers.set(rule, answers);
  }
  return answers;
}

interface Entry<Rule> {
  rule: Rule;
  answers: PeerAnswers;
}

/** The ingress rules that apply to one pod, tier by tier, as the engine compiles them for its class. */
function ingressRulesOf(policies: IngressPolicies, namespace: string, labels: Readonly<Record<string, string>>): TieredRules<Entry<PolicyRule>, Entry<AdminRule>> {
  let netpol: Array<Entry<PolicyRule>> | undefined;
  for (const policy of policies.netpolByNamespace.get(namespace) ?? []) {
    if (!policy.affectsIngress || !selectorMatches(policy.podSelector, labels)) continue;
    netpol ??= [];
    for (const rule of policy.ingress) netpol.push({ rule, answers: peerAnswers(policies, rule) });
  }
  const namespaceLabels = policies.namespaceLabels.get(namespace) ?? { [NAMESPACE_NAME_LABEL]: namespace };
  const adminRules = (policy: AdminPolicyInfo | undefined): Array<Entry<AdminRule>> => {
    if (!policy) return [];
    const { subject } = policy;
    if (!selectorMatches(subject.namespaceSelector ?? {}, namespaceLabels)) return [];
    if (subject.podSelector !== undefined && !selectorMatches(subject.podSelector, labels)) return [];
    return policy.ingress.map((rule) => ({ rule, answers: peerAnswers(policies, rule) }));
  };
  return { netpol, admin: policies.adminPolicies.flatMap(adminRules), baseline: adminRules(policies.baselinePolicy) };
}

function evaluateWorkload(policies: IngressPolicies, id: string, objects: readonly K8sObject[]): WorkloadIngressExposure {
  let ingressProtected = true;
  let fromEntireCluster: ConnectionSet = NO_CONNECTIONS;
  let fromAnywhere: ConnectionSet = ALL_CONNECTIONS;
  for (const object of objects) {
    for (const { pod } of podsOfObject(object)) {
      const rules = ingressRulesOf(policies, pod.namespace, pod.labels);
      const namedPorts = new Map<string, ContainerPortInfo>();
      for (const port of pod.ports) if (port.name && !namedPorts.has(port.name)) namedPorts.set(port.name, port);
      const portsOf = (spec: PolicyRule['ports']) => (spec.named.length === 0 ? spec.numeric : resolveNamedPorts(spec, namedPorts));
      ingressProtected &&= rules.netpol !== undefined || rules.admin.length > 0 || rules.baseline.length > 0;
      fromEntireCluster = fromEntireCluster.union(allowedByTiers(rules, (entry) => entry.answers.entireCluster, portsOf));
      policies.atoms.forEach((_, atom) => {
        fromAnywhere = fromAnywhere.intersect(allowedByTiers(rules, (entry) => entry.answers.atoms[atom], portsOf));
      });
    }
  }
  return { workload: { id }, ingressProtected, fromEntireCluster, fromAnywhere };
}

/**
 * The ingress exposure of the workloads read from `object` (none, or one: a workload whose pods come from
 * several objects is reported on the first), computed on first request and kept per object index.
 */
export function ingressExposureOf(index: ObjectIndex, object: K8sObject): WorkloadIngressExposure[] {
  let policies = cache.get(index);
  if (!policies) {
    policies = prepare(index);
    cache.set(index, policies);
  }
  let result = policies.results.get(object);
  if (!result) {
    const id = policies.workloadIdOf.get(object);
    const group = id === undefined ? undefined : policies.groups.get(id);
    result = id !== undefined && group !== undefined && group[0] === object ? [evaluateWorkload(policies, id, group)] : [];
    policies.results.set(object, result);
  }
  return result;
}
