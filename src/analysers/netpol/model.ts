/**
 * The cluster as the reachability analysis sees it: namespaces with their labels, workloads and their pods,
 * pods grouped into equivalence classes (namespace + labels + named ports), and parsed NetworkPolicies,
 * AdminNetworkPolicies and the BaselineAdminNetworkPolicy. Invalid policy parts become diagnostics, not throws.
 */
import { nullThrows } from '../../core/errors.js';
import { isObject, namespaceOf, type K8sObject, type ObjectRef } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { selectorMatches, type LabelSelector } from '../../core/k8s/selectors.js';
import { parseCidr, type IpRange } from './ip.js';
import { mergeRanges, subtractRanges } from './ranges.js';
import { ALL_CONNECTIONS, ConnectionSet, isProtocol, MAX_PORT, MIN_PORT, type Protocol } from './ports.js';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface ContainerPortInfo {
  name?: string;
  port: number;
  protocol: Protocol;
}

export interface PodInfo {
  namespace: string;
  name: string;
  labels: Readonly<Record<string, string>>;
  ports: readonly ContainerPortInfo[];
  ips: readonly string[];
  hostNetwork: boolean;
  workload: Workload;
  classIndex: number;
}

/** A pod owner (or a bare pod): the unit np-guard lists, printed `ns/name[Kind]`. */
export interface Workload {
  index: number;
  namespace: string;
  name: string;
  kind: string;
  /** `ns/name[Kind]` */
  id: string;
  pods: PodInfo[];
  /** Distinct pod classes of this workload, usually one. */
  classes: number[];
  /** The object the workload was read from (the Pod for PodList inputs). */
  object: K8sObject;
}

/** Pods that no policy can tell apart: same namespace, same labels, same named ports. */
export interface PodClass {
  index: number;
  namespace: string;
  labels: Readonly<Record<string, string>>;
  ports: readonly ContainerPortInfo[];
  /** Named ports by name: the first container port with that name wins, as in np-guard. */
  namedPorts: ReadonlyMap<string, ContainerPortInfo>;
  namedPortsKey: string;
  workloads: number[];
}

export interface NamespaceInfo {
  name: string;
  labels: Readonly<Record<string, string>>;
}

/** A port entry of a rule: numeric ports are resolved up front, named ports per destination pod. */
export interface PortSpec {
  numeric: ConnectionSet;
  named: ReadonlyArray<{ name: string; protocol: Protocol | undefined }>;
}

export const ALL_PORTS_SPEC: PortSpec = { numeric: ALL_CONNECTIONS, named: [] };

/** Selects pods: namespaceSelector (undefined = the policy's namespace only) AND podSelector (undefined = all). */
export interface PodPeer {
  kind: 'pods';
  /** Set when the peer is limited to the policy's own namespace. */
  sameNamespace?: string;
  namespaceSelector?: LabelSelector;
  podSelector?: LabelSelector;
}

export interface IpPeer {
  kind: 'ip';
  ranges: IpRange[];
  /** The source text, for warnings and explanations. */
  text: string;
}

export type Peer = PodPeer | IpPeer;

export interface PolicyRule {
  /** `undefined` means every peer (a rule without from/to). */
  peers: Peer[] | undefined;
  ports: PortSpec;
  /** 1-based, as np-guard's explanations number rules. */
  number: number;
}

export interface NetworkPolicyInfo {
  namespace: string;
  name: string;
  object: K8sObject;
  podSelector: LabelSelector;
  affectsIngress: boolean;
  affectsEgress: boolean;
  ingress: PolicyRule[];
  egress: PolicyRule[];
}

export type AdminAction = 'Allow' | 'Deny' | 'Pass';

export interface AdminRule {
  name: string;
  action: AdminAction;
  peers: Peer[];
  ports: PortSpec;
}

export interface AdminPolicyInfo {
  kind: 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';
  name: string;
  priority: number;
  object: K8sObject;
  subject: PodPeer;
  ingress: AdminRule[];
  egress: AdminRule[];
}

