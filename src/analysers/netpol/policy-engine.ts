/**
 * The policy engine answers "which connections may go from A to B?" for pod classes and external IP ranges.
 *
 * Policies are compiled once: every rule's peers become a bitset over pod classes (and over IP atoms), every
 * class gets the ordered list of rules that apply to it per direction. A query then costs a few bit tests and
 * cached connection-set operations, never a selector evaluation per pod pair.
 *
 * Per direction the tiers are evaluated as np-guard does: AdminNetworkPolicies by priority (first matching
 * rule decides Allow/Deny, Pass skips to the next tier), then NetworkPolicies (a pod selected for that
 * direction is isolated and gets the union of the matching rules), then the BaselineAdminNetworkPolicy, then
 * the system default (allow). A connection needs egress from the source AND ingress at the destination.
 * ipBlocks never match pods (np-guard's assumption; see docs/netpol.md).
 */
import { selectorMatches, type LabelSelector } from '../../core/k8s/selectors.js';
import { Bitset } from './bitset.js';
import { atomiseAddressSpace, rangesContain, type IpRange } from './ip.js';
import { NAMESPACE_NAME_LABEL, selectorKey, type AdminPolicyInfo, type AdminRule, type ClusterModel, type NetworkPolicyInfo, type Peer, type PodClass, type PolicyRule, type PortSpec } from './model.js';
import { ALL_CONNECTIONS, ConnectionSet, NO_CONNECTIONS, type Protocol } from './ports.js';

export type Direction = 'ingress' | 'egress';

/**
 * One side of a connection: a pod class, an IP atom (index into the engine's ingress or egress atom list), or a
 * representative peer (index into `model.representatives`, exposure analysis only).
 */
export type Endpoint = { kind: 'class'; index: number } | { kind: 'ip'; index: number } | { kind: 'representative'; index: number };

interface CompiledNetpolRule {
  policy: NetworkPolicyInfo;
  rule: PolicyRule;
  peerClasses: Bitset;
  peerAtoms: Bitset;
  peerRepresentatives: Bitset;
}

interface CompiledAdminRule {
  policy: AdminPolicyInfo;
  rule: AdminRule;
  index: number;
  peerClasses: Bitset;
  peerAtoms: Bitset;
  peerRepresentatives: Bitset;
}

interface ClassRules {
  /** undefined: no NetworkPolicy selects the class for this direction (not isolated). */
  netpol: CompiledNetpolRule[] | undefined;
  /** The policies that select the class for this direction (for explanations). */
  selecting: NetworkPolicyInfo[];
  admin: CompiledAdminRule[];
  baseline: CompiledAdminRule[];
}

/** Why one protocol/port was allowed or denied in one direction. */
export interface DirectionVerdict {
  allowed: boolean;
  /** e.g. `NetworkPolicy shop/allow-web (ingress rule #1)`, `the system default (allow all)`. */
  reasons: string[];
}

export class PolicyEngine {
  readonly ingressAtoms: IpRange[];
  readonly egressAtoms: IpRange[];
  /** Per class, for ingress (class is the destination) and egress (class is the source). */
  private readonly ingress: ClassRules[];
  private readonly egress: ClassRules[];
  private readonly selectedByPolicy = new Map<NetworkPolicyInfo, Bitset>();
  private readonly namespaceMatchCache = new Map<string, Set<string>>();
  private readonly classesByNamespace = new Map<string, PodClass[]>();
  private readonly resolvedPorts = new WeakMap<PortSpec, Map<string, ConnectionSet>>();
  private readonly hasAdminTiers: boolean;
  /** For every ingress rule: which classes it admits and which classes it protects (for candidate pruning). */
  private readonly ingressRuleTargets: Array<{ peers: Bitset; selected: Bitset }> = [];
  private readonly ingressOpenClasses: Bitset;

