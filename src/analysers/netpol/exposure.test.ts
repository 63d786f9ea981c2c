/**
 * Exposure analysis (`kubeward netpol list --exposure`): one small cluster per rule of np-guard's exposure
 * semantics, checked on the txt lines, plus the kubeward summary the netpol rules read and the CLI wiring.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';
import { formatConnlistExposure } from '../../report/netpol/connlist-exposure.js';
import type { ConnlistFormat } from '../../report/netpol/connlist.js';
import { fromYaml } from '../../testing/index.js';
import { analyseExposure, analyseReachability, type ConnectionFilter } from './index.js';

const pod = (namespace: string, name: string, labels: string) => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${namespace}, labels: ${labels}}
spec: {containers: [{name: c, image: i, ports: [{containerPort: 8080, name: http}]}]}
---`;

const policy = (namespace: string, name: string, spec: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: ${namespace}}
spec: ${spec}
---`;

const base = pod('a', 'client', '{app: client}') + pod('b', 'server', '{app: server}');

/** The exposure section of `list --exposure` in txt, from its header on. */
function exposure(yaml: string, filter: ConnectionFilter = {}, format: ConnlistFormat = 'txt'): string {
  const report = analyseReachability(fromYaml(yaml), filter, { exposure: true });
  const view = { connections: report.connections, workloads: report.workloads, exposure: report.exposure ?? [], ...(filter.focusConnection ? { focusConnection: filter.focusConnection } : {}) };
  const text = formatConnlistExposure(view, format);
  return format === 'txt' ? text.slice(text.indexOf('Exposure Analysis Result')) : text;
}

describe('exposure analysis', () => {
  it('exposes a workload no policy selects to everything and says it is not protected', () => {
    const out = exposure(base + policy('a', 'deny-all', '{podSelector: {}, policyTypes: [Ingress, Egress]}'));
    expect(out).toBe(
      [
        'Exposure Analysis Result:',
        'Egress Exposure:',
        'b/server[Pod] \t=> \t0.0.0.0-255.255.255.255[External] : All Connections',
        'b/server[Pod] \t=> \tentire-cluster : All Connections',
        '',
        'Ingress Exposure:',
        'b/server[Pod] \t<= \t0.0.0.0-255.255.255.255[External] : All Connections',
        'b/server[Pod] \t<= \tentire-cluster : All Connections',
        '',
        'Workloads not protected by network policies:',
        'b/server[Pod] is not protected on Egress',
        'b/server[Pod] is not protected on Ingress',
      ].join('\n'),
    );
  });

  it('reports a rule that admits every namespace as entire-cluster, on its ports (named ports resolved on the pod)', () => {
    const out = exposure(base + policy('b', 'in', '{podSelector: {}, policyTypes: [Ingress, Egress], ingress: [{from: [{namespaceSelector: {}}], ports: [{port: http}]}]}'));
    expect(out).toContain('b/server[Pod] \t<= \tentire-cluster : TCP 8080\n');
    expect(out).not.toContain('b/server[Pod] \t=>');
  });

  it('names the representative peer of a selector no pod matches, and drops it once a real pod matches', () => {
    const spec = '{podSelector: {}, policyTypes: [Ingress], ingress: [{from: [{namespaceSelector: {matchLabels: {team: x}}, podSelector: {matchLabels: {app: client}}}]}]}';
    expect(exposure(base + policy('b', 'in', spec))).toContain('b/server[Pod] \t<= \t[namespace with {team=x}]/[pod with {app=client}] : All Connections');
    const labelled = base + '\napiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {team: x}}\n---';
    expect(exposure(labelled + policy('b', 'in', spec))).not.toContain('b/server[Pod] \t<=');
  });

  it('pins a podSelector-only peer to the policy namespace and prints an empty podSelector as all pods', () => {
    const out = exposure(base + policy('b', 'in', '{podSelector: {matchLabels: {app: server}}, ingress: [{from: [{podSelector: {matchLabels: {app: db}}}, {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: a}}, podSelector: {}}]}]}'));
    expect(out).toContain('b/server[Pod] \t<= \ta/[all pods] : All Connections');
    expect(out).toContain('b/server[Pod] \t<= \tb/[pod with {app=db}] : All Connections');
  });

  it('does not let a NotIn selector stand for the entire cluster, and keeps matchExpressions representatives', () => {
    const out = exposure(base + policy('b', 'in', '{podSelector: {}, ingress: [{from: [{namespaceSelector: {}, podSelector: {matchExpressions: [{key: app, operator: NotIn, values: [x, z]}]}}]}]}'));
    expect(out).not.toContain('b/server[Pod] \t<= \tentire-cluster');
    expect(out).toContain('b/server[Pod] \t<= \t[all namespaces]/[pod with {{Key:app,Operator:NotIn,Values:[x z],}}] : All Connections');
  });

  it('leaves out a representative whose connections the entire-cluster exposure already covers', () => {
    const out = exposure(
      base + policy('b', 'in', '{podSelector: {}, ingress: [{from: [{namespaceSelector: {}}], ports: [{port: 80}, {port: 443}]}, {from: [{namespaceSelector: {matchLabels: {team: w}}}], ports: [{port: 443}]}, {from: [{namespaceSelector: {matchLabels: {team: z}}}], ports: [{port: 9090}]}]}'),
    );
    expect(out).not.toContain('team=w');
    expect(out).toContain('b/server[Pod] \t<= \t[namespace with {team=z}]/[all pods] : TCP 80,443,9090');
  });

  it('keeps only the focus direction and, with a focus connection, the exposure that allows it', () => {
    const yaml = base + policy('b', 'in', '{podSelector: {}, policyTypes: [Ingress, Egress], ingress: [{from: [{namespaceSelector: {}}], ports: [{port: 80}]}, {from: [{namespaceSelector: {matchLabels: {team: z}}}], ports: [{port: 9090}]}]}');
    const focused = exposure(yaml, { focusWorkloads: ['server'], focusConnection: { protocol: 'TCP', port: 9090 } });
    expect(focused).toBe('Exposure Analysis Result On TCP 9090:\nIngress Exposure:\nb/server[Pod] \t<= \t[namespace with {team=z}]/[all pods]');
    expect(JSON.parse(exposure(yaml, { focusWorkloads: ['server'], focusConnection: { protocol: 'TCP', port: 9090 } }, 'json')).exposure_conn_focus_results.egress_exposure).toEqual([]);
    expect(exposure(yaml, { focusWorkloads: ['client'], focusDirection: 'ingress' })).toBe(
      'Exposure Analysis Result:\nIngress Exposure:\na/client[Pod] \t<= \t0.0.0.0-255.255.255.255[External] : All Connections\na/client[Pod] \t<= \tentire-cluster : All Connections\n\nWorkloads not protected by network policies:\na/client[Pod] is not protected on Ingress',
    );
  });

  it('feeds the per-workload summary: only match-everything selectors count as the entire cluster', () => {
    const report = analyseExposure(fromYaml(base + policy('b', 'in', '{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: x}}}]}, {from: [{namespaceSelector: {}}], ports: [{port: 53, protocol: UDP}]}]}')));
    const server = report.workloads.find((w) => w.workload.id === 'b/server[Pod]')!;
    expect(server.ingressProtected).toBe(true);
    expect(server.fromEntireCluster.toString()).toBe('UDP 53');
    expect(server.egressProtected).toBe(false);
    expect(server.toEntireCluster.toString()).toBe('All Connections');
  });
});

