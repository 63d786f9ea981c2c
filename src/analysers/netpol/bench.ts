/**
 * NetworkPolicy matrix benchmark: deterministic synthetic clusters of 1k, 10k and 20k pods (namespaces of ~50
 * pods, apps of ~8 pods with one policy each plus a default-deny per namespace: one policy per ~7 pods), some cross-namespace and ipBlock
 * rules), timed from objects to the full workload x workload reachability matrix, with peak RSS sampled.
 * Called by `npm run bench`; tests only check that it runs.
 */
import type { K8sObject } from '../../core/k8s/object.js';
import { buildReachabilityMatrix } from './connections.js';
import { buildClusterModel } from './model.js';
import { PolicyEngine } from './policy-engine.js';

const PODS_PER_NAMESPACE = 50;
const PODS_PER_APP = 8;

/** A small linear congruential generator, so every run builds the same cluster. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Pods (each its own workload), namespaces and NetworkPolicies for a cluster of `podCount` pods. */
export function generateCluster(podCount: number, seed = 42): K8sObject[] {
  const next = random(seed);
  const objects: K8sObject[] = [];
  const namespaceCount = Math.ceil(podCount / PODS_PER_NAMESPACE);
  const tiers = ['web', 'api', 'db', 'cache', 'worker'];
  for (let n = 0; n < namespaceCount; n++) {
    const namespace = `ns-${n}`;
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { team: `team-${n % 20}`, env: n % 3 === 0 ? 'prod' : 'dev' } } });
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    const podsHere = Math.min(PODS_PER_NAMESPACE, podCount - n * PODS_PER_NAMESPACE);
    const appCount = Math.ceil(podsHere / PODS_PER_APP);
    for (let a = 0; a < appCount; a++) {
      const app = `app-${a}`;
      const tier = tiers[a % tiers.length];
      const port = 8000 + (a % 10);
      const peerApp = `app-${(a + 1) % appCount}`;
      const ingressFrom: unknown[] = [{ podSelector: { matchLabels: { app: peerApp } } }];
      if (next() < 0.3) ingressFrom.push({ namespaceSelector: { matchLabels: { team: `team-${Math.floor(next() * 20)}` } }, podSelector: { matchLabels: { tier: 'web' } } });
      if (next() < 0.1) ingressFrom.push({ ipBlock: { cidr: `10.${Math.floor(next() * 256)}.0.0/16`, except: [`10.${Math.floor(next() * 256)}.1.0/24`] } });
      objects.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: `${app}-policy`, namespace },
        spec: {
          podSelector: { matchLabels: { app } },
          policyTypes: ['Ingress', 'Egress'],
          ingress: [{ from: ingressFrom, ports: [{ port, protocol: 'TCP' }, { port: 'metrics', protocol: 'TCP' }] }],
          egress: [{ to: [{ podSelector: { matchLabels: { tier: next() < 0.5 ? 'db' : 'cache' } } }] }],
        },
      });
      for (let p = 0; p < PODS_PER_APP && a * PODS_PER_APP + p < podsHere; p++) {
        objects.push({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `${app}-${p}`, namespace, labels: { app, tier, version: p % 2 === 0 ? 'v1' : 'v2' } },
          spec: { containers: [{ name: 'main', image: 'registry.example.com/app:1', ports: [{ containerPort: port }, { containerPort: 9090, name: 'metrics' }] }] },
        });
      }
    }
  }
  return objects;
}

export interface NetpolBenchResult {
  pods: number;
  policies: number;
  podClasses: number;
  workloads: number;
  allowedPairs: number;
  /** Wall time from objects to the full matrix, in milliseconds. */
  millis: number;
  /** Highest process RSS seen while building, in MiB. */
  peakRssMiB: number;
  /** Bytes held by the matrix rows (workloads^2 / 8). */
  matrixBytes: number;
}

function measure(podCount: number): NetpolBenchResult {
  const objects = generateCluster(podCount);
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy').length;
  let peakRss = process.memoryUsage().rss;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  // Sampling from a timer would never fire inside this synchronous build, so sample between phases.
  const start = performance.now();
  const model = buildClusterModel(objects);
  sample();
  const engine = new PolicyEngine(model);
  sample();
  const matrix = buildReachabilityMatrix(engine);
  sample();
  const millis = performance.now() - start;
  return {
    pods: model.pods.length,
    policies,
    podClasses: model.classes.length,
    workloads: model.workloads.length,
    allowedPairs: matrix.allowedPairs,
    millis: Math.round(millis),
    peakRssMiB: Math.round(peakRss / 1048576),
    matrixBytes: matrix.rows.reduce((total, row) => total + row.words.byteLength, 0),
  };
}

/** Targets (docs/performance): 10k pods <= 1 s and 20k pods <= 4 s on one core. */
export function benchNetpol(sizes: readonly number[] = [1000, 10000, 20000]): NetpolBenchResult[] {
  return sizes.map(measure);
}
