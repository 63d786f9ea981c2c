import { ruleTester } from '../../testing/index.js';
import rule from './pdb-no-policy.rule.js';

const pdb = (spec: Record<string, unknown>) => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } });

ruleTester(rule).run({
  valid: [
    pdb({ maxUnavailable: 1 }),
    pdb({ minAvailable: '50%' }),
    { name: 'zero is a policy (reported by pdb-blocks-eviction)', object: pdb({ maxUnavailable: 0 }) },
  ],
  invalid: [
    { name: 'neither field', object: pdb({}), errors: [{ messageId: 'noPolicy', path: 'spec' }] },
    { name: 'no spec at all', object: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' } }, errors: [{ messageId: 'noPolicy', path: 'metadata' }] },
  ],
});