describe('kubeward netpol list --exposure', () => {
  it('prints the connection list and then the exposure section', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-netpol-'));
    writeFileSync(path.join(dir, 'cluster.yaml'), base + policy('b', 'in', '{podSelector: {}, policyTypes: [Ingress, Egress], ingress: [{from: [{namespaceSelector: {}}], ports: [{port: 8080}]}]}'));
    const io = memoryIo({ cwd: dir });
    const code = await runCli(['netpol', 'list', '--exposure', '-q', 'cluster.yaml'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(io.out()).toBe(
      [
        '0.0.0.0-255.255.255.255[External] => a/client[Pod] : All Connections',
        'a/client[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'a/client[Pod] => b/server[Pod] : TCP 8080',
        '',
        'Exposure Analysis Result:',
        'Egress Exposure:',
        'a/client[Pod] \t=> \t0.0.0.0-255.255.255.255[External] : All Connections',
        'a/client[Pod] \t=> \tentire-cluster : All Connections',
        '',
        'Ingress Exposure:',
        'a/client[Pod] \t<= \t0.0.0.0-255.255.255.255[External] : All Connections',
        'a/client[Pod] \t<= \tentire-cluster : All Connections',
        'b/server[Pod] \t<= \tentire-cluster : TCP 8080',
        '',
        'Workloads not protected by network policies:',
        'a/client[Pod] is not protected on Egress',
        'a/client[Pod] is not protected on Ingress',
        '',
      ].join('\n'),
    );
    const summary = memoryIo({ cwd: dir });
    expect(await runCli(['netpol', 'exposure', 'cluster.yaml'], summary)).toBe(0);
    expect(summary.out()).toContain('b/server[Pod]\n  ingress: protected by policies\n    from any pod in any namespace: TCP 8080\n');
  });
});