  constructor(readonly model: ClusterModel) {
    const classCount = model.classes.length;
    for (const podClass of model.classes) {
      const list = this.classesByNamespace.get(podClass.namespace) ?? [];
      list.push(podClass);
      this.classesByNamespace.set(podClass.namespace, list);
    }
    const ipPeersOf = (rules: ReadonlyArray<{ peers: Peer[] | undefined }>) =>
      rules.flatMap((rule) => (rule.peers ?? []).filter((peer) => peer.kind === 'ip').map((peer) => peer.ranges));
    this.ingressAtoms = atomiseAddressSpace(model.policies.flatMap((policy) => ipPeersOf(policy.ingress)));
    this.egressAtoms = atomiseAddressSpace([
      ...model.policies.flatMap((policy) => ipPeersOf(policy.egress)),
      ...model.adminPolicies.flatMap((policy) => ipPeersOf(policy.egress)),
      ...(model.baselinePolicy ? ipPeersOf(model.baselinePolicy.egress) : []),
    ]);
    const emptyRules = (): ClassRules => ({ netpol: undefined, selecting: [], admin: [], baseline: [] });
    this.ingress = Array.from({ length: classCount }, emptyRules);
    this.egress = Array.from({ length: classCount }, emptyRules);

    for (const policy of model.policies) {
      const selected = this.classesSelectedByPodSelector(policy.namespace, policy.podSelector);
      this.selectedByPolicy.set(policy, selected);
      const compile = (rule: PolicyRule, direction: Direction): CompiledNetpolRule => ({
        policy,
        rule,
        peerClasses: this.peerClassBits(rule.peers),
        peerAtoms: this.peerAtomBits(rule.peers, direction === 'ingress' ? this.ingressAtoms : this.egressAtoms),
        peerRepresentatives: this.peerRepresentativeBits(rule.peers),
      });
      const ingressRules = policy.affectsIngress ? policy.ingress.map((rule) => compile(rule, 'ingress')) : [];
      for (const rule of ingressRules) this.ingressRuleTargets.push({ peers: rule.peerClasses, selected });
      const egressRules = policy.affectsEgress ? policy.egress.map((rule) => compile(rule, 'egress')) : [];
      for (const classIndex of selected.indices()) {
        if (policy.affectsIngress) {
          const rules = this.ingress[classIndex];
          (rules.netpol ??= []).push(...ingressRules);
          rules.selecting.push(policy);
        }
        if (policy.affectsEgress) {
          const rules = this.egress[classIndex];
          (rules.netpol ??= []).push(...egressRules);
          rules.selecting.push(policy);
        }
      }
    }

    const compileAdmin = (policy: AdminPolicyInfo, tier: 'admin' | 'baseline') => {
      const subject = this.peerClassBits([policy.subject]);
      const compileRules = (rules: AdminRule[], atoms: IpRange[]): CompiledAdminRule[] =>
        rules.map((rule, index) => ({
          policy,
          rule,
          index,
          peerClasses: this.peerClassBits(rule.peers),
          peerAtoms: this.peerAtomBits(rule.peers, atoms),
          peerRepresentatives: this.peerRepresentativeBits(rule.peers),
        }));
      const ingressRules = compileRules(policy.ingress, this.ingressAtoms);
      const egressRules = compileRules(policy.egress, this.egressAtoms);
      for (const classIndex of subject.indices()) {
        this.ingress[classIndex][tier].push(...ingressRules);
        this.egress[classIndex][tier].push(...egressRules);
      }
    };
    for (const policy of model.adminPolicies) compileAdmin(policy, 'admin');
    if (model.baselinePolicy) compileAdmin(model.baselinePolicy, 'baseline');
    this.hasAdminTiers = model.adminPolicies.length > 0 || model.baselinePolicy !== undefined;
    this.ingressOpenClasses = new Bitset(classCount);
    this.ingress.forEach((rules, classIndex) => {
      if (rules.netpol === undefined) this.ingressOpenClasses.set(classIndex);
    });
  }

  /**
   * A superset of the classes the source class may reach: its egress rules' peers (or every class when it is
   * not egress-isolated) AND the classes whose ingress is open or has a rule admitting the source. Lets the
   * matrix skip the class pairs no rule connects instead of evaluating all of them.
   */
  candidateDestinations(source: number): Bitset {
    const classCount = this.classCount;
    if (this.hasAdminTiers) return Bitset.full(classCount);
    const egressRules = this.egress[source].netpol;
    let candidates: Bitset;
    if (egressRules === undefined) candidates = Bitset.full(classCount);
    else {
      candidates = new Bitset(classCount);
      for (const rule of egressRules) candidates.orWith(rule.peerClasses);
    }
    const admitting = this.ingressOpenClasses.clone();
    for (const target of this.ingressRuleTargets) if (target.peers.has(source)) admitting.orWith(target.selected);
    candidates.andWith(admitting);
    return candidates;
  }