export interface ClusterModel {
  namespaces: ReadonlyMap<string, NamespaceInfo>;
  workloads: Workload[];
  classes: PodClass[];
  pods: PodInfo[];
  policies: NetworkPolicyInfo[];
  /** Sorted by priority, lowest number first. */
  adminPolicies: AdminPolicyInfo[];
  baselinePolicy: AdminPolicyInfo | undefined;
  /** The pod class standing for the ingress controller when Ingress or Route objects exist (np-guard's placeholder pod). */
  ingressControllerClass: number | undefined;
  /**
   * With `representative: true`: pods the manifests may not hold, inferred from the rules' selectors (np-guard's
   * representative peers). Index 0 is always the entire cluster (any pod in any namespace). Empty otherwise.
   */
  representatives: RepresentativePeer[];
  warnings: NetpolWarning[];
}

/**
 * Any pod matching a rule's selectors, whether or not the manifests contain one: `namespaceSelector` AND
 * `podSelector`, both `{}` for the entire cluster. A rule without namespaceSelector is pinned to its
 * policy's namespace through `kubernetes.io/metadata.name`. Rules admit it only when their selectors are empty
 * or equal to its own (np-guard's full match), never by label evaluation.
 */
export interface RepresentativePeer {
  index: number;
  namespaceSelector: LabelSelector;
  podSelector: LabelSelector;
  /** Canonical requirement strings (see `selectorKey`), for the full-match test. */
  namespaceKey: string;
  podKey: string;
}

/** np-guard's placeholder for the unknown ingress controller pod: no labels, in a namespace of its own. */
export const INGRESS_CONTROLLER_NAMESPACE = 'ingress-controller-ns';

export interface ModelOptions {
  /** Infer the representative peers used by exposure analysis. */
  representative?: boolean;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController']);

/** Why a warning was raised: input the analysis had to skip, or a policy trap worth a look. */
export type NetpolWarningKind =
  | 'invalid-policy'
  | 'unsupported'
  | 'policy-selects-no-pod'
  | 'named-port-unmatched'
  | 'ipblock-covers-pods'
  | 'host-network'
  | 'workload-pods-differ';

export interface NetpolWarning {
  kind: NetpolWarningKind;
  message: string;
  object?: ObjectRef;
}

function warn(diagnostics: NetpolWarning[], message: string, object?: K8sObject, kind: NetpolWarningKind = 'invalid-policy'): void {
  const warning: NetpolWarning = { kind, message };
  if (object) warning.object = refOfObject(object);
  diagnostics.push(warning);
}

function refOfObject(object: K8sObject): ObjectRef {
  const ref: ObjectRef = { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata?.name ?? '<unnamed>' };
  const namespace = namespaceOf(object);
  if (namespace !== undefined) ref.namespace = namespace;
  return ref;
}

export function stringMap(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) out[key] = String(item);
  return out;
}

export function containerPortsOf(spec: Record<string, any>): ContainerPortInfo[] {
  const ports: ContainerPortInfo[] = [];
  for (const container of Array.isArray(spec.containers) ? spec.containers : []) {
    for (const port of Array.isArray(container?.ports) ? container.ports : []) {
      const number = Number(port?.containerPort);
      if (!Number.isInteger(number)) continue;
      const protocol = isProtocol(port.protocol) ? port.protocol : 'TCP';
      ports.push({ ...(typeof port.name === 'string' ? { name: port.name } : {}), port: number, protocol });
    }
  }
  return ports;
}

function podIpsOf(object: K8sObject): string[] {
  const status = object.status;
  if (!isObject(status)) return [];
  const ips = Array.isArray(status.podIPs) ? status.podIPs.map((entry: any) => entry?.ip).filter((ip: unknown) => typeof ip === 'string') : [];
  if (ips.length === 0 && typeof status.podIP === 'string') ips.push(status.podIP);
  return ips;
}

