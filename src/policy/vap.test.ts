import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../core/k8s/object.js';
import { fromYaml, pod } from '../testing/index.js';
import { reviewOfAdmissionReview, reviewOfObject, type AdmissionInput } from './admission.js';
import { evaluateAdmission, loadPolicySet } from './policy-set.js';

/** A VAP named `p` with binding `b`; `spec` and `binding` are YAML fragments indented by two spaces. */
function vap(spec: string, binding = '  validationActions: [Deny]', extra = ''): string {
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: p}
spec:
${spec}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: b}
spec:
  policyName: p
${binding}
${extra}`;
}

const PODS = `  matchConstraints:
    resourceRules:
    - {apiGroups: [""], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [pods]}`;

function verdictFor(policies: string, object: K8sObject | AdmissionInput, options: { namespaces?: K8sObject[] } = {}) {
  const set = loadPolicySet(fromYaml(policies));
  expect(set.diagnostics.filter((d) => d.level !== 'warning')).toEqual([]);
  const input = 'operation' in object && 'kind' in object && typeof object.kind === 'object' ? (object as AdmissionInput) : reviewOfObject(object as K8sObject);
  const byName = new Map((options.namespaces ?? []).map((n) => [n.metadata!.name!, n]));
  return evaluateAdmission(set, input, { namespaces: (name) => byName.get(name) });
}

const privileged = pod((p) => { p.spec.containers[0].securityContext = { privileged: true }; });

describe('ValidatingAdmissionPolicy validations', () => {
  const noPrivileged = vap(`${PODS}
  validations:
  - expression: "object.spec.containers.all(c, !c.?securityContext.?privileged.orValue(false))"
    message: privileged containers are not allowed
    reason: Forbidden`);

  it('denies with the API server message and the validation reason', () => {
    const verdict = verdictFor(noPrivileged, privileged);
    expect(verdict.allowed).toBe(false);
    expect(verdict.status).toEqual({ message: "ValidatingAdmissionPolicy 'p' with binding 'b' denied request: privileged containers are not allowed", reason: 'Forbidden', code: 403 });
  });

  it('admits an object that passes', () => {
    expect(verdictFor(noPrivileged, pod())).toMatchObject({ allowed: true, results: [], warnings: [] });
  });

  it('uses messageExpression, then message, then the expression as the message', () => {
    const policy = vap(`${PODS}
  validations:
  - expression: "false"
    messageExpression: "'pod ' + object.metadata.name + ' rejected'"
    message: static
  - expression: "false"
    messageExpression: "'   '"
    message: "  static message  "
  - expression: " 1 > 2 "`);
    const verdict = verdictFor(policy, pod());
    expect(verdict.results.map((r) => r.message)).toEqual(['pod web rejected', 'static message', 'failed expression: 1 > 2']);
    expect(verdict.results.map((r) => r.reason)).toEqual(['Invalid', 'Invalid', 'Invalid']);
    expect(verdict.status?.code).toBe(422);
  });

  it('falls back to the message when messageExpression fails or yields several lines', () => {
    const policy = vap(`${PODS}
  validations:
  - expression: "false"
    messageExpression: "object.missing.field"
    message: fallback one
  - expression: "false"
    messageExpression: "'two\\\\nlines'"
    message: fallback two`);
    expect(verdictFor(policy, pod()).results.map((r) => r.message)).toEqual(['fallback one', 'fallback two']);
  });

  it('follows failurePolicy on runtime errors: Fail denies with the error, Ignore admits', () => {
    const failing = `${PODS}
  validations:
  - expression: "object.spec.nodeName == 'x'"`;
    const fail = verdictFor(vap(failing), pod());
    expect(fail.allowed).toBe(false);
    expect(fail.results[0]).toMatchObject({ error: true });
    expect(fail.status?.message).toMatch(/^ValidatingAdmissionPolicy 'p' with binding 'b' denied request: expression 'object.spec.nodeName == 'x'' resulted in error: No such key: nodeName$/);
    const ignore = verdictFor(vap(`  failurePolicy: Ignore\n${failing}`), pod());
    expect(ignore).toMatchObject({ allowed: true, results: [] });
  });

  it('turns compile errors into diagnostics naming the policy, field and position, and fails closed', () => {
    const set = loadPolicySet(fromYaml(vap(`${PODS}
  validations:
  - expression: "object.spec.containers.all(c, c.name =="`)));
    expect(set.diagnostics).toHaveLength(1);
    expect(set.diagnostics[0]).toMatchObject({ level: 'error', code: 'E_POLICY_INVALID' });
    expect(set.diagnostics[0].message).toContain('ValidatingAdmissionPolicy p: spec.validations[0].expression: 1:40:');
    const verdict = evaluateAdmission(set, reviewOfObject(pod()));
    expect(verdict.allowed).toBe(false);
    expect(verdict.status?.message).toContain('compilation failed');
  });

  it('rejects a validation that cannot return bool at compile time', () => {
    const set = loadPolicySet(fromYaml(vap(`${PODS}
  validations:
  - expression: "object.metadata.name + 'x'"
  - expression: "'x' + 'y'"`)));
    expect(set.diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining('spec.validations[0].expression: 1:1: must evaluate to bool, but has type string'),
      expect.stringContaining('spec.validations[1].expression: 1:1: must evaluate to bool, but has type string'),
    ]);
  });

  it('stops a runaway expression with the cost bound and applies the failure policy', () => {
    const verdict = verdictFor(vap(`${PODS}
  validations:
  - expression: "lists.range(2000).all(i, lists.range(2000).all(j, i + j >= 0))"`), pod());
    expect(verdict.allowed).toBe(false);
    expect(verdict.results[0].message).toContain('cost limit exceeded');
  });
});

describe('ValidatingAdmissionPolicy variables and match conditions', () => {
  it('evaluates variables lazily and in order, each at most once', () => {
    const policy = vap(`${PODS}
  variables:
  - {name: names, expression: "object.spec.containers.map(c, c.name)"}
  - {name: broken, expression: "object.nothing.here"}
  - {name: count, expression: "size(variables.names)"}
  validations:
  - expression: "variables.count == 1 && variables.names[0] == 'app'"
  - expression: "variables.broken == 1"
    message: never reached`);
    const verdict = verdictFor(policy, pod());
    expect(verdict.results).toHaveLength(1);
    expect(verdict.results[0].message).toMatch(/composited variable "broken" fails to evaluate: .*No such key: nothing/);
  });

  it('computes variables afresh for every review when one set evaluates many (a value or a failure never carries over)', () => {
    const set = loadPolicySet(fromYaml(vap(`${PODS}
  variables:
  - {name: first, expression: "object.spec.containers[0].name"}
  - {name: image, expression: "object.spec.containers[0].image"}
  validations:
  - expression: "variables.first == 'app'"
    messageExpression: "'first container is ' + variables.first"
  - expression: "variables.image != ''"`)));
    const verdictOf = (object: K8sObject) => evaluateAdmission(set, reviewOfObject(object)).results.map((r) => r.message);
    expect(verdictOf(pod())).toEqual([]);
    expect(verdictOf(pod((p) => { p.spec.containers[0].name = 'other'; }))).toEqual(['first container is other']);
    // No containers: both variables fail, for this review only.
    expect(verdictOf(pod((p) => { p.spec.containers = []; }))).toHaveLength(2);
    expect(verdictOf(pod())).toEqual([]);
    expect(verdictOf(pod((p) => { p.spec.containers[0].name = 'third'; }))).toEqual(['first container is third']);
  });

  it('reports a variable that refers to itself, through another variable', () => {
    const policy = vap(`${PODS}
  variables:
  - {name: a, expression: "variables.b + 1"}
  - {name: b, expression: "variables.a + 1"}
  validations:
  - expression: "variables.a > 0"`);
    const verdict = verdictFor(policy, pod());
    expect(verdict.results.map((r) => r.message)).toEqual([
      `expression 'variables.a > 0' resulted in error: composited variable "a" fails to evaluate: expression 'variables.b + 1' resulted in error: composited variable "b" fails to evaluate: expression 'variables.a + 1' resulted in error: composited variable "a" refers to itself`,
    ]);
  });

  it('skips the policy when a match condition is false', () => {
    const policy = vap(`${PODS}
  matchConditions:
  - {name: not-system, expression: "object.metadata.namespace != 'kube-system'"}
  - {name: labelled, expression: "has(object.metadata.labels) && 'enforce' in object.metadata.labels"}
  validations:
  - expression: "false"`);
    expect(verdictFor(policy, pod()).allowed).toBe(true);
    expect(verdictFor(policy, pod((p) => { p.metadata.labels = { enforce: 'yes' }; })).allowed).toBe(false);
    expect(verdictFor(policy, pod((p) => { p.metadata.namespace = 'kube-system'; p.metadata.labels = { enforce: 'yes' }; })).allowed).toBe(true);
  });

  it('applies failurePolicy to a match condition error unless another condition is false', () => {
    const spec = (failurePolicy: string, second: string) => vap(`  failurePolicy: ${failurePolicy}