  get classCount(): number {
    return this.model.classes.length;
  }

  /** Classes a NetworkPolicy's spec.podSelector selects (for the "selects no pod" warning and explanations). */
  selectedClasses(policy: NetworkPolicyInfo): Bitset {
    return this.selectedByPolicy.get(policy) ?? new Bitset(this.classCount);
  }

  /** Whether any NetworkPolicy selects the class for the direction. */
  isIsolated(classIndex: number, direction: Direction): boolean {
    return (direction === 'ingress' ? this.ingress : this.egress)[classIndex].netpol !== undefined;
  }

  /** Whether an AdminNetworkPolicy or the BaselineAdminNetworkPolicy has rules for the class in the direction. */
  hasAdminRules(classIndex: number, direction: Direction): boolean {
    const rules = (direction === 'ingress' ? this.ingress : this.egress)[classIndex];
    return rules.admin.length > 0 || rules.baseline.length > 0;
  }

  private namespacesMatching(selector: LabelSelector): Set<string> {
    const key = JSON.stringify(selector);
    let names = this.namespaceMatchCache.get(key);
    if (!names) {
      names = new Set([...this.model.namespaces.values()].filter((ns) => selectorMatches(selector, ns.labels)).map((ns) => ns.name));
      this.namespaceMatchCache.set(key, names);
    }
    return names;
  }

  private classesSelectedByPodSelector(namespace: string, podSelector: LabelSelector): Bitset {
    return this.peerClassBits([{ kind: 'pods', sameNamespace: namespace, podSelector }]);
  }

  private peerClassBits(peers: Peer[] | undefined): Bitset {
    if (peers === undefined) return Bitset.full(this.classCount);
    const bits = new Bitset(this.classCount);
    for (const peer of peers) {
      if (peer.kind !== 'pods') continue;
      // Only classes of the namespaces the peer can reach are candidates.
      const namespaces = peer.sameNamespace !== undefined ? [peer.sameNamespace] : this.namespacesMatching(peer.namespaceSelector ?? {});
      for (const namespace of namespaces) {
        for (const podClass of this.classesByNamespace.get(namespace) ?? []) {
          if (peer.podSelector === undefined || selectorMatches(peer.podSelector, podClass.labels)) bits.set(podClass.index);
        }
      }
    }
    return bits;
  }

  private peerAtomBits(peers: Peer[] | undefined, atoms: IpRange[]): Bitset {
    if (peers === undefined) return Bitset.full(atoms.length);
    const bits = new Bitset(atoms.length);
    for (const peer of peers) {
      if (peer.kind !== 'ip') continue;
      atoms.forEach((atom, i) => {
        if (rangesContain(peer.ranges, atom[0])) bits.set(i);
      });
    }
    return bits;
  }

  /**
   * Representative peers a rule admits: its selectors must be empty or equal to the peer's own (np-guard's
   * full match). A rule naming `app=web` says nothing about an unknown pod labelled otherwise, so only the
   * representative that was inferred from that very selector (or from an equal one) is admitted.
   */
  private peerRepresentativeBits(peers: Peer[] | undefined): Bitset {
    const representatives = this.model.representatives;
    if (peers === undefined) return Bitset.full(representatives.length);
    const bits = new Bitset(representatives.length);
    if (representatives.length === 0) return bits;
    for (const peer of peers) {
      if (peer.kind !== 'pods') continue;
      const namespaceKey = peer.sameNamespace !== undefined ? `${NAMESPACE_NAME_LABEL}=${peer.sameNamespace}` : selectorKey(peer.namespaceSelector);
      const anyNamespace = peer.sameNamespace === undefined && namespaceKey === '';
      const podKey = selectorKey(peer.podSelector);
      for (const representative of representatives) {
        if ((anyNamespace || namespaceKey === representative.namespaceKey) && (podKey === '' || podKey === representative.podKey)) bits.set(representative.index);
      }
    }
    return bits;
  }