function labelsKey(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels).sort().map((key) => `${key}=${labels[key]}`).join('\u0001');
}

/**
 * The workload an object's pods belong to (`ns/name[Kind]`), or undefined when the object runs none the
 * analysis lists. The caller has checked that the object has a pod template (`podSpecOf`).
 */
export function workloadKeyOf(object: K8sObject): { namespace: string; name: string; kind: string } | undefined {
  if (object.kind === 'PodTemplate') return undefined;
  const namespace = namespaceOf(object) ?? 'default';
  const name = object.metadata?.name ?? '<unnamed>';
  if (object.kind === 'Pod') {
    const owner = (object.metadata?.ownerReferences ?? []).find((ref) => ref?.controller === true);
    // np-guard ignores Node owners (static pods) and prints an owner without a kind as a Pod.
    if (owner && owner.kind !== 'Node' && owner.name) return { namespace, name: owner.name, kind: owner.kind || 'Pod' };
    return { namespace, name, kind: 'Pod' };
  }
  if (!WORKLOAD_KINDS.has(object.kind) && !isObject(object.spec?.template)) return undefined;
  return { namespace, name, kind: object.kind };
}

/** Pods of one object: a Pod is itself (owned by its controller if any), a workload yields one template pod. */
function podsOfObject(object: K8sObject, view = podSpecOf(object)): Array<{ workloadKey: { namespace: string; name: string; kind: string }; pod: Omit<PodInfo, 'workload' | 'classIndex'> }> {
  if (!view) return [];
  const workloadKey = workloadKeyOf(object);
  if (!workloadKey) return [];
  const pod = {
    namespace: workloadKey.namespace,
    name: object.metadata?.name ?? '<unnamed>',
    labels: stringMap(view.metadata.labels),
    ports: containerPortsOf(view.spec),
    ips: object.kind === 'Pod' ? podIpsOf(object) : [],
    hostNetwork: view.spec.hostNetwork === true,
  };
  return [{ workloadKey, pod }];
}

function parseSelector(value: unknown): LabelSelector | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) return { matchExpressions: [{ key: '', operator: 'Invalid' }] };
  const selector: LabelSelector = {};
  if (isObject(value.matchLabels)) selector.matchLabels = stringMap(value.matchLabels);
  if (Array.isArray(value.matchExpressions)) selector.matchExpressions = value.matchExpressions;
  return selector;
}

function parsePorts(raw: unknown, where: string, diagnostics: NetpolWarning[], object: K8sObject): PortSpec {
  if (!Array.isArray(raw) || raw.length === 0) return ALL_PORTS_SPEC;
  let numeric = ConnectionSet.of({});
  const named: Array<{ name: string; protocol: Protocol | undefined }> = [];
  for (const entry of raw) {
    if (!isObject(entry)) continue;
    const protocol: Protocol = isProtocol(entry.protocol) ? entry.protocol : 'TCP';
    if (entry.protocol !== undefined && !isProtocol(entry.protocol)) {
      warn(diagnostics, `${where}: unknown protocol ${String(entry.protocol)}; treated as TCP`, object);
    }
    const port = entry.port;
    if (port === undefined || port === null) {
      numeric = numeric.union(ConnectionSet.protocol(protocol));
    } else if (typeof port === 'string' && !/^\d+$/.test(port)) {
      if (entry.endPort !== undefined) warn(diagnostics, `${where}: endPort is ignored with the named port "${port}"`, object);
      named.push({ name: port, protocol });
    } else {
      const first = Number(port);
      const last = entry.endPort === undefined || entry.endPort === null ? first : Number(entry.endPort);
      if (!Number.isInteger(first) || !Number.isInteger(last) || first < MIN_PORT || last > MAX_PORT || last < first) {
        warn(diagnostics, `${where}: invalid port range ${String(port)}${entry.endPort !== undefined ? `-${String(entry.endPort)}` : ''}; ignored`, object);
        continue;
      }
      numeric = numeric.union(ConnectionSet.protocol(protocol, [first, last]));
    }
  }
  return { numeric, named };
}

