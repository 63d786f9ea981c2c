import { pod, ruleTester } from '../../testing/index.js';
import rule from './pod-without-controller.rule.js';

const running = (tweak: (p: any) => void = () => {}) => pod((p) => { p.status = { phase: 'Running' }; tweak(p); });
const replicaSetOwner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f6c', uid: 'u1', controller: true };

ruleTester(rule).run({
  valid: [
    { name: 'a Pod from a manifest (no status) is deliberate', object: pod() },
    { name: 'owned by a ReplicaSet', object: running((p) => { p.metadata.ownerReferences = [replicaSetOwner]; }) },
    {
      name: 'a mirror pod owned by its Node',
      object: running((p) => { p.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: 'cp-1', uid: 'n1', controller: true }]; }),
    },
    { name: 'a finished pod', object: running((p) => { p.status.phase = 'Succeeded'; }) },
    { name: 'a failed pod', object: running((p) => { p.status.phase = 'Failed'; }) },
  ],
  invalid: [
    { name: 'a running pod without owners', object: running(), errors: [{ messageId: 'noController', path: 'metadata.ownerReferences' }] },
    { name: 'a pending pod without owners', object: running((p) => { p.status.phase = 'Pending'; }), errors: [{ messageId: 'noController' }] },
    {
      name: 'an owner that is not a controller does not count',
      object: running((p) => { p.metadata.ownerReferences = [{ ...replicaSetOwner, controller: false }, { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: 'c1' }]; }),
      errors: [{ messageId: 'noController' }],
    },
  ],
});
