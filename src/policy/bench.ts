/**
 * benchCel(): CEL evaluation speed against the same checks written in plain JS, measured in one run, plus
 * compile time per expression and µs per AdmissionReview for a 20-rule VAP set. `npm run bench` calls it;
 * tests never assert on timings. Times are the process's CPU time (the machine is shared; wall clock is
 * reported beside it).
 *
 * Fairness of the JS comparison: both sides run over the same pool of varied pods (1–4 containers, optional
 * hostPath volumes, host namespaces, `:latest` and digest images, missing limits and labels, fields in
 * different orders, each pod a fresh JSON.parse result as a webhook sees it), in the same order. A single
 * object would let V8 keep every JS property access monomorphic and inline the twins into the loop, which
 * is not what a webhook sees. Both sides count passing checks, and the counts must agree, so each twin is
 * checked to do the same field reads and comparisons on the same input and its result is used. CEL reads
 * the pods converted beforehand (compiled-once evaluation speed); the review figure includes conversion.
 */
import type { K8sObject } from '../core/k8s/object.js';
import { reviewOfObject, type AdmissionInput } from './admission.js';
import { compileCel } from './cel/compile.js';
import { toCel } from './cel/values.js';
import { evaluateAdmission, loadPolicySet } from './policy-set.js';

export interface CelBenchResult {
  /** Evaluations per CPU second of the typical expressions, compiled once. */
  celEvalsPerSecond: number;
  /** The same checks in plain JavaScript, on the same pods. */
  jsEvalsPerSecond: number;
  /** celEvalsPerSecond / jsEvalsPerSecond; the target is >= 0.1. */
  ratioToJs: number;
  /** Mean compile time of a fresh expression, in milliseconds; the target is <= 2. */
  compileMsPerExpression: number;
  /** CPU microseconds to evaluate one pod review against 20 VAPs with bindings; the target is <= 25. */
  microsPerReview20Rules: number;
  /** The same review in wall-clock microseconds (inflated when other processes share the cores). */
  wallMicrosPerReview20Rules: number;
  expressions: number;
  /** Distinct pods the checks and reviews cycle through, and the mean size of one as JSON. */
  pods: number;
  podJsonBytes: number;
}

/** Small deterministic generator, so every run reviews the same pods. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function shuffled<T>(entries: Array<[string, T]>, next: () => number): Record<string, T> {
  const order = entries.map((entry) => ({ entry, key: next() })).sort((a, b) => a.key - b.key);
  return Object.fromEntries(order.map(({ entry }) => entry));
}

/** A pod as the API server sends it (managedFields, status, defaults), varied by `seed`. */
function benchPod(seed: number): K8sObject {
  const next = random(seed + 1);
  const pick = (p: number) => next() < p;
  const container = (name: string): Record<string, unknown> => {
    const image = pick(0.15) ? `registry.example.com/shop/${name}:latest` : pick(0.3) ? `registry.example.com/shop/${name}@sha256:${'ab'.repeat(32)}` : `registry.example.com/shop/${name}:1.${seed % 7}.2`;
    const limits: Record<string, string> = pick(0.9) ? { cpu: '500m', memory: '256Mi' } : { cpu: '500m' };
    const entries: Array<[string, unknown]> = [
      ['name', name],
      ['image', image],
      ['imagePullPolicy', 'IfNotPresent'],
      ['args', ['--port=8080', `--workers=${1 + (seed % 4)}`]],
      ['env', [{ name: 'MODE', value: 'prod' }, { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } }]],
      ['ports', [{ containerPort: 8080 + (seed % 3), name: 'http', protocol: 'TCP' }]],
      ['readinessProbe', { httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 }],
      ['resources', pick(0.9) ? { limits, requests: { cpu: '100m', memory: '128Mi' } } : { requests: { cpu: '100m' } }],
      ['terminationMessagePath', '/dev/termination-log'],
      ['volumeMounts', [{ name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }]],
    ];
    if (pick(0.9)) entries.push(['securityContext', { privileged: pick(0.1), allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } }]);
    return shuffled(entries, next);
  };
  const labels: Record<string, string> = { 'app.kubernetes.io/name': `web-${seed % 5}`, 'pod-template-hash': '7d9f8b6c5' };
  if (pick(0.9)) labels.team = 'shop';
  const volumes: unknown[] = [{ name: 'kube-api-access', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }] } }];
  if (pick(0.1)) volumes.push({ name: 'host', hostPath: { path: '/var/log', type: 'Directory' } });
  const spec: Array<[string, unknown]> = [
    ['containers', Array.from({ length: 1 + Math.floor(next() * 4) }, (_, i) => container(['app', 'sidecar', 'proxy', 'metrics'][i]))],
    ['dnsPolicy', 'ClusterFirst'],
    ['restartPolicy', 'Always'],
    ['schedulerName', 'default-scheduler'],
    ['securityContext', { runAsUser: 1000, fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' } }],
    ['serviceAccountName', 'web'],
    ['terminationGracePeriodSeconds', 30],
    ['tolerations', [{ effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 }]],
    ['volumes', volumes],
  ];
  if (pick(0.5)) spec.push(['initContainers', [container('setup')]]);
  if (pick(0.05)) spec.push(['hostNetwork', true]);
  if (pick(0.3)) spec.push(['hostPID', false]);
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `web-7d9f8b6c5-${seed}`,
      generateName: 'web-7d9f8b6c5-',
      namespace: 'shop',
      uid: `6f1c2e3a-1b2c-4d5e-8f90-${String(seed).padStart(12, '0')}`,
      labels,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f8b6c5', uid: 'aa', controller: true, blockOwnerDeletion: true }],
      managedFields: [{
        manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: '2024-05-01T10:00:00Z', fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:generateName': {}, 'f:labels': { '.': {}, 'f:app.kubernetes.io/name': {}, 'f:team': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:name': {} } }, 'f:dnsPolicy': {} } },
      }],
    },
    spec: shuffled(spec, next),
    status: { phase: 'Pending', qosClass: 'Burstable' },
  };
  return JSON.parse(JSON.stringify(pod)) as K8sObject;
}