function parseIpBlock(raw: Record<string, any>, where: string, diagnostics: NetpolWarning[], object: K8sObject): IpPeer | undefined {
  const cidr = parseCidr(raw.cidr);
  if (cidr.kind === 'ipv6') {
    warn(diagnostics, `${where}: IPv6 ipBlock ${String(raw.cidr)} is not analysed`, object, 'unsupported');
    return undefined;
  }
  if (cidr.kind === 'invalid') {
    warn(diagnostics, `${where}: invalid ipBlock cidr ${String(raw.cidr)}; ignored`, object);
    return undefined;
  }
  const excepts: IpRange[] = [];
  for (const text of Array.isArray(raw.except) ? raw.except : []) {
    const parsed = parseCidr(text);
    if (parsed.kind === 'ipv4') excepts.push(parsed.range);
    else if (parsed.kind === 'invalid') warn(diagnostics, `${where}: invalid ipBlock except ${String(text)}; ignored`, object);
  }
  const ranges = mergeRanges(subtractRanges([cidr.range], excepts));
  const text = excepts.length > 0 ? `${String(raw.cidr)} except ${(raw.except as string[]).join(', ')}` : String(raw.cidr);
  return { kind: 'ip', ranges, text };
}

function parseNetpolPeers(raw: unknown, namespace: string, where: string, diagnostics: NetpolWarning[], object: K8sObject): Peer[] | undefined {
  // A missing or empty from/to matches every peer.
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  const peers: Peer[] = [];
  raw.forEach((entry, i) => {
    const peerWhere = `${where} peer #${i + 1}`;
    if (!isObject(entry)) return;
    const hasIp = isObject(entry.ipBlock);
    const hasSelectors = isObject(entry.podSelector) || isObject(entry.namespaceSelector);
    if (hasIp && hasSelectors) {
      warn(diagnostics, `${peerWhere}: ipBlock cannot be combined with selectors; peer ignored`, object);
      return;
    }
    if (hasIp) {
      const ipPeer = parseIpBlock(entry.ipBlock, peerWhere, diagnostics, object);
      if (ipPeer) peers.push(ipPeer);
      return;
    }
    if (!hasSelectors) {
      warn(diagnostics, `${peerWhere}: empty peer selects nothing`, object);
      return;
    }
    const peer: PodPeer = { kind: 'pods' };
    const namespaceSelector = parseSelector(entry.namespaceSelector);
    const podSelector = parseSelector(entry.podSelector);
    if (namespaceSelector) peer.namespaceSelector = namespaceSelector;
    else peer.sameNamespace = namespace;
    if (podSelector) peer.podSelector = podSelector;
    peers.push(peer);
  });
  return peers;
}

export function parseNetworkPolicy(object: K8sObject, diagnostics: NetpolWarning[]): NetworkPolicyInfo {
  const namespace = namespaceOf(object) ?? 'default';
  const name = object.metadata?.name ?? '<unnamed>';
  const spec = isObject(object.spec) ? object.spec : {};
  const types: unknown[] = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
  const egressRules: unknown[] = Array.isArray(spec.egress) ? spec.egress : [];
  const hasTypes = types.length > 0;
  const policy: NetworkPolicyInfo = {
    namespace,
    name,
    object,
    podSelector: parseSelector(spec.podSelector) ?? {},
    // Without policyTypes, Ingress always applies and Egress only when egress rules exist.
    affectsIngress: hasTypes ? types.includes('Ingress') : true,
    affectsEgress: hasTypes ? types.includes('Egress') : egressRules.length > 0,
    ingress: [],
    egress: [],
  };
  const parseRules = (rules: unknown, direction: 'ingress' | 'egress'): PolicyRule[] =>
    (Array.isArray(rules) ? rules : []).map((rule, i) => {
      const where = `NetworkPolicy ${namespace}/${name} ${direction} rule #${i + 1}`;
      const body = isObject(rule) ? rule : {};
      return {
        number: i + 1,
        peers: parseNetpolPeers(direction === 'ingress' ? body.from : body.to, namespace, where, diagnostics, object),
        ports: parsePorts(body.ports, where, diagnostics, object),
      };
    });
  policy.ingress = parseRules(spec.ingress, 'ingress');
  policy.egress = parseRules(spec.egress, 'egress');
  return policy;
}

