/**
 * Network policy reachability: which workloads and external IP ranges can reach which, on which ports, and
 * which policies are traps. The analyser's only public entry; layering follows np-guard: the policy engine
 * answers "is A -> B allowed?", connections enumerates, diff compares two reports, exposure summarises.
 */
import type { Analysis } from '../../core/finding.js';
import type { K8sObject } from '../../core/k8s/object.js';
import { listConnections, type Connection, type ConnectionFilter, type NetpolPeer } from './connections.js';
import { listExposure, type PeerExposure } from './exposure.js';
import { ingressControllerConnections } from './ingress-controller.js';
import { rangesContain, parseIpv4 } from './ip.js';
import { buildClusterModel, type ClusterModel, type NetpolWarning } from './model.js';
import { PolicyEngine } from './policy-engine.js';

export { buildReachabilityMatrix, peerId, workloadMatches, type Connection, type ConnectionFilter, type NetpolPeer, type ReachabilityMatrix } from './connections.js';
export { diffConnections, type ConnectionDiff, type DiffKind } from './diff.js';
export {
  analyseExposure,
  exposureInDirection,
  listExposure,
  type DirectionExposure,
  type ExposureItem,
  type ExposureReport,
  type PeerExposure,
  type WorkloadExposure,
} from './exposure.js';
export { ingressExposureOf, judgedIngressExposures, type WorkloadIngressExposure } from './ingress-exposure.js';
export { buildClusterModel, type ClusterModel, type NetpolWarning, type RepresentativePeer, type Workload } from './model.js';
export { PolicyEngine, type Direction, type DirectionVerdict } from './policy-engine.js';
export { ConnectionSet, parseProtocolPort, type Protocol } from './ports.js';

export interface ReachabilityReport extends Analysis {
  connections: Connection[];
  /** Input the analysis skipped and policy traps (selects no pod, unmatched named port, ipBlock over pod IPs). */
  warnings: NetpolWarning[];
  model: ClusterModel;
  engine: PolicyEngine;
  /** Workloads the report is about (all, or the focus workloads and their peers). */
  workloads: NetpolPeer[];
  /** With `exposure: true`: what the (focus) workloads may exchange with pods the manifests do not hold. */
  exposure?: PeerExposure[];
}

export interface ReachabilityOptions {
  /** Also run exposure analysis (np-guard's `--exposure`); the connections do not change. */
  exposure?: boolean;
}

export function analyseReachability(objects: readonly K8sObject[], filter: ConnectionFilter = {}, options: ReachabilityOptions = {}): ReachabilityReport {
  const model = buildClusterModel(objects, { representative: options.exposure === true });
  const engine = new PolicyEngine(model);
  const extra = ingressControllerConnections(objects, engine);
  const connections = listConnections(engine, filter, extra);
  const focusNames = [...(filter.focusWorkloads ?? []), ...(filter.focusWorkloadPeers ?? [])];
  const workloads: NetpolPeer[] = model.workloads
    .filter((workload) => focusNames.length === 0 || focusNames.some((name) => name === workload.name || name === `${workload.namespace}/${workload.name}`))
    .map((workload) => ({ kind: 'workload', workload }));
  const report: ReachabilityReport = { connections, warnings: [...model.warnings, ...policyTraps(engine)], model, engine, workloads, findings: [], diagnostics: [] };
  if (options.exposure) report.exposure = listExposure(engine, filter);
  return report;
}

/** Policies that look like they do something but do not, or do something else offline than on a real CNI. */
export function policyTraps(engine: PolicyEngine): NetpolWarning[] {
  const { model } = engine;
  const warnings: NetpolWarning[] = [];
  const refOf = (object: K8sObject) => ({ apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata?.namespace ?? 'default', name: object.metadata?.name ?? '<unnamed>' });
  const podIps = model.pods.flatMap((pod) => pod.ips.map((ip) => ({ pod, address: parseIpv4(ip) }))).filter((entry) => entry.address !== undefined);
  for (const policy of model.policies) {
    const label = `NetworkPolicy ${policy.namespace}/${policy.name}`;
    const selected = engine.selectedClasses(policy);
    if (selected.isEmpty()) {
      warnings.push({ kind: 'policy-selects-no-pod', message: `${label} selects no pod in namespace ${policy.namespace}`, object: refOf(policy.object) });
    }
    for (const [direction, rules] of [['ingress', policy.ingress], ['egress', policy.egress]] as const) {
      for (const rule of rules) {
        for (const named of rule.ports.named) {
          // Ingress named ports resolve on the selected pods, egress ones on the rule's destination pods.
          const candidates = direction === 'ingress' ? [...selected.indices()].map((i) => model.classes[i]) : model.classes;
          const resolves = candidates.some((podClass) => {
            const port = podClass.namedPorts.get(named.name);
            return port !== undefined && (named.protocol === undefined || port.protocol === named.protocol);
          });
          if (!resolves) {
            warnings.push({
              kind: 'named-port-unmatched',
              message: `${label} ${direction} rule #${rule.number}: named port "${named.name}"${named.protocol ? `/${named.protocol}` : ''} matches no container port`,
              object: refOf(policy.object),
            });
          }
        }
        for (const peer of rule.peers ?? []) {
          if (peer.kind !== 'ip') continue;
          const covered = podIps.filter((entry) => rangesContain(peer.ranges, entry.address!));
          if (covered.length > 0) {
            warnings.push({
              kind: 'ipblock-covers-pods',
              message: `${label} ${direction} rule #${rule.number}: ipBlock ${peer.text} covers the IPs of ${covered.length} pod(s) (e.g. ${covered[0].pod.namespace}/${covered[0].pod.name}); most CNIs apply it to those pods too, this analysis does not`,
              object: refOf(policy.object),
            });
          }
        }
      }
    }
  }
  return warnings;
}
