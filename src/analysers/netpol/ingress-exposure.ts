/**
 * Ingress-only exposure for the scan rules: per workload, whether policies protect its ingress, what any pod
 * of any namespace may open to it and what every external address may open to it. Same answers as
 * `analyseExposure`, without the cluster-wide model and engine: policies are parsed once per object index,
 * and a workload is evaluated only when a rule asks about the object it was read from.
 */
import { nullThrows } from '../../core/errors.js';
import { objectMemo } from '../../core/memo.js';
import type { ObjectIndex } from '../../core/engine/object-index.js';
import type { K8sObject } from '../../core/k8s/object.js';
import type { PodTemplateView } from '../../core/k8s/pod-spec.js';
import { selectorMatches } from '../../core/k8s/selectors.js';
import { atomiseAddressSpace, rangesContain, type IpRange } from './ip.js';
import {
  containerPortsOf,
  NAMESPACE_NAME_LABEL,
  parseAdminPolicy,
  parseNetworkPolicy,
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
  type PortSpec,
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

interface WorkloadPod {
  object: K8sObject;
  namespace: string;
  view: PodTemplateView;
}

interface IngressPolicies {
  netpolByNamespace: Map<string, NetworkPolicyInfo[]>;
  /** AdminNetworkPolicies by priority, then the BaselineAdminNetworkPolicy (first one only). */
  adminPolicies: AdminPolicyInfo[];
  baselinePolicy: AdminPolicyInfo | undefined;
  namespaceLabels: Map<string, Record<string, string>>;
  /** The ingress IP atoms the engine would use: every NetworkPolicy's ingress ipBlocks cut the address space. */
  atoms: IpRange[];
  entries: Map<object, Array<Entry<PolicyRule | AdminRule>>>;
  /** Objects that run pods, grouped by workload id; a workload is reported on its first object. */
  groups: Map<string, WorkloadPod[]>;
  workloadIdOf: Map<K8sObject, string>;
  results: Map<K8sObject, WorkloadIngressExposure[]>;
}

const cache = objectMemo<object, IngressPolicies>('kubeward.ingressPolicies');

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
  const groups = new Map<string, WorkloadPod[]>();
  const workloadIdOf = new Map<K8sObject, string>();
  for (const { object, pod: view } of index.workloads()) {
    const key = workloadKeyOf(object);
    if (!key) continue;
    const id = `${key.namespace}/${key.name}[${key.kind}]`;
    workloadIdOf.set(object, id);
    const pod = { object, namespace: key.namespace, view };
    const group = groups.get(id);
    if (group) group.push(pod);
    else groups.set(id, [pod]);
  }
  return {
    netpolByNamespace,
    adminPolicies,
    baselinePolicy,
    namespaceLabels,
    atoms: atomiseAddressSpace(ingressIpBlocks),
    entries: new Map(),
    groups,
    workloadIdOf,
    results: new Map(),
  };
}

function peerAnswers(policies: IngressPolicies, rule: PolicyRule | AdminRule): PeerAnswers {
  const peers: Peer[] | undefined = rule.peers;
  return {
    entireCluster: peers === undefined || peers.some((peer) => peer.kind === 'pods' && selectsEntireCluster(peer)),
    atoms: policies.atoms.map((atom) => peers === undefined || peers.some((peer) => peer.kind === 'ip' && rangesContain(peer.ranges, atom[0]))),
  };
}

interface Entry<Rule> {
  rule: Rule;
  answers: PeerAnswers;
}

/** A policy's ingress rules with their answers, compiled on first use and shared by every pod it selects. */
function ingressEntriesOf<Rule extends PolicyRule | AdminRule>(policies: IngressPolicies, policy: { ingress: Rule[] }): Array<Entry<Rule>> {
  let entries = policies.entries.get(policy) as Array<Entry<Rule>> | undefined;
  if (!entries) {
    entries = policy.ingress.map((rule) => ({ rule, answers: peerAnswers(policies, rule) }));
    policies.entries.set(policy, entries);
  }
  return entries;
}

/** Pod labels as strings; templates written in YAML usually hold strings already, so no copy is made then. */
function labelsOf(view: PodTemplateView): Readonly<Record<string, string>> {
  const labels: unknown = view.metadata.labels;
  if (labels !== null && typeof labels === 'object' && !Array.isArray(labels) && Object.values(labels).every((value) => typeof value === 'string')) {
    return labels as Record<string, string>;
  }
  return stringMap(labels);
}

const NO_RULES: TieredRules<Entry<PolicyRule>, Entry<AdminRule>> = { netpol: undefined, admin: [], baseline: [] };