${PODS}
  matchConditions:
  - {name: broken, expression: "object.nope == 1"}
  - {name: second, expression: "${second}"}
  validations:
  - expression: "true"`);
    expect(verdictFor(spec('Fail', 'true'), pod()).status?.message).toContain('failed to evaluate match condition "broken"');
    expect(verdictFor(spec('Fail', 'false'), pod()).allowed).toBe(true);
    expect(verdictFor(spec('Ignore', 'true'), pod()).allowed).toBe(true);
  });
});

describe('ValidatingAdmissionPolicy matching', () => {
  const deny = `  validations:\n  - expression: "false"\n    message: matched`;

  it('matches resourceRules by group, version, resource, operation and scope, minus excludeResourceRules', () => {
    const policy = vap(`  matchConstraints:
    resourceRules:
    - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: ["*"], scope: Namespaced}
    excludeResourceRules:
    - {apiGroups: [apps], apiVersions: [v1], operations: ["*"], resources: [daemonsets]}
${deny}`);
    const deployment: K8sObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: {} };
    expect(verdictFor(policy, deployment).allowed).toBe(false);
    expect(verdictFor(policy, { ...deployment, kind: 'DaemonSet' }).allowed).toBe(true);
    expect(verdictFor(policy, pod()).allowed).toBe(true);
    expect(verdictFor(policy, reviewOfObject(deployment, { operation: 'UPDATE', oldObject: deployment })).allowed).toBe(true);
  });

  it('matches an older version of the same resource under matchPolicy Equivalent only', () => {
    const rules = `    resourceRules:
    - {apiGroups: [extensions], apiVersions: [v1beta1], operations: ["*"], resources: [deployments]}`;
    const deployment: K8sObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: {} };
    expect(verdictFor(vap(`  matchConstraints:\n${rules}\n${deny}`), deployment).allowed).toBe(false);
    expect(verdictFor(vap(`  matchConstraints:\n    matchPolicy: Exact\n${rules}\n${deny}`), deployment).allowed).toBe(true);
  });

  it('matches namespaceSelector on the namespace labels, objectSelector on the new or old object', () => {
    const policy = vap(`  matchConstraints:
    namespaceSelector: {matchLabels: {env: prod}}
    objectSelector: {matchExpressions: [{key: tier, operator: In, values: [web]}]}
    resourceRules:
    - {apiGroups: [""], apiVersions: [v1], operations: ["*"], resources: [pods]}
