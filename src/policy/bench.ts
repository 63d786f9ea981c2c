/**
 * benchCel(): CEL evaluation speed against the same checks written in plain JS, measured in one run, plus
 * compile time per expression and µs per AdmissionReview for a 20-rule VAP set. `npm run bench` calls it;
 * tests never assert on timings.
 */
import type { K8sObject } from '../core/k8s/object.js';
import { reviewOfObject } from './admission.js';
import { compileCel } from './cel/compile.js';
import { toCel } from './cel/values.js';
import { evaluateAdmission, loadPolicySet } from './policy-set.js';

export interface CelBenchResult {
  /** Evaluations per second of the typical expressions, compiled once. */
  celEvalsPerSecond: number;
  /** The same checks in plain JavaScript. */
  jsEvalsPerSecond: number;
  /** celEvalsPerSecond / jsEvalsPerSecond; the target is >= 0.1. */
  ratioToJs: number;
  /** Mean compile time of a fresh expression, in milliseconds; the target is <= 2. */
  compileMsPerExpression: number;
  /** Microseconds to evaluate one pod review against 20 VAPs with bindings; the target is <= 25. */
  microsPerReview20Rules: number;
  expressions: number;
}

function benchPod(): K8sObject {
  const container = (name: string) => ({
    name,
    image: `registry.example.com/shop/${name}:1.4.2`,
    securityContext: { privileged: false, allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true },
    resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
    ports: [{ containerPort: 8080, protocol: 'TCP' }],
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'web', team: 'shop' } },
    spec: { containers: [container('app'), container('sidecar'), container('proxy')], initContainers: [container('setup')], volumes: [{ name: 'cache', emptyDir: {} }] },
  };
}

/** Typical policy checks, each with its hand-written JS twin. */
const CHECKS: Array<{ cel: string; js: (object: any) => boolean }> = [
  { cel: 'object.spec.containers.all(c, has(c.securityContext) && c.securityContext.privileged == false)', js: (o) => o.spec.containers.every((c: any) => c.securityContext !== undefined && c.securityContext.privileged === false) },
  { cel: "!object.spec.?volumes.orValue([]).exists(v, has(v.hostPath))", js: (o) => !(o.spec.volumes ?? []).some((v: any) => v.hostPath !== undefined) },
  { cel: "object.spec.containers.all(c, c.image.contains('@') || !c.image.endsWith(':latest'))", js: (o) => o.spec.containers.every((c: any) => c.image.includes('@') || !c.image.endsWith(':latest')) },
  { cel: "object.spec.containers.all(c, has(c.resources.limits) && 'cpu' in c.resources.limits && 'memory' in c.resources.limits)", js: (o) => o.spec.containers.every((c: any) => c.resources.limits !== undefined && 'cpu' in c.resources.limits && 'memory' in c.resources.limits) },
  { cel: "!object.spec.?hostNetwork.orValue(false) && !object.spec.?hostPID.orValue(false)", js: (o) => !(o.spec.hostNetwork ?? false) && !(o.spec.hostPID ?? false) },
  { cel: "['app.kubernetes.io/name', 'team'].all(l, l in object.metadata.labels)", js: (o) => ['app.kubernetes.io/name', 'team'].every((l) => l in o.metadata.labels) },
];

function perSecond(run: () => void, minimumMs = 300): number {
  let iterations = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minimumMs) {
    for (let i = 0; i < 1000; i++) run();
    iterations += 1000;
    elapsed = performance.now() - start;
  }
  return (iterations / elapsed) * 1000;
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
  const object = benchPod();
  const celObject = toCel(object);
  const activation = { object: celObject };
  const programs = CHECKS.map((check) => compileCel(check.cel, { policy: 'bench', field: 'expression' }, { expect: 'bool' }));
  for (const program of programs) if (program.evaluate(activation) !== true) throw new Error(`bench expression is not true: ${program.source}`);

  let sink = 0;
  const celRate = perSecond(() => {
    for (const program of programs) if (program.evaluate(activation) === true) sink++;
  }) * programs.length;
  const jsRate = perSecond(() => {
    for (const check of CHECKS) if (check.js(object)) sink++;
  }) * CHECKS.length;

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
  const review = reviewOfObject(object);
  const reviewRate = perSecond(() => {
    if (evaluateAdmission(set, review).allowed) sink++;
  });
  if (sink === 0) throw new Error('bench did no work');
  return {
    celEvalsPerSecond: Math.round(celRate),
    jsEvalsPerSecond: Math.round(jsRate),
    ratioToJs: Number((celRate / jsRate).toFixed(3)),
    compileMsPerExpression: Number(compileMs.toFixed(3)),
    microsPerReview20Rules: Number((1e6 / reviewRate).toFixed(2)),
    expressions: programs.length,
  };
}
