import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateManifests } from '../../bench/generate.js';
import { fromYaml, pod } from '../testing/index.js';
import { reviewOfAdmissionReview, reviewOfObject } from './admission.js';
import type { PartialReads } from './cel/reads.js';
import { planOf } from './plan.js';
import { evaluateAdmission, loadPolicySet } from './policy-set.js';

function vap(name: string, rules: string, expression: string): string {
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: ${name}}
spec:
  matchConstraints:
    resourceRules:
    - ${rules}
  validations:
  - expression: "${expression}"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: ${name}}
spec: {policyName: ${name}, validationActions: [Deny]}`;
}

const named = (name: string) => pod((p) => { p.metadata.name = name; });

describe('evaluation plan of a policy set (reused across reviews)', () => {
  it('checks resourceNames for every review, though the request kind is the same', () => {
    const set = loadPolicySet(fromYaml(vap('only-web', '{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods], resourceNames: [web]}', 'false')));
    expect(evaluateAdmission(set, reviewOfObject(named('web'))).allowed).toBe(false);
    expect(evaluateAdmission(set, reviewOfObject(named('api'))).allowed).toBe(true);
    expect(evaluateAdmission(set, reviewOfObject(named('web'))).allowed).toBe(false);
  });

  it('tells request kinds apart: operation, resource and scope', () => {
    const set = loadPolicySet(fromYaml(vap('create-pods', '{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods], scope: Namespaced}', 'false')));
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: {} };
    expect(evaluateAdmission(set, reviewOfObject(named('web'))).allowed).toBe(false);
    expect(evaluateAdmission(set, reviewOfObject(named('web'), { operation: 'UPDATE', oldObject: named('web') })).allowed).toBe(true);
    expect(evaluateAdmission(set, reviewOfObject(deployment)).allowed).toBe(true);
    expect(evaluateAdmission(set, reviewOfObject(named('web'))).allowed).toBe(false);
  });

  it('sees policies and bindings added to the set after it was first evaluated', () => {
    const set = loadPolicySet(fromYaml(vap('first', '{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}', 'true')));
    expect(evaluateAdmission(set, reviewOfObject(pod())).allowed).toBe(true);
    const more = loadPolicySet(fromYaml(vap('second', '{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}', 'object.spec.containers.all(c, c.name == \\"x\\")')));
    set.vaps.push(...more.vaps);
    set.bindings.push(...more.bindings);
    const verdict = evaluateAdmission(set, reviewOfObject(pod()));
    expect(verdict.allowed).toBe(false);
    expect(verdict.results.map((r) => r.policy)).toEqual(['second']);
  });

  it('converts the fields every policy of the set reads, whichever policy reads them', () => {
    const set = loadPolicySet(fromYaml([
      vap('replicas', '{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}', 'object.spec.replicas + 1 <= 3'),
      vap('labels', '{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}', 'size(object.metadata.labels) > 0'),
    ].join('\n---\n')));
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } }, spec: { replicas: 3 } };
    expect(evaluateAdmission(set, reviewOfObject(deployment)).results.map((r) => [r.policy, r.message])).toEqual([['replicas', 'failed expression: object.spec.replicas + 1 <= 3']]);
  });

  it('gives Gatekeeper the same converted object as object, request.object and variables.anyObject', () => {
    const template = `apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata: {name: k8smaxreplicas}
spec:
  crd: {spec: {names: {kind: K8sMaxReplicas}}}
  targets:
  - target: admission.k8s.gatekeeper.sh
    code:
    - engine: K8sNativeValidation
      source:
        validations:
        - expression: "variables.anyObject.spec.replicas <= 2 && request.object.spec.replicas == object.spec.replicas && request.oldObject.spec.replicas + 1 == 2"
          message: too many replicas
---
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sMaxReplicas
metadata: {name: max-two}`;
    const set = loadPolicySet(fromYaml(template));
    const deployment = (replicas: number) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas } });
    const review = (replicas: number) => reviewOfAdmissionReview({
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      request: { uid: '1', operation: 'UPDATE', object: deployment(replicas), oldObject: deployment(1), userInfo: { username: 'alice' } },
    });
    expect(evaluateAdmission(set, review(2)).allowed).toBe(true);
    expect(evaluateAdmission(set, review(3)).status?.message).toBe('admission webhook "validation.gatekeeper.sh" denied the request: [max-two] too many replicas');
  });
});

describe('fields converted for a policy set whose variables select from the object', () => {
  const policiesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../policies');
  const policyObjects = readdirSync(policiesDir)
    .filter((name) => existsSync(path.join(policiesDir, name, 'policy.yaml')))
    .flatMap((name) => fromYaml(readFileSync(path.join(policiesDir, name, 'policy.yaml'), 'utf8')));
  /** The same policies, each with one more validation that compares the whole object: every field is converted. */
  const readingEverything = policyObjects.map((object) => {
    if (object.kind !== 'ValidatingAdmissionPolicy') return object;
    const copy = structuredClone(object);
    copy.spec.validations.push({ expression: 'object == object' });
    return copy;
  });

  it('follows variables into their uses, so only the fields read are converted', () => {
    const set = loadPolicySet(policyObjects);
    expect(set.diagnostics).toEqual([]);
    const reads = planOf(set).objectReads;
    expect(reads).not.toBe(true);
    const spec = (reads as PartialReads).fields.get('spec') as PartialReads;
    expect(spec).not.toBe(true);
    const containerReads = (spec.fields.get('containers') as PartialReads).elements as PartialReads;
    expect([...containerReads.fields.keys()].sort()).toEqual(['image', 'livenessProbe', 'name', 'ports', 'readinessProbe', 'resources', 'securityContext']);
    expect(spec.fields.has('tolerations')).toBe(false);
    expect(planOf(loadPolicySet(readingEverything)).objectReads).toBe(true);
  });

  it('gives every review the verdict of the whole conversion', () => {
    const partial = loadPolicySet(policyObjects);
    const whole = loadPolicySet(readingEverything);
    const objects = fromYaml(generateManifests(600).text);
    let denied = 0;
    for (const object of objects) {
      const input = reviewOfObject(object);
      const verdict = evaluateAdmission(partial, input);
      expect(verdict, `${object.kind}/${object.metadata?.name}`).toEqual(evaluateAdmission(whole, input));
      if (!verdict.allowed) denied++;
    }
    expect(objects.length).toBeGreaterThan(500);
    expect(denied).toBeGreaterThan(50);
  });
});