/** The ingress rules that apply to one pod, tier by tier, as the engine compiles them for its class. */
function ingressRulesOf(policies: IngressPolicies, namespace: string, view: PodTemplateView): TieredRules<Entry<PolicyRule>, Entry<AdminRule>> {
  const namespacePolicies = policies.netpolByNamespace.get(namespace);
  // Most pods live where no policy could select them: no need to read their labels.
  if (namespacePolicies === undefined && policies.adminPolicies.length === 0 && policies.baselinePolicy === undefined) return NO_RULES;
  const labels = labelsOf(view);
  let netpol: Array<Entry<PolicyRule>> | undefined;
  for (const policy of namespacePolicies ?? []) {
    if (!policy.affectsIngress || !selectorMatches(policy.podSelector, labels)) continue;
    netpol = netpol === undefined ? ingressEntriesOf(policies, policy) : [...netpol, ...ingressEntriesOf(policies, policy)];
  }
  const namespaceLabels = policies.namespaceLabels.get(namespace) ?? { [NAMESPACE_NAME_LABEL]: namespace };
  const adminRules = (policy: AdminPolicyInfo | undefined): Array<Entry<AdminRule>> => {
    if (!policy) return [];
    const { subject } = policy;
    if (!selectorMatches(subject.namespaceSelector ?? {}, namespaceLabels)) return [];
    if (subject.podSelector !== undefined && !selectorMatches(subject.podSelector, labels)) return [];
    return ingressEntriesOf(policies, policy);
  };
  return { netpol, admin: policies.adminPolicies.flatMap(adminRules), baseline: adminRules(policies.baselinePolicy) };
}

/** Named ports by name, the first container port with a name winning (as the model's pod classes keep them). */
function namedPortsOf(view: PodTemplateView): Map<string, ContainerPortInfo> {
  const namedPorts = new Map<string, ContainerPortInfo>();
  for (const port of containerPortsOf(view.spec)) if (port.name && !namedPorts.has(port.name)) namedPorts.set(port.name, port);
  return namedPorts;
}

function evaluateWorkload(policies: IngressPolicies, id: string, pods: readonly WorkloadPod[]): WorkloadIngressExposure {
  let ingressProtected = true;
  let fromEntireCluster: ConnectionSet = NO_CONNECTIONS;
  let fromAnywhere: ConnectionSet = ALL_CONNECTIONS;
  for (const { namespace, view } of pods) {
    const rules = ingressRulesOf(policies, namespace, view);
    // Container ports are read only when a rule names a port: most rules use numbers.
    let namedPorts: Map<string, ContainerPortInfo> | undefined;
    const portsOf = (spec: PortSpec) => (spec.named.length === 0 ? spec.numeric : resolveNamedPorts(spec, (namedPorts ??= namedPortsOf(view))));
    ingressProtected &&= rules.netpol !== undefined || rules.admin.length > 0 || rules.baseline.length > 0;
    fromEntireCluster = fromEntireCluster.union(allowedByTiers(rules, (entry) => entry.answers.entireCluster, portsOf));
    for (let atom = 0; atom < policies.atoms.length; atom++) {
      fromAnywhere = fromAnywhere.intersect(allowedByTiers(rules, (entry) => entry.answers.atoms[atom], portsOf));
    }
  }
  return { workload: { id }, ingressProtected, fromEntireCluster, fromAnywhere };
}

/** Whether the index holds anything that can select pods for ingress (without one, every workload is unprotected). */
function mayProtectIngress(index: ObjectIndex): boolean {
  return index.ofKind('NetworkPolicy').length > 0 || index.ofKind('AdminNetworkPolicy').length > 0 || index.ofKind('BaselineAdminNetworkPolicy').length > 0;
}

/**
 * The exposures the reachability rules judge: those of protected workloads, or of every workload with
 * `includeUnprotected`. When nothing in the index can select pods, nothing is protected, so the analysis is not
 * even prepared (at admission the index is one object and its namespace).
 */
export function judgedIngressExposures(index: ObjectIndex, object: K8sObject, includeUnprotected: boolean): WorkloadIngressExposure[] {
  if (!includeUnprotected && !mayProtectIngress(index)) return [];
  const exposures = ingressExposureOf(index, object);
  return includeUnprotected ? exposures : exposures.filter((exposure) => exposure.ingressProtected);
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
  const id = policies.workloadIdOf.get(object);
  if (id === undefined) return [];
  let result = policies.results.get(object);
  if (!result) {
    const group = nullThrows(policies.groups.get(id), 'every workload id has its group');
    result = group[0].object === object ? [evaluateWorkload(policies, id, group)] : [];
    policies.results.set(object, result);
  }
  return result;
}