/** Typical policy checks, each with its hand-written JS twin doing the same reads and comparisons. */
const CHECKS: Array<{ cel: string; js: (object: any) => boolean }> = [
  { cel: 'object.spec.containers.all(c, has(c.securityContext) && c.securityContext.privileged == false)', js: (o) => o.spec.containers.every((c: any) => c.securityContext !== undefined && c.securityContext.privileged === false) },
  { cel: "!object.spec.?volumes.orValue([]).exists(v, has(v.hostPath))", js: (o) => !(o.spec.volumes ?? []).some((v: any) => v.hostPath !== undefined) },
  { cel: "object.spec.containers.all(c, c.image.contains('@') || !c.image.endsWith(':latest'))", js: (o) => o.spec.containers.every((c: any) => c.image.includes('@') || !c.image.endsWith(':latest')) },
  { cel: "object.spec.containers.all(c, has(c.resources.limits) && 'cpu' in c.resources.limits && 'memory' in c.resources.limits)", js: (o) => o.spec.containers.every((c: any) => c.resources.limits !== undefined && 'cpu' in c.resources.limits && 'memory' in c.resources.limits) },
  { cel: "!object.spec.?hostNetwork.orValue(false) && !object.spec.?hostPID.orValue(false)", js: (o) => !(o.spec.hostNetwork ?? false) && !(o.spec.hostPID ?? false) },
  { cel: "['app.kubernetes.io/name', 'team'].all(l, l in object.metadata.labels)", js: (o) => ['app.kubernetes.io/name', 'team'].every((l) => l in o.metadata.labels) },
];

const POOL_SIZE = 64;

interface Rate {
  /** Runs per CPU second and per wall-clock second. */
  cpu: number;
  wall: number;
}

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/**
 * Runs `pass` (which does `units` units of work) for at least `minimumMs` of CPU time, in batches that grow
 * until one takes 10 ms, so reading the clocks costs nothing measurable even for the fast JS twins.
 */
function perSecond(pass: () => void, units: number, minimumMs = 300): Rate {
  for (let i = 0; i < 20; i++) pass();
  let batch = 1;
  let passes = 0;
  const wallStart = performance.now();
  const cpuStart = cpuMicros();
  let cpuMs = 0;
  while (cpuMs < minimumMs) {
    const batchStart = cpuMs;
    for (let i = 0; i < batch; i++) pass();
    passes += batch;
    cpuMs = (cpuMicros() - cpuStart) / 1000;
    if (cpuMs - batchStart < 10) batch *= 2;
  }
  const wallMs = performance.now() - wallStart;
  return { cpu: ((passes * units) / cpuMs) * 1000, wall: ((passes * units) / wallMs) * 1000 };
}

