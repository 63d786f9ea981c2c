/**
 * One small hand-made cluster per NetworkPolicy semantic rule (docs/netpol.md), checked through the public
 * entry: the connection string between two workloads, or its absence.
 */
import { describe, expect, it } from 'vitest';
import { fromYaml } from '../../testing/index.js';
import { analyseReachability, ConnectionSet, peerId, type ReachabilityReport } from './index.js';
import { atomiseAddressSpace, parseCidr, type IpRange } from './ip.js';
import { buildReachabilityMatrix } from './connections.js';
import { benchNetpol, generateCluster } from './bench.js';

const pod = (namespace: string, name: string, labels: string, ports = '[]') => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${namespace}, labels: ${labels}}
spec: {containers: [{name: c, image: i, ports: ${ports}}]}
---`;

const policy = (namespace: string, name: string, spec: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: ${namespace}}
spec: ${spec}
---`;

function analyse(yaml: string): ReachabilityReport {
  return analyseReachability(fromYaml(yaml));
}

/** The connection string from one workload id to another, or undefined when not listed. */
function conn(report: ReachabilityReport, src: string, dst: string): string | undefined {
  return report.connections.find((c) => peerId(c.src) === src && peerId(c.dst) === dst)?.conn.toString();
}

const A = 'a/client[Pod]';
const B = 'b/server[Pod]';
const base = pod('a', 'client', '{app: client}') + pod('b', 'server', '{app: server}', '[{containerPort: 8080, name: http}, {containerPort: 53, name: dns, protocol: UDP}]');

describe('isolation and direction', () => {
  it('allows everything when no policy selects either pod', () => {
    expect(conn(analyse(base), A, B)).toBe('All Connections');
  });

  it('isolates only the selected pods and only in the listed direction', () => {
    const report = analyse(base + policy('b', 'deny-in', '{podSelector: {}, policyTypes: [Ingress]}'));
    expect(conn(report, A, B)).toBeUndefined();
    expect(conn(report, B, A)).toBe('All Connections');
  });

  it('needs egress at the source AND ingress at the destination', () => {
    const report = analyse(
      base +
        policy('b', 'allow-in', '{podSelector: {}, ingress: [{ports: [{port: 8080}]}]}') +
        policy('a', 'deny-out', '{podSelector: {}, policyTypes: [Egress]}'),
    );
    expect(conn(report, A, B)).toBeUndefined();
  });

  it('is additive across policies (union of rules)', () => {
    const report = analyse(
      base +
        policy('b', 'p1', '{podSelector: {}, ingress: [{ports: [{port: 8080}]}]}') +
        policy('b', 'p2', '{podSelector: {}, ingress: [{ports: [{port: 53, protocol: UDP}]}]}'),
    );
    expect(conn(report, A, B)).toBe('TCP 8080,UDP 53');
  });
});

describe('policyTypes defaulting and empty rules', () => {
  it('applies Ingress when policyTypes is absent, Egress only with egress rules', () => {
    const report = analyse(base + policy('a', 'ingress-only', '{podSelector: {}}'));
    expect(conn(report, A, B)).toBe('All Connections');
    expect(conn(report, B, A)).toBeUndefined();
    const withEgress = analyse(base + policy('a', 'with-egress', '{podSelector: {}, egress: [{ports: [{port: 8080}]}]}'));
    expect(conn(withEgress, A, B)).toBe('TCP 8080');
  });

  it('treats an empty rule as allow-all and an empty rule list as deny-all', () => {
    expect(conn(analyse(base + policy('b', 'allow', '{podSelector: {}, ingress: [{}]}')), A, B)).toBe('All Connections');
    expect(conn(analyse(base + policy('b', 'deny', '{podSelector: {}, ingress: []}')), A, B)).toBeUndefined();
  });

  it('reads podSelector {} as every pod of the namespace only', () => {
    const report = analyse(base + policy('a', 'deny', '{podSelector: {}, policyTypes: [Ingress]}'));
    expect(conn(report, A, B)).toBe('All Connections');
    expect(conn(report, B, A)).toBeUndefined();
  });
});

