import { asWorkload, pod, ruleTester } from '../../testing/index.js';
import rule from './naked-pod.rule.js';

ruleTester(rule).run({
  valid: [
    { name: 'a pod of a ReplicaSet', object: pod((p) => { p.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f', controller: true }]; }) },
    { name: 'a pod of a custom controller', object: pod((p) => { p.metadata.ownerReferences = [{ apiVersion: 'example.com/v1', kind: 'Runner', name: 'ci' }]; }) },
    { name: 'controllers themselves are not pods', object: asWorkload(pod(), 'Deployment') },
  ],
  invalid: [
    { name: 'the minimal pod is bare', object: pod(), errors: [{ messageId: 'naked', path: 'metadata' }] },
    { name: 'an empty owner list', object: pod((p) => { p.metadata.ownerReferences = []; }), errors: [{ messageId: 'naked' }] },
  ],
});