${deny}`);
    const prod: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { env: 'prod' } } };
    const web = pod((p) => { p.metadata.namespace = 'shop'; p.metadata.labels = { tier: 'web' }; });
    expect(verdictFor(policy, web, { namespaces: [prod] }).allowed).toBe(false);
    expect(verdictFor(policy, web, { namespaces: [] }).allowed).toBe(true);
    expect(verdictFor(policy, pod((p) => { p.metadata.namespace = 'shop'; }), { namespaces: [prod] }).allowed).toBe(true);
    const relabel = reviewOfObject(pod((p) => { p.metadata.namespace = 'shop'; }), { operation: 'UPDATE', oldObject: web });
    expect(verdictFor(policy, relabel, { namespaces: [prod] }).allowed).toBe(false);
  });

  it('intersects the binding matchResources with the policy', () => {
    const policy = vap(`${PODS}\n${deny}`, `  validationActions: [Deny]
  matchResources:
    namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: payments}}`);
    expect(verdictFor(policy, pod((p) => { p.metadata.namespace = 'payments'; })).allowed).toBe(false);
    expect(verdictFor(policy, pod()).allowed).toBe(true);
  });
});

describe('ValidatingAdmissionPolicy actions and audit annotations', () => {
  const failing = `${PODS}
  validations:
  - expression: "false"
    message: bad pod
  auditAnnotations:
  - {key: image, valueExpression: "object.spec.containers[0].image"}
  - {key: none, valueExpression: "null"}`;

  it('Warn adds the API server warning and admits', () => {
    const verdict = verdictFor(vap(failing, '  validationActions: [Warn]'), pod());
    expect(verdict.allowed).toBe(true);
    expect(verdict.warnings).toEqual(["Validation failed for ValidatingAdmissionPolicy 'p' with binding 'b': bad pod"]);
  });

  it('Audit records validation_failure and the policy audit annotations', () => {
    const verdict = verdictFor(vap(failing, '  validationActions: [Audit]'), pod());
    expect(verdict.allowed).toBe(true);
    expect(verdict.auditAnnotations['p/image']).toBe(pod().spec.containers[0].image);
    expect(verdict.auditAnnotations).not.toHaveProperty('p/none');
    expect(JSON.parse(verdict.auditAnnotations['validation.policy.admission.k8s.io/validation_failure'])).toEqual([{ message: 'bad pod', policy: 'p', binding: 'b', expressionIndex: 0, validationActions: ['Audit'] }]);
  });

  it('rejects a binding that combines Deny and Warn', () => {
    const set = loadPolicySet(fromYaml(vap(failing, '  validationActions: [Deny, Warn]')));
    expect(set.diagnostics[0].message).toContain('may not contain both Deny and Warn');
  });
});

describe('ValidatingAdmissionPolicy params', () => {
  const withParams = `  paramKind: {apiVersion: v1, kind: ConfigMap}
