import { describe, expect, it } from 'vitest';
import { fromYaml } from '../testing/index.js';
import { loadPolicySet } from './policy-set.js';
import { sharingKeys } from './validator.js';

function validatorWith(variables: Record<string, string>) {
  const set = loadPolicySet(fromYaml(`apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: p}
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}
  variables:
${Object.entries(variables).map(([name, expression]) => `  - name: ${name}\n    expression: ${JSON.stringify(expression)}`).join('\n')}
  validations:
  - expression: "true"
`));
  expect(set.diagnostics).toEqual([]);
  return set.vaps[0].validator;
}

describe('which variables validators of one review may share (sharingKeys)', () => {
  it('shares a variable by its expression and, transitively, those of the variables it reads', () => {
    const keys = sharingKeys(validatorWith({ podSpec: 'object.spec', containers: 'variables.podSpec.containers' }));
    expect(keys.get('podSpec')).toBe('podSpec=object.spec');
    expect(keys.get('containers')).toBe('containers=variables.podSpec.containers\u0000podSpec=object.spec');
    // The same name over another podSpec must not meet the first one's value.
    const other = sharingKeys(validatorWith({ podSpec: 'object.spec.template.spec', containers: 'variables.podSpec.containers' }));
    expect(other.get('containers')).not.toBe(keys.get('containers'));
  });

  it('keeps to each validator what may differ between them: params, and variables read in ways it cannot follow', () => {
    const keys = sharingKeys(validatorWith({
      limit: 'params.data.limit',
      usesLimit: 'variables.limit + "x"',
      dynamic: 'variables["limit"]',
      own: 'object.metadata.name',
    }));
    expect([...keys.keys()]).toEqual(['own']);
  });
});