function parseAdminPeers(raw: unknown, where: string, direction: 'ingress' | 'egress', diagnostics: NetpolWarning[], object: K8sObject): Peer[] {
  const peers: Peer[] = [];
  (Array.isArray(raw) ? raw : []).forEach((entry, i) => {
    const peerWhere = `${where} peer #${i + 1}`;
    if (!isObject(entry)) return;
    if (isObject(entry.namespaces)) peers.push({ kind: 'pods', namespaceSelector: parseSelector(entry.namespaces) ?? {} });
    else if (isObject(entry.pods)) {
      peers.push({ kind: 'pods', namespaceSelector: parseSelector(entry.pods.namespaceSelector) ?? {}, podSelector: parseSelector(entry.pods.podSelector) ?? {} });
    } else if (Array.isArray(entry.networks) && direction === 'egress') {
      for (const cidr of entry.networks) {
        const ipPeer = parseIpBlock({ cidr }, peerWhere, diagnostics, object);
        if (ipPeer) peers.push(ipPeer);
      }
    } else if (entry.nodes !== undefined) {
      warn(diagnostics, `${peerWhere}: the nodes peer is not supported and matches nothing`, object, 'unsupported');
    } else warn(diagnostics, `${peerWhere}: peer selects nothing`, object);
  });
  return peers;
}

function parseAdminPorts(raw: unknown, where: string, diagnostics: NetpolWarning[], object: K8sObject): PortSpec {
  if (!Array.isArray(raw) || raw.length === 0) return ALL_PORTS_SPEC;
  let numeric = ConnectionSet.of({});
  const named: Array<{ name: string; protocol: Protocol | undefined }> = [];
  for (const entry of raw) {
    if (!isObject(entry)) continue;
    if (isObject(entry.portNumber)) {
      const protocol: Protocol = isProtocol(entry.portNumber.protocol) ? entry.portNumber.protocol : 'TCP';
      const port = Number(entry.portNumber.port);
      if (Number.isInteger(port)) numeric = numeric.union(ConnectionSet.protocol(protocol, [port, port]));
    } else if (isObject(entry.portRange)) {
      const protocol: Protocol = isProtocol(entry.portRange.protocol) ? entry.portRange.protocol : 'TCP';
      const first = Number(entry.portRange.start);
      const last = Number(entry.portRange.end);
      if (Number.isInteger(first) && Number.isInteger(last) && first <= last) numeric = numeric.union(ConnectionSet.protocol(protocol, [first, last]));
      else warn(diagnostics, `${where}: invalid port range; ignored`, object);
    } else if (typeof entry.namedPort === 'string') {
      // ANP named ports carry no protocol: the destination pod's container port decides it.
      named.push({ name: entry.namedPort, protocol: undefined });
    }
  }
  return { numeric, named };
}

