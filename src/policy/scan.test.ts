import { describe, expect, it } from 'vitest';
import { fromYaml, pod } from '../testing/index.js';
import { loadPolicySet } from './policy-set.js';
import { evaluatePoliciesOnObjects } from './scan.js';

const POLICIES = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: no-privileged, annotations: {kubeward.io/severity: critical}}
spec:
  matchConstraints:
    resourceRules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}]
  validations:
  - expression: "object.spec.containers.all(c, !c.?securityContext.?privileged.orValue(false))"
    message: privileged containers are not allowed
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: no-privileged-audit}
spec: {policyName: no-privileged, validationActions: [Audit]}
---
apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata: {name: k8srequiredteam}
spec:
  crd: {spec: {names: {kind: K8sRequiredTeam}}}
  targets:
  - target: admission.k8s.gatekeeper.sh
    code:
    - engine: K8sNativeValidation
      source:
        validations:
        - expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
          message: every workload needs a team label
---
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sRequiredTeam
metadata: {name: team-label}
spec:
  enforcementAction: warn
  match: {kinds: [{apiGroups: [""], kinds: [Pod]}]}
`;

describe('evaluatePoliciesOnObjects', () => {
  it('turns VAP and Gatekeeper failures into findings with policy ids, messages and severities', () => {
    const set = loadPolicySet([POLICIES]);
    const privileged = pod((p) => { p.spec.containers[0].securityContext = { privileged: true }; });
    const locate = () => ({ file: 'pods.yaml', doc: 0, line: 3, column: 1 });
    const { findings, diagnostics } = evaluatePoliciesOnObjects(set, [privileged, ...fromYaml(POLICIES)], { locate });
    expect(diagnostics).toEqual([]);
    expect(findings).toEqual([
      { ruleId: 'policy:no-privileged', severity: 'critical', category: 'policy', messageId: 'policy-violation', message: 'privileged containers are not allowed', object: { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'web' }, source: 'policy:no-privileged', location: { file: 'pods.yaml', doc: 0, line: 3, column: 1 } },
      { ruleId: 'policy:K8sRequiredTeam/team-label', severity: 'medium', category: 'policy', messageId: 'policy-violation', message: 'every workload needs a team label', object: { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'web' }, source: 'policy:K8sRequiredTeam/team-label', location: { file: 'pods.yaml', doc: 0, line: 3, column: 1 } },
    ]);
  });

  it('maps actions to severities and reports a bad severity annotation', () => {
    const set = loadPolicySet([POLICIES.replace('critical', 'urgent').replace('[Audit]', '[Deny]')]);
    const privileged = pod((p) => { p.spec.containers[0].securityContext = { privileged: true }; p.metadata.labels = { team: 'shop' }; });
    const { findings, diagnostics } = evaluatePoliciesOnObjects(set, [privileged]);
    expect(findings.map((f) => f.severity)).toEqual(['high']);
    expect(diagnostics.map((d) => d.code)).toEqual(['E_POLICY_INVALID']);
  });
});
