/**
 * Throughput of Pod Security evaluation: a typical hardened pod (two containers, an init container, volumes,
 * probes) evaluated at restricted:latest, API defaulting included. `npm run bench` calls benchPss(); tests call
 * it with a short duration and assert nothing about timing.
 */
import { performance } from 'node:perf_hooks';
import type { K8sObject } from '../../core/k8s/object.js';
import { defaultEvaluator, podUnderReview, type PodSecurityEvaluator } from './evaluate.js';
import { LATEST, type LevelVersion } from './levels.js';

export interface PssBenchResult {
  /** Evaluations of the passing typical pod per second, on one core. */
  evaluationsPerSecond: number;
  /** The same pod with three violations (messages rendered lazily, so this measures detection). */
  failingEvaluationsPerSecond: number;
  iterations: number;
  elapsedMs: number;
  levelVersion: string;
  checksPerEvaluation: number;
}

const hardenedContainer = (name: string) => ({
  name,
  image: `registry.example.com/shop/${name}:1.8.0`,
  ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
  env: [{ name: 'LOG_LEVEL', value: 'info' }],
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
  livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 },
  readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
  volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'config', mountPath: '/etc/app' }],
  securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
});

/** A pod that passes restricted:latest, shaped like what a Deployment template usually holds. */
export function typicalPod(): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-7d9f8b6c5-x2x9z', namespace: 'shop', labels: { app: 'web' }, annotations: { 'prometheus.io/scrape': 'true' } },
    spec: {
      serviceAccountName: 'web',
      securityContext: { runAsNonRoot: true, runAsUser: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
      initContainers: [hardenedContainer('migrate')],
      containers: [hardenedContainer('web'), hardenedContainer('sidecar')],
      volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'config', configMap: { name: 'web' } }, { name: 'token', projected: { sources: [] } }],
    },
  };
}

function failingPod(): K8sObject {
  const pod = typicalPod();
  pod.spec.hostNetwork = true;
  pod.spec.containers[0].securityContext = { privileged: true };
  pod.spec.volumes.push({ name: 'host', hostPath: { path: '/var/run' } });
  return pod;
}

function measure(evaluator: PodSecurityEvaluator, object: K8sObject, lv: LevelVersion, durationMs: number): { perSecond: number; iterations: number; elapsedMs: number } {
  let iterations = 0;
  let sink = 0;
  const start = performance.now();
  let now = start;
  while (now - start < durationMs) {
    for (let i = 0; i < 1000; i++) {
      const pod = podUnderReview(object);
      if (pod && evaluator.evaluate(lv, pod.metadata, pod.spec).allowed) sink++;
    }
    iterations += 1000;
    now = performance.now();
  }
  const elapsedMs = now - start;
  // `sink` keeps the loop from being optimised away.
  if (sink < 0) throw new Error('unreachable');
  return { perSecond: Math.round((iterations / elapsedMs) * 1000), iterations, elapsedMs };
}

export function benchPss(options: { durationMs?: number } = {}): PssBenchResult {
  const durationMs = options.durationMs ?? 1000;
  const evaluator = defaultEvaluator();
  const lv: LevelVersion = { level: 'restricted', version: LATEST };
  const passing = typicalPod();
  const failing = failingPod();
  measure(evaluator, passing, lv, Math.min(200, durationMs));
  const pass = measure(evaluator, passing, lv, durationMs);
  const fail = measure(evaluator, failing, lv, durationMs / 2);
  return {
    evaluationsPerSecond: pass.perSecond,
    failingEvaluationsPerSecond: fail.perSecond,
    iterations: pass.iterations,
    elapsedMs: Math.round(pass.elapsedMs),
    levelVersion: 'restricted:latest',
    checksPerEvaluation: evaluator.compiled.byVersion.restricted[evaluator.maxVersion].length,
  };
}