export function parseAdminPolicy(object: K8sObject, diagnostics: NetpolWarning[]): AdminPolicyInfo | undefined {
  const kind = object.kind as AdminPolicyInfo['kind'];
  const name = object.metadata?.name ?? '<unnamed>';
  const spec = isObject(object.spec) ? object.spec : {};
  const subjectRaw = isObject(spec.subject) ? spec.subject : {};
  let subject: PodPeer;
  if (isObject(subjectRaw.namespaces)) subject = { kind: 'pods', namespaceSelector: parseSelector(subjectRaw.namespaces) ?? {} };
  else if (isObject(subjectRaw.pods)) {
    subject = { kind: 'pods', namespaceSelector: parseSelector(subjectRaw.pods.namespaceSelector) ?? {}, podSelector: parseSelector(subjectRaw.pods.podSelector) ?? {} };
  } else {
    warn(diagnostics, `${kind} ${name}: subject must set exactly one of namespaces or pods; policy ignored`, object);
    return undefined;
  }
  const priority = kind === 'AdminNetworkPolicy' ? Number(spec.priority) : Number.POSITIVE_INFINITY;
  if (kind === 'AdminNetworkPolicy' && (!Number.isInteger(priority) || priority < 0 || priority > 1000)) {
    warn(diagnostics, `AdminNetworkPolicy ${name}: priority must be an integer 0..1000; policy ignored`, object);
    return undefined;
  }
  const parseRules = (rules: unknown, direction: 'ingress' | 'egress'): AdminRule[] =>
    (Array.isArray(rules) ? rules : []).flatMap((rule, i) => {
      const where = `${kind} ${name} ${direction} rule #${i + 1}`;
      if (!isObject(rule)) return [];
      const action = rule.action;
      if (action !== 'Allow' && action !== 'Deny' && action !== 'Pass') {
        warn(diagnostics, `${where}: unknown action ${String(action)}; rule ignored`, object);
        return [];
      }
      if (kind === 'BaselineAdminNetworkPolicy' && action === 'Pass') {
        warn(diagnostics, `${where}: Pass is not valid in a BaselineAdminNetworkPolicy; rule ignored`, object);
        return [];
      }
      return [{
        name: typeof rule.name === 'string' ? rule.name : `#${i + 1}`,
        action,
        peers: parseAdminPeers(direction === 'ingress' ? rule.from : rule.to, where, direction, diagnostics, object),
        ports: parseAdminPorts(rule.ports, where, diagnostics, object),
      }];
    });
  return { kind, name, priority, object, subject, ingress: parseRules(spec.ingress, 'ingress'), egress: parseRules(spec.egress, 'egress') };
}