  /** A rule's ports for one destination: named ports resolve against the destination class's container ports. */
  resolvePorts(spec: PortSpec, destination: PodClass | undefined): ConnectionSet {
    if (spec.named.length === 0) return spec.numeric;
    const key = destination ? destination.namedPortsKey : '\u0000ip';
    let cache = this.resolvedPorts.get(spec);
    if (!cache) {
      cache = new Map();
      this.resolvedPorts.set(spec, cache);
    }
    let resolved = cache.get(key);
    if (!resolved) {
      resolved = resolveNamedPorts(spec, destination?.namedPorts);
      cache.set(key, resolved);
    }
    return resolved;
  }

  private matches(rule: { peerClasses: Bitset; peerAtoms: Bitset; peerRepresentatives: Bitset }, peer: Endpoint): boolean {
    if (peer.kind === 'class') return rule.peerClasses.has(peer.index);
    return peer.kind === 'ip' ? rule.peerAtoms.has(peer.index) : rule.peerRepresentatives.has(peer.index);
  }

  /**
   * Connections the subject's policies allow in one direction. For egress the subject is the source and
   * `peer` the destination; for ingress the subject is the destination and `peer` the source.
   */
  allowedInDirection(direction: Direction, subject: number, peer: Endpoint): ConnectionSet {
    const rules = (direction === 'ingress' ? this.ingress : this.egress)[subject];
    const classes = this.model.classes;
    const portsOwner = direction === 'ingress' ? classes[subject] : peer.kind === 'class' ? classes[peer.index] : undefined;
    return allowedByTiers(rules, (rule) => this.matches(rule, peer), (spec) => this.resolvePorts(spec, portsOwner));
  }

  /** Class to class: egress from the source AND ingress at the destination. */
  classToClass(source: number, destination: number): ConnectionSet {
    const egress = this.allowedInDirection('egress', source, { kind: 'class', index: destination });
    if (egress.isEmpty) return egress;
    return egress.intersect(this.allowedInDirection('ingress', destination, { kind: 'class', index: source }));
  }

  /** Class to an egress IP atom: only the source's egress side applies (policies never select IPs). */
  classToIp(source: number, atom: number): ConnectionSet {
    return this.allowedInDirection('egress', source, { kind: 'ip', index: atom });
  }

  /** Ingress IP atom to a class: only the destination's ingress side applies. */
  ipToClass(atom: number, destination: number): ConnectionSet {
    return this.allowedInDirection('ingress', destination, { kind: 'ip', index: atom });
  }

  /** Explains one protocol/port in one direction: which tier and which policies decide it. */
  explainDirection(direction: Direction, subject: number, peer: Endpoint, protocol: Protocol, port: number): DirectionVerdict {
    const rules = (direction === 'ingress' ? this.ingress : this.egress)[subject];
    const classes = this.model.classes;
    const portsOwner = direction === 'ingress' ? classes[subject] : peer.kind === 'class' ? classes[peer.index] : undefined;
    const covers = (spec: PortSpec) => this.resolvePorts(spec, portsOwner).contains(protocol, port);
    const adminReason = (rule: CompiledAdminRule) =>
      `${rule.policy.kind} ${rule.policy.name} (${direction} rule "${rule.rule.name}": ${rule.rule.action})`;
    let passed = false;
    for (const rule of rules.admin) {
      if (!this.matches(rule, peer) || !covers(rule.rule.ports)) continue;
      if (rule.rule.action === 'Pass') {
        passed = true;
        break;
      }
      return { allowed: rule.rule.action === 'Allow', reasons: [adminReason(rule)] };
    }
    if (rules.netpol !== undefined) {
      const allowing = rules.netpol.filter((rule) => this.matches(rule, peer) && covers(rule.rule.ports));
      if (allowing.length > 0) {
        return { allowed: true, reasons: allowing.map((rule) => `NetworkPolicy ${rule.policy.namespace}/${rule.policy.name} (${direction} rule #${rule.rule.number})`) };
      }
      const names = rules.selecting.map((policy) => `${policy.namespace}/${policy.name}`).join(', ');
      return { allowed: false, reasons: [`NetworkPolicy ${names} select${rules.selecting.length === 1 ? 's' : ''} the pod for ${direction} and no rule allows it`] };
    }
    for (const rule of rules.baseline) {
      if (!this.matches(rule, peer) || !covers(rule.rule.ports)) continue;
      return { allowed: rule.rule.action === 'Allow', reasons: [adminReason(rule)] };
    }
    return { allowed: true, reasons: [passed ? `passed by an AdminNetworkPolicy, then the system default (allow all)` : 'the system default (allow all): no policy selects the pod for ' + direction] };
  }

}