describe('peers', () => {
  const ns = `
apiVersion: v1
kind: Namespace
metadata: {name: a, labels: {team: blue}}
---`;
  it('scopes a podSelector-only peer to the policy namespace', () => {
    const report = analyse(base + policy('b', 'p', '{podSelector: {}, ingress: [{from: [{podSelector: {matchLabels: {app: client}}}]}]}'));
    expect(conn(report, A, B)).toBeUndefined();
  });

  it('ANDs namespaceSelector and podSelector in one peer, ORs separate peers', () => {
    const and = policy('b', 'p', '{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: blue}}, podSelector: {matchLabels: {app: other}}}]}]}');
    expect(conn(analyse(ns + base + and), A, B)).toBeUndefined();
    const or = policy('b', 'p', '{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: blue}}}, {podSelector: {matchLabels: {app: other}}}]}]}');
    expect(conn(analyse(ns + base + or), A, B)).toBe('All Connections');
  });

  it('synthesizes kubernetes.io/metadata.name for namespaces without a manifest', () => {
    const report = analyse(base + policy('b', 'p', "{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {'kubernetes.io/metadata.name': a}}}]}]}"));
    expect(conn(report, A, B)).toBe('All Connections');
  });

  it('splits external addresses at every ipBlock and except boundary; ipBlocks do not match pods', () => {
    const report = analyse(base + policy('b', 'p', '{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]}]}'));
    expect(conn(report, '10.0.0.0-10.0.255.255[External]', B)).toBe('All Connections');
    expect(conn(report, '10.1.0.0-10.1.255.255[External]', B)).toBeUndefined();
    expect(conn(report, '10.2.0.0-10.255.255.255[External]', B)).toBe('All Connections');
    expect(conn(report, A, B)).toBeUndefined();
  });
});

describe('ports', () => {
  it('defaults the protocol to TCP and reads a protocol-only entry as all its ports', () => {
    expect(conn(analyse(base + policy('b', 'p', '{podSelector: {}, ingress: [{ports: [{port: 80}]}]}')), A, B)).toBe('TCP 80');
    expect(conn(analyse(base + policy('b', 'p', '{podSelector: {}, ingress: [{ports: [{protocol: SCTP}]}]}')), A, B)).toBe('SCTP 1-65535');
  });

  it('reads endPort as a range and keeps protocols apart', () => {
    const report = analyse(base + policy('b', 'p', '{podSelector: {}, ingress: [{ports: [{port: 8000, endPort: 8010, protocol: UDP}, {port: 9000, protocol: SCTP}]}]}'));
    expect(conn(report, A, B)).toBe('SCTP 9000,UDP 8000-8010');
  });

  it('resolves named ports on the destination pod by name and protocol', () => {
    expect(conn(analyse(base + policy('b', 'p', '{podSelector: {}, ingress: [{ports: [{port: http}]}]}')), A, B)).toBe('TCP 8080');
    expect(conn(analyse(base + policy('b', 'p', '{podSelector: {}, ingress: [{ports: [{port: dns, protocol: UDP}]}]}')), A, B)).toBe('UDP 53');
    const wrongProtocol = analyse(base + policy('b', 'p', '{podSelector: {}, ingress: [{ports: [{port: dns}]}]}'));
    expect(conn(wrongProtocol, A, B)).toBeUndefined();
    expect(wrongProtocol.warnings.map((w) => w.kind)).toContain('named-port-unmatched');
  });

  it('resolves egress named ports on the destination too', () => {
    const report = analyse(base + policy('a', 'p', '{podSelector: {}, policyTypes: [Egress], egress: [{ports: [{port: http}]}]}'));
    expect(conn(report, A, B)).toBe('TCP 8080');
  });

  it('writes complements out rather than All Connections', () => {
    expect(ConnectionSet.protocol('TCP', [80, 80]).toString()).toBe('TCP 80');
    const allButOne = ConnectionSet.of({ SCTP: [[1, 65535]], TCP: [[1, 79], [81, 65535]], UDP: [[1, 65535]] });
    expect(allButOne.toString()).toBe('SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535');
  });
});