function twentyRuleSet(): string {
  const rules: string[] = [];
  for (let i = 0; i < 20; i++) {
    const check = CHECKS[i % CHECKS.length].cel.replaceAll('"', '\\"');
    rules.push(`apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: rule-${i}}
spec:
  matchConstraints:
    resourceRules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [pods]}]
  validations:
  - expression: "${check} || ${i} < 0"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: rule-${i}}
spec: {policyName: rule-${i}, validationActions: [Deny]}`);
  }
  return rules.join('\n---\n');
}

let benchRuns = 0;

export function benchCel(): CelBenchResult {
  const pods = Array.from({ length: POOL_SIZE }, (_, i) => benchPod(i));
  const activations = pods.map((pod) => ({ object: toCel(pod) }));
  const programs = CHECKS.map((check) => compileCel(check.cel, { policy: 'bench', field: 'expression' }, { expect: 'bool' }));

  const celPass = () => {
    let passed = 0;
    for (const activation of activations) for (const program of programs) if (program.evaluate(activation) === true) passed++;
    return passed;
  };
  const jsPass = () => {
    let passed = 0;
    for (const pod of pods) for (const check of CHECKS) if (check.js(pod)) passed++;
    return passed;
  };
  const expected = jsPass();
  if (celPass() !== expected) throw new Error(`CEL and JS disagree on the bench pods: ${celPass()} vs ${expected} passing checks`);
  if (expected === 0 || expected === pods.length * CHECKS.length) throw new Error('bench pods do not vary the verdicts');

  let mismatches = 0;
  const units = pods.length * CHECKS.length;
  const celRate = perSecond(() => { if (celPass() !== expected) mismatches++; }, units);
  const jsRate = perSecond(() => { if (jsPass() !== expected) mismatches++; }, units);

  // Fresh texts every run: compiled programs are cached by text.
  const salt = benchRuns++;
  const compileCount = 200;
  const compileStart = performance.now();
  for (let i = 0; i < compileCount; i++) {
    compileCel(`${CHECKS[i % CHECKS.length].cel} && ${salt * compileCount + i} >= 0`, { policy: 'bench', field: 'compile' }, { expect: 'bool' });
  }
  const compileMs = (performance.now() - compileStart) / compileCount;

  const set = loadPolicySet([twentyRuleSet()]);
  if (set.diagnostics.length > 0) throw new Error(`bench policy set is invalid: ${set.diagnostics[0].message}`);
  // One review per pod, each on its own object: nothing carries over from one review to the next.
  const reviews: AdmissionInput[] = pods.map((pod) => reviewOfObject(pod));
  const expectedAllowed = pods.filter((pod) => CHECKS.every((check) => check.js(pod))).length;
  const reviewPass = () => {
    let allowed = 0;
    for (const review of reviews) if (evaluateAdmission(set, review).allowed) allowed++;
    return allowed;
  };
  if (reviewPass() !== expectedAllowed) throw new Error(`the 20-rule set admits ${reviewPass()} bench pods, the JS twins ${expectedAllowed}`);
  const reviewRate = perSecond(() => { if (reviewPass() !== expectedAllowed) mismatches++; }, reviews.length);
  if (mismatches > 0) throw new Error('bench verdicts changed between runs');

  return {
    celEvalsPerSecond: Math.round(celRate.cpu),
    jsEvalsPerSecond: Math.round(jsRate.cpu),
    ratioToJs: Number((celRate.cpu / jsRate.cpu).toFixed(3)),
    compileMsPerExpression: Number(compileMs.toFixed(3)),
    microsPerReview20Rules: Number((1e6 / reviewRate.cpu).toFixed(2)),
    wallMicrosPerReview20Rules: Number((1e6 / reviewRate.wall).toFixed(2)),
    expressions: programs.length,
    pods: pods.length,
    podJsonBytes: Math.round(pods.reduce((sum, pod) => sum + JSON.stringify(pod).length, 0) / pods.length),
  };
}
