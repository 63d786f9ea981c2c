import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../cli/io.js';
import { runCli } from '../cli/program.js';

const POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: replicas}
spec:
  matchConstraints:
    resourceRules: [{apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments]}]
  validations:
  - expression: "object.spec.replicas <= 5"
    messageExpression: "'at most 5 replicas, got ' + string(object.spec.replicas)"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: replicas}
spec: {policyName: replicas, validationActions: [Deny]}
`;

const deployment = (replicas: number) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas } });

describe('kubeward policy test with a failing case', () => {
  it('reports the failure with its reason and exits 1', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kubeward-policy-'));
    await writeFile(path.join(dir, 'policy.yaml'), POLICY);
    const test = {
      apiVersion: 'kubeward.io/v1alpha1',
      kind: 'PolicyTest',
      metadata: { name: 'replicas' },
      policies: ['policy.yaml'],
      cases: [
        { name: 'few replicas', object: deployment(2), expect: 'allow' },
        { name: 'int64 arithmetic on JSON integers', object: deployment(6), expect: 'deny', message: 'at most 5 replicas, got 6$' },
        { name: 'wrongly expected to pass', object: deployment(9), expect: 'allow' },
        { name: 'scaling up on UPDATE', object: deployment(7), oldObject: deployment(3), expect: 'deny' },
      ],
    };
    await writeFile(path.join(dir, 'test.yaml'), JSON.stringify(test));
    const io = memoryIo({ cwd: dir });
    const code = await runCli(['policy', 'test', '.'], io);
    expect(io.out()).toContain("FAIL  test.yaml › replicas › wrongly expected to pass\n      expected allow, got deny: ValidatingAdmissionPolicy 'replicas' with binding 'replicas' denied request: at most 5 replicas, got 9\n");
    expect(io.out()).toContain('3 passed, 1 failed, 0 skipped\n');
    expect(code).toBe(1);
  });
});