/** Builds the model from every object of a scan; objects that are neither pods, workloads, namespaces nor policies are ignored. */
export function buildClusterModel(objects: readonly K8sObject[], options: ModelOptions = {}): ClusterModel {
  const diagnostics: NetpolWarning[] = [];
  const namespaces = new Map<string, NamespaceInfo>();
  const ensureNamespace = (name: string) => {
    if (!namespaces.has(name)) namespaces.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name } });
  };
  const workloadsByKey = new Map<string, Workload>();
  const workloads: Workload[] = [];
  const pods: PodInfo[] = [];
  const policies: NetworkPolicyInfo[] = [];
  const adminPolicies: AdminPolicyInfo[] = [];
  let baselinePolicy: AdminPolicyInfo | undefined;
  const policyNames = new Set<string>();
  let hasIngressObjects = false;

  for (const object of objects) {
    switch (object.kind) {
      case 'Namespace': {
        const name = object.metadata?.name;
        if (!name) break;
        // The API server always sets kubernetes.io/metadata.name; offline manifests may lack it.
        namespaces.set(name, { name, labels: { ...stringMap(object.metadata?.labels), [NAMESPACE_NAME_LABEL]: name } });
        break;
      }
      case 'NetworkPolicy': {
        if (!object.apiVersion.startsWith('networking.k8s.io/')) break;
        const policy = parseNetworkPolicy(object, diagnostics);
        const key = `${policy.namespace}/${policy.name}`;
        if (policyNames.has(key)) warn(diagnostics, `NetworkPolicy ${key} is defined twice; both are analysed`, object);
        policyNames.add(key);
        policies.push(policy);
        ensureNamespace(policy.namespace);
        break;
      }
      case 'AdminNetworkPolicy': {
        const policy = parseAdminPolicy(object, diagnostics);
        if (!policy) break;
        const clash = adminPolicies.find((other) => other.priority === policy.priority);
        if (clash) warn(diagnostics, `AdminNetworkPolicies ${clash.name} and ${policy.name} share priority ${policy.priority}; their order is undefined`, object);
        adminPolicies.push(policy);
        break;
      }
      case 'BaselineAdminNetworkPolicy': {
        const policy = parseAdminPolicy(object, diagnostics);
        if (!policy) break;
        if (policy.name !== 'default') warn(diagnostics, `BaselineAdminNetworkPolicy must be named "default", not "${policy.name}"; analysed anyway`, object);
        if (baselinePolicy) warn(diagnostics, 'more than one BaselineAdminNetworkPolicy; only the first is analysed', object);
        else baselinePolicy = policy;
        break;
      }
      case 'Ingress':
      case 'Route':
        hasIngressObjects = true;
        break;
      default:
        for (const { workloadKey, pod } of podsOfObject(object)) {
          const id = `${workloadKey.namespace}/${workloadKey.name}[${workloadKey.kind}]`;
          let workload = workloadsByKey.get(id);
          if (!workload) {
            workload = { index: workloads.length, ...workloadKey, id, pods: [], classes: [], object };
            workloadsByKey.set(id, workload);
            workloads.push(workload);
          }
          const info: PodInfo = { ...pod, workload, classIndex: -1 };
          workload.pods.push(info);
          pods.push(info);
          ensureNamespace(pod.namespace);
        }
    }
  }
  adminPolicies.sort((a, b) => a.priority - b.priority);

  const classes: PodClass[] = [];
  const classByKey = new Map<string, PodClass>();
  for (const pod of pods) {
    const namedPorts = new Map<string, ContainerPortInfo>();
    for (const port of pod.ports) if (port.name && !namedPorts.has(port.name)) namedPorts.set(port.name, port);
    const namedPortsKey = [...namedPorts.values()].map((p) => `${p.name}/${p.protocol}/${p.port}`).sort().join(',');
    const key = `${pod.namespace}\u0000${labelsKey(pod.labels)}\u0000${namedPortsKey}`;
    let podClass = classByKey.get(key);
    if (!podClass) {
      podClass = { index: classes.length, namespace: pod.namespace, labels: pod.labels, ports: pod.ports, namedPorts, namedPortsKey, workloads: [] };
      classByKey.set(key, podClass);
      classes.push(podClass);
    }
    pod.classIndex = podClass.index;
    const workload = pod.workload;
    if (!workload.classes.includes(podClass.index)) {
      workload.classes.push(podClass.index);
      podClass.workloads.push(workload.index);
    }
  }
  let ingressControllerClass: number | undefined;
  if (hasIngressObjects) {
    ensureNamespace(INGRESS_CONTROLLER_NAMESPACE);
    ingressControllerClass = classes.length;
    classes.push({ index: ingressControllerClass, namespace: INGRESS_CONTROLLER_NAMESPACE, labels: {}, ports: [], namedPorts: new Map(), namedPortsKey: '', workloads: [] });
  }
  const representatives = options.representative ? representativePeers(policies, adminPolicies, baselinePolicy, classes, namespaces) : [];
  for (const workload of workloads) {
    if (workload.classes.length > 1) {
      warn(diagnostics, `pods of ${workload.id} have different labels or named ports; the workload's connections are the union over its pods`, workload.object, 'workload-pods-differ');
    }
    if (workload.pods.some((pod) => pod.hostNetwork)) {
      warn(diagnostics, `${workload.id} uses hostNetwork: NetworkPolicies are not reliably enforced for it (analysed as an ordinary pod)`, workload.object, 'host-network');
    }
  }
  return { namespaces, workloads, classes, pods, policies, adminPolicies, baselinePolicy, ingressControllerClass, representatives, warnings: diagnostics };
}

/**
 * A selector as a canonical string of requirements, so equal selectors written differently compare equal:
 * `matchLabels` entries and single-value `In` expressions both become `key=value`; `''` means empty.
 */
