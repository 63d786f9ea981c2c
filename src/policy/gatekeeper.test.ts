import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../core/k8s/object.js';
import { fromYaml, pod } from '../testing/index.js';
import { reviewOfAdmissionReview, reviewOfObject } from './admission.js';
import { runPolicyTests } from './files.js';
import { ENFORCEMENT_POINTS } from './gatekeeper.js';
import { evaluateAdmission, loadPolicySet, REGO_NOT_SUPPORTED } from './policy-set.js';
import { runTestFile, summarize } from './suite.js';

const LIBRARY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/conformance/gatekeeper-library');

/** Every case of the provided gatekeeper-library suites passes today; keep it that way. */
const LIBRARY_CASES_FLOOR = 97;

describe('gatekeeper-library conformance (gator verify suites)', () => {
  it(`passes at least ${LIBRARY_CASES_FLOOR} of the library cases`, async () => {
    const run = await runPolicyTests([LIBRARY]);
    const summary = summarize(run.files);
    const failures = run.files.flatMap((f) => f.cases).filter((c) => c.status !== 'pass');
    console.log(`gatekeeper-library: ${run.files.length} suites, ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
    for (const failure of failures) console.log(`  ${failure.status} ${failure.id}: ${failure.reason}`);
    expect(run.errors).toEqual([]);
    expect(run.files).toHaveLength(13);
    expect(summary.passed).toBeGreaterThanOrEqual(LIBRARY_CASES_FLOOR);
  });

  it('fails a case whose assertion does not hold (the runner can fail)', async () => {
    const dir = path.join(LIBRARY, 'library/pod-security-policy/privileged-containers');
    const suite = `kind: Suite
apiVersion: test.gatekeeper.sh/v1alpha1
tests:
- name: inverted
  template: template.yaml
  constraint: samples/psp-privileged-container/constraint.yaml
  cases:
  - name: disallowed-said-allowed
    object: samples/psp-privileged-container/example_disallowed.yaml
    assertions: [{violations: no}]
  - name: allowed-said-two
    object: samples/psp-privileged-container/example_allowed.yaml
    assertions: [{violations: 2}]
  - name: message-mismatch
    object: samples/psp-privileged-container/example_disallowed.yaml
    assertions: [{violations: yes, message: "^no such message$"}]
`;
    const { readFile } = await import('node:fs/promises');
    const result = await runTestFile(path.join(dir, 'inverted-suite.yaml'), suite, (file) => readFile(file, 'utf8'));
    expect(result?.cases.map((c) => c.status)).toEqual(['fail', 'fail', 'fail']);
    expect(result?.cases[0].reason).toMatch(/^expected no violations, got 1 \(Privileged container is not allowed: nginx/);
  });
});

const TEMPLATE = `apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata: {name: k8sdenyname}
spec:
  crd:
    spec:
      names: {kind: K8sDenyName}
      validation:
        openAPIV3Schema:
          type: object
          properties:
            names: {type: array, items: {type: string}}
  targets:
  - target: admission.k8s.gatekeeper.sh
    code:
    - engine: K8sNativeValidation
      source:
        matchCondition:
        - {name: not-ignored, expression: "!has(variables.anyObject.metadata.labels) || !('ignore' in variables.anyObject.metadata.labels)"}
        variables:
        - {name: name, expression: "variables.anyObject.metadata.name"}
        validations:
        - expression: "!(variables.name in variables.params.names)"
          messageExpression: "'name ' + variables.name + ' is denied by ' + params.metadata.name"
`;

function constraint(spec: string, name = 'deny-web'): string {
  return `---\napiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sDenyName\nmetadata: {name: ${name}}\nspec:\n${spec}`;
}

function results(policies: string, object: K8sObject, point: (typeof ENFORCEMENT_POINTS)[keyof typeof ENFORCEMENT_POINTS] = ENFORCEMENT_POINTS.gator, namespaces: K8sObject[] = []) {
  const set = loadPolicySet(fromYaml(policies));
  expect(set.diagnostics).toEqual([]);
  const byName = new Map(namespaces.map((n) => [n.metadata!.name!, n]));
  return evaluateAdmission(set, reviewOfObject(object, { operation: '' }), { enforcementPoint: point, namespaces: (n) => byName.get(n) });
}

const params = '  parameters: {names: [web]}\n';

describe('Gatekeeper constraints', () => {
  it('binds params to the constraint and variables.params to spec.parameters', () => {
    const verdict = results(TEMPLATE + constraint(params), pod());
    expect(verdict.results.map((r) => r.message)).toEqual(['name web is denied by deny-web']);
    expect(verdict.status?.message).toBe('admission webhook "validation.gatekeeper.sh" denied the request: [deny-web] name web is denied by deny-web');
  });

  it('honours matchCondition', () => {
    expect(results(TEMPLATE + constraint(params), pod((p) => { p.metadata.labels = { ignore: 'yes' }; })).results).toEqual([]);
  });

  it('matches kinds, namespaces, excludedNamespaces, name, scope and labelSelector', () => {
    const match = (m: string) => results(TEMPLATE + constraint(`${params}  match:\n${m}`), pod()).results.length;
    expect(match('    kinds: [{apiGroups: [""], kinds: [Pod]}]')).toBe(1);
    expect(match('    kinds: [{apiGroups: [apps], kinds: [Deployment]}]')).toBe(0);
    expect(match('    namespaces: ["sh*"]')).toBe(1);
    expect(match('    namespaces: [payments]')).toBe(0);
    expect(match('    excludedNamespaces: ["*op"]')).toBe(0);
    expect(match('    name: "we*"')).toBe(1);
    expect(match('    name: api')).toBe(0);
    expect(match('    scope: Cluster')).toBe(0);
    expect(match('    scope: Namespaced')).toBe(1);
    expect(match('    labelSelector: {matchLabels: {app: web}}')).toBe(1);
    expect(match('    labelSelector: {matchLabels: {app: api}}')).toBe(0);
  });

  it('matches namespaceSelector on the namespace labels', () => {
    const spec = `${params}  match:\n    namespaceSelector: {matchLabels: {env: prod}}`;
    const prod: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { env: 'prod' } } };
    expect(results(TEMPLATE + constraint(spec), pod(), ENFORCEMENT_POINTS.gator, [prod]).results).toHaveLength(1);
    expect(results(TEMPLATE + constraint(spec), pod()).results).toHaveLength(0);
  });

  it('maps enforcementAction to deny, warn and audit', () => {
    expect(results(TEMPLATE + constraint(`${params}  enforcementAction: warn`), pod())).toMatchObject({ allowed: true, warnings: ['[deny-web] name web is denied by deny-web'] });
    const dryrun = results(TEMPLATE + constraint(`${params}  enforcementAction: dryrun`), pod());
    expect(dryrun.allowed).toBe(true);
    expect(dryrun.results[0].actions).toEqual(['audit']);
  });

  it('applies scoped enforcement actions only at the listed enforcement points', () => {
    const scoped = `${params}  enforcementAction: scoped
  scopedEnforcementActions:
  - action: warn
    enforcementPoints: [{name: validation.gatekeeper.sh}]
  - action: deny
    enforcementPoints: [{name: gator.gatekeeper.sh}]`;
    expect(results(TEMPLATE + constraint(scoped), pod(), ENFORCEMENT_POINTS.gator).results[0].actions).toEqual(['deny']);
    expect(results(TEMPLATE + constraint(scoped), pod(), ENFORCEMENT_POINTS.admission).results[0].actions).toEqual(['warn']);
    expect(results(TEMPLATE + constraint(scoped), pod(), ENFORCEMENT_POINTS.audit).results).toEqual([]);
  });

  it('reviews the old object through anyObject on DELETE', () => {
    const set = loadPolicySet(fromYaml(TEMPLATE + constraint(params)));
    const review = reviewOfAdmissionReview({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { operation: 'DELETE', name: 'web', namespace: 'shop', oldObject: pod() } });
    expect(evaluateAdmission(set, review, { enforcementPoint: ENFORCEMENT_POINTS.gator }).results.map((r) => r.message)).toEqual(['name web is denied by deny-web']);
  });

  it('loads a Rego-only template and reports it instead of ignoring it', async () => {
    const rego = `apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata: {name: k8srego}
spec:
  crd: {spec: {names: {kind: K8sRego}}}
  targets:
  - target: admission.k8s.gatekeeper.sh
    rego: |
      package k8srego
      violation[{"msg": "no"}] { true }
`;
    const set = loadPolicySet(fromYaml(`${rego}---\napiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sRego\nmetadata: {name: r}\n`));
    expect(set.diagnostics).toHaveLength(1);
    expect(set.diagnostics[0]).toMatchObject({ level: 'warning', code: 'E_POLICY_UNSUPPORTED' });
    expect(set.diagnostics[0].message).toContain(REGO_NOT_SUPPORTED);
    expect(evaluateAdmission(set, reviewOfObject(pod())).results).toEqual([]);
  });

  it('rejects unknown enforcement actions and reserved variable names', () => {
    const set = loadPolicySet(fromYaml(TEMPLATE.replace('name: name, expression', 'name: params, expression') + constraint(`${params}  enforcementAction: block`)));
    expect(set.diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining('variable name "params" is reserved by Gatekeeper'),
      expect.stringContaining('unknown enforcementAction "block"'),
    ]);
  });

  it('marks a gator test invalid when the constraint parameters break the template schema', async () => {
    const { readFile } = await import('node:fs/promises');
    const files: Record<string, string> = {
      '/t/template.yaml': TEMPLATE,
      '/t/constraint.yaml': constraint('  parameters: {names: web}\n').slice(4),
    };
    const suite = `kind: Suite\napiVersion: test.gatekeeper.sh/v1alpha1\ntests:\n- name: bad-params\n  template: template.yaml\n  constraint: constraint.yaml\n  invalid: true\n`;
    const result = await runTestFile('/t/suite.yaml', suite, async (file) => files[file] ?? readFile(file, 'utf8'));
    expect(result?.cases).toEqual([{ id: '/t/suite.yaml › bad-params', status: 'pass' }]);
  });
});