describe('AdminNetworkPolicy and BaselineAdminNetworkPolicy tiers', () => {
  const anp = (priority: number, action: string, ports = '') => `
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: anp-${priority}}
spec:
  priority: ${priority}
  subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: b}}}
  ingress:
  - {name: r, action: ${action}, from: [{namespaces: {}}]${ports}}
---`;
  const banpDeny = `
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  ingress:
  - {name: deny, action: Deny, from: [{namespaces: {}}]}
---`;
  it('lets a lower priority number win and denies over NetworkPolicy allows', () => {
    const report = analyse(base + anp(10, 'Deny', ', ports: [{portNumber: {protocol: TCP, port: 8080}}]') + anp(20, 'Allow') + policy('b', 'allow', '{podSelector: {}, ingress: [{}]}'));
    expect(conn(report, A, B)).toBe('SCTP 1-65535,TCP 1-8079,8081-65535,UDP 1-65535');
  });

  it('passes to NetworkPolicies, then to the baseline', () => {
    expect(conn(analyse(base + anp(10, 'Pass') + policy('b', 'p', '{podSelector: {}, ingress: [{ports: [{port: 80}]}]}')), A, B)).toBe('TCP 80');
    expect(conn(analyse(base + anp(10, 'Pass') + banpDeny), A, B)).toBeUndefined();
    expect(conn(analyse(base + banpDeny), A, B)).toBeUndefined();
  });
});

describe('workloads and scale', () => {
  it('prints owners, Node-owned pods as pods, and omits a workload to itself', () => {
    const report = analyse(`
apiVersion: v1
kind: Pod
metadata: {name: web-abc-1, namespace: x, labels: {app: web}, ownerReferences: [{kind: ReplicaSet, name: web-abc, controller: true}]}
spec: {containers: [{name: c, image: i}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-abc-2, namespace: x, labels: {app: web}, ownerReferences: [{kind: ReplicaSet, name: web-abc, controller: true}]}
spec: {containers: [{name: c, image: i}]}
---
apiVersion: v1
kind: Pod
metadata: {name: etcd-node1, namespace: x, ownerReferences: [{kind: Node, name: node1, controller: true}]}
spec: {containers: [{name: c, image: i}]}
`);
    expect(conn(report, 'x/web-abc[ReplicaSet]', 'x/etcd-node1[Pod]')).toBe('All Connections');
    expect(conn(report, 'x/web-abc[ReplicaSet]', 'x/web-abc[ReplicaSet]')).toBeUndefined();
  });

  it('warns about a policy that selects no pod', () => {
    const report = analyse(base + policy('b', 'typo', '{podSelector: {matchLabels: {app: serer}}}'));
    expect(report.warnings.map((w) => w.kind)).toContain('policy-selects-no-pod');
  });

  it('warns when an ipBlock covers pod IPs', () => {
    const report = analyse(`
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: a}
spec: {containers: [{name: c, image: i}]}
status: {podIP: 10.244.1.7}
---` + policy('a', 'ext', '{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}}]}]}'));
    expect(report.warnings.map((w) => w.kind)).toContain('ipblock-covers-pods');
  });

  it('groups pods into classes and agrees with the list on the matrix', () => {
    const objects = generateCluster(300);
    const report = analyseReachability(objects);
    expect(report.model.classes.length).toBeLessThan(report.model.pods.length);
    const matrix = buildReachabilityMatrix(report.engine);
    const workloadPairs = report.connections.filter((c) => c.src.kind === 'workload' && c.dst.kind === 'workload').length;
    expect(matrix.allowedPairs).toBe(workloadPairs);
  });

  it('runs the benchmark at a small size', () => {
    const [result] = benchNetpol([200]);
    expect(result.pods).toBe(200);
    expect(result.matrixBytes).toBeGreaterThan(0);
  });

  it('atomises the address space into maximal ranges', () => {
    const block = (cidr: string): IpRange[] => {
      const parsed = parseCidr(cidr);
      return parsed.kind === 'ipv4' ? [parsed.range] : [];
    };
    expect(atomiseAddressSpace([]).length).toBe(1);
    expect(atomiseAddressSpace([block('10.0.0.0/8'), block('10.0.0.0/8')]).length).toBe(3);
  });
});