/** A rule's ports with its named ports resolved against the container ports of the pod they apply to. */
export function resolveNamedPorts(spec: PortSpec, namedPorts: ReadonlyMap<string, { port: number; protocol: Protocol }> | undefined): ConnectionSet {
  let resolved = spec.numeric;
  for (const named of spec.named) {
    const port = namedPorts?.get(named.name);
    if (port && (named.protocol === undefined || named.protocol === port.protocol)) {
      resolved = resolved.union(ConnectionSet.protocol(port.protocol, [port.port, port.port]));
    }
  }
  return resolved;
}

/** The rules that apply to one pod class in one direction, tier by tier, in evaluation order. */
export interface TieredRules<NetpolRule extends { rule: { ports: PortSpec } }, AdminRuleEntry extends { rule: { ports: PortSpec; action: AdminRule['action'] } }> {
  /** undefined: no NetworkPolicy selects the class for this direction (not isolated). */
  netpol: readonly NetpolRule[] | undefined;
  admin: readonly AdminRuleEntry[];
  baseline: readonly AdminRuleEntry[];
}

/**
 * Connections the tiers allow with one peer: AdminNetworkPolicies (first matching rule decides, Pass goes
 * down), NetworkPolicies (union of matching rules when isolated), the BaselineAdminNetworkPolicy, then allow.
 * Shared by the engine and the ingress-only exposure, so both decide exactly alike.
 */
export function allowedByTiers<NetpolRule extends { rule: { ports: PortSpec } }, AdminRuleEntry extends { rule: { ports: PortSpec; action: AdminRule['action'] } }>(
  rules: TieredRules<NetpolRule, AdminRuleEntry>,
  matches: (rule: NetpolRule | AdminRuleEntry) => boolean,
  portsOf: (spec: PortSpec) => ConnectionSet,
): ConnectionSet {
  const netpolAllowed = () => {
    let allowed = NO_CONNECTIONS;
    for (const rule of rules.netpol!) {
      if (matches(rule)) allowed = allowed.union(portsOf(rule.rule.ports));
    }
    return allowed;
  };
  if (rules.admin.length === 0 && rules.baseline.length === 0) {
    return rules.netpol === undefined ? ALL_CONNECTIONS : netpolAllowed();
  }
  let allowed = NO_CONNECTIONS;
  let undecided = ALL_CONNECTIONS;
  let passed = NO_CONNECTIONS;
  for (const rule of rules.admin) {
    if (undecided.isEmpty) break;
    if (!matches(rule)) continue;
    const hit = portsOf(rule.rule.ports).intersect(undecided);
    if (hit.isEmpty) continue;
    undecided = undecided.subtract(hit);
    if (rule.rule.action === 'Allow') allowed = allowed.union(hit);
    else if (rule.rule.action === 'Pass') passed = passed.union(hit);
  }
  let lower = undecided.union(passed);
  if (lower.isEmpty) return allowed;
  if (rules.netpol !== undefined) return allowed.union(lower.intersect(netpolAllowed()));
  for (const rule of rules.baseline) {
    if (lower.isEmpty) break;
    if (!matches(rule)) continue;
    const hit = portsOf(rule.rule.ports).intersect(lower);
    if (hit.isEmpty) continue;
    lower = lower.subtract(hit);
    if (rule.rule.action === 'Allow') allowed = allowed.union(hit);
  }
  return allowed.union(lower);
}