export function selectorKey(selector: LabelSelector | undefined): string {
  if (!selector) return '';
  const requirements = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const expression of selector.matchExpressions ?? []) {
    const values = [...(expression.values ?? [])].map(String).sort();
    requirements.push(expression.operator === 'In' && values.length === 1 ? `${expression.key}=${values[0]}` : `${expression.key} ${expression.operator} (${values.join(',')})`);
  }
  return requirements.sort().join(',');
}

/** A rule peer that selects every pod in every namespace: namespaceSelector `{}` and podSelector absent or `{}`. */
export function selectsEntireCluster(peer: PodPeer): boolean {
  return peer.sameNamespace === undefined && selectorKey(peer.namespaceSelector) === '' && selectorKey(peer.podSelector) === '';
}

/**
 * The representative peers of every rule peer that names namespaces or pods: one per distinct pair of
 * selectors, without those a real pod already stands for (matchLabels-only selectors of both kinds that some
 * pod and its namespace match). Selectors that cannot be checked that way (empty, or with matchExpressions)
 * keep their peer. A rule that also admits the entire cluster adds none: the cluster-wide exposure covers it.
 */
function representativePeers(
  policies: readonly NetworkPolicyInfo[],
  adminPolicies: readonly AdminPolicyInfo[],
  baselinePolicy: AdminPolicyInfo | undefined,
  classes: readonly PodClass[],
  namespaces: ReadonlyMap<string, NamespaceInfo>,
): RepresentativePeer[] {
  const peers: RepresentativePeer[] = [];
  const byKey = new Map<string, RepresentativePeer>();
  const add = (namespaceSelector: LabelSelector, podSelector: LabelSelector) => {
    const namespaceKey = selectorKey(namespaceSelector);
    const podKey = selectorKey(podSelector);
    const key = `${namespaceKey}\u0000${podKey}`;
    if (byKey.has(key)) return;
    const peer: RepresentativePeer = { index: peers.length, namespaceSelector, podSelector, namespaceKey, podKey };
    byKey.set(key, peer);
    peers.push(peer);
  };
  // Index 0: the entire cluster.
  add({}, {});
  const addRule = (rulePeers: readonly Peer[] | undefined) => {
    const podPeers = (rulePeers ?? []).filter((peer): peer is PodPeer => peer.kind === 'pods');
    if (podPeers.some(selectsEntireCluster)) return;
    for (const peer of podPeers) {
      const namespaceSelector = peer.namespaceSelector ?? { matchLabels: { [NAMESPACE_NAME_LABEL]: nullThrows(peer.sameNamespace, 'a peer without namespaceSelector is pinned to its namespace') } };
      add(namespaceSelector, peer.podSelector ?? {});
    }
  };
  for (const policy of policies) {
    if (policy.affectsIngress) for (const rule of policy.ingress) addRule(rule.peers);
    if (policy.affectsEgress) for (const rule of policy.egress) addRule(rule.peers);
  }
  for (const policy of [...adminPolicies, ...(baselinePolicy ? [baselinePolicy] : [])]) {
    for (const rule of [...policy.ingress, ...policy.egress]) addRule(rule.peers);
  }
  const realClasses = classes.filter((podClass) => podClass.workloads.length > 0);
  const standsForRealPod = (peer: RepresentativePeer) => {
    const labelsOnly = (selector: LabelSelector) => (selector.matchExpressions ?? []).length === 0 && Object.keys(selector.matchLabels ?? {}).length > 0;
    if (!labelsOnly(peer.namespaceSelector) || !labelsOnly(peer.podSelector)) return false;
    return realClasses.some(
      (podClass) => selectorMatches(peer.podSelector, podClass.labels) && selectorMatches(peer.namespaceSelector, namespaces.get(podClass.namespace)?.labels),
    );
  };
  return peers.filter((peer) => peer.index === 0 || !standsForRealPod(peer)).map((peer, index) => ({ ...peer, index }));
}