${PODS}
  validations:
  - expression: "params == null || object.spec.containers.all(c, c.image.startsWith(params.data.registry))"
    messageExpression: "'image must come from ' + params.data.registry"`;
  const configMap = (name: string, registry: string, labels: Record<string, string> = {}) =>
    `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: shop, labels: ${JSON.stringify(labels)}}\ndata: {registry: "${registry}"}`;

  it('resolves paramRef by name in the request namespace', () => {
    const policy = vap(withParams, '  validationActions: [Deny]\n  paramRef: {name: registries, parameterNotFoundAction: Deny}', configMap('registries', 'ghcr.io/'));
    expect(verdictFor(policy, pod()).status?.message).toBe("ValidatingAdmissionPolicy 'p' with binding 'b' denied request: image must come from ghcr.io/");
    expect(verdictFor(vap(withParams, '  validationActions: [Deny]\n  paramRef: {name: registries, parameterNotFoundAction: Deny}', configMap('registries', 'registry.example.com/')), pod()).allowed).toBe(true);
  });

  it('evaluates once per param a selector finds and denies if any fails', () => {
    const binding = '  validationActions: [Deny]\n  paramRef:\n    selector: {matchLabels: {kind: registry}}\n    parameterNotFoundAction: Allow';
    const policy = vap(withParams, binding, `${configMap('one', 'registry.example.com/', { kind: 'registry' })}\n${configMap('two', 'quay.io/', { kind: 'registry' })}\n${configMap('other', 'x/')}`);
    const verdict = verdictFor(policy, pod());
    expect(verdict.results.map((r) => r.message)).toEqual(['image must come from quay.io/']);
  });

  it('follows parameterNotFoundAction: Allow admits, Deny fails with the Kubernetes message', () => {
    const allow = vap(withParams, '  validationActions: [Deny]\n  paramRef: {name: missing, parameterNotFoundAction: Allow}');
    expect(verdictFor(allow, pod())).toMatchObject({ allowed: true, results: [] });
    const deny = vap(withParams, '  validationActions: [Deny]\n  paramRef: {name: missing, parameterNotFoundAction: Deny}');
    expect(verdictFor(deny, pod()).status?.message).toBe("ValidatingAdmissionPolicy 'p' with binding 'b' denied request: failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction");
  });

  it('binds params to null when the binding has no paramRef', () => {
    expect(verdictFor(vap(withParams), pod()).allowed).toBe(true);
  });

  it('uses paramRef.namespace over the request namespace', () => {
    const policy = vap(withParams, '  validationActions: [Deny]\n  paramRef: {name: registries, namespace: shop, parameterNotFoundAction: Deny}', configMap('registries', 'quay.io/'));
    expect(verdictFor(policy, pod((p) => { p.metadata.namespace = 'payments'; })).allowed).toBe(false);
  });
});

describe('ValidatingAdmissionPolicy on UPDATE and DELETE reviews', () => {
  const immutable = vap(`  matchConstraints:
    resourceRules:
    - {apiGroups: [""], apiVersions: [v1], operations: [UPDATE, DELETE], resources: [pods]}
  validations:
  - expression: "request.operation != 'UPDATE' || object.metadata.labels.team == oldObject.metadata.labels.team"
    message: the team label is immutable
  - expression: "request.operation != 'DELETE' || (object == null && oldObject.metadata.name == 'web')"
    message: delete sees no object`);

  it('compares object and oldObject from an AdmissionReview', () => {
    const review = (newTeam: string) => reviewOfAdmissionReview({
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      request: {
        uid: '1', operation: 'UPDATE', namespace: 'shop', name: 'web',
        kind: { group: '', version: 'v1', kind: 'Pod' }, resource: { group: '', version: 'v1', resource: 'pods' },
        object: pod((p) => { p.metadata.labels = { team: newTeam }; }),
        oldObject: pod((p) => { p.metadata.labels = { team: 'shop' }; }),
        userInfo: { username: 'alice' },
      },
    });
    expect(verdictFor(immutable, review('shop')).allowed).toBe(true);
    expect(verdictFor(immutable, review('payments')).status?.message).toContain('the team label is immutable');
  });

  it('binds object to null on DELETE', () => {
    const review = reviewOfAdmissionReview({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { operation: 'DELETE', oldObject: pod() } });
    expect(verdictFor(immutable, review).allowed).toBe(true);
  });
});
