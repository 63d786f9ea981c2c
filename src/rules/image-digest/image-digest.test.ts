import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './image-digest.rule.js';

const tagged = pod((p) => { p.spec.containers[0].image = 'registry.example.com/team/app:1.4.2'; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'digest without a tag', object: pod((p) => { p.spec.containers[0].image = 'nginx@sha256:0d6f4e2b3c5a7f9e1d2c4b6a8f0e2d4c6b8a0f1e3d5c7b9a1f3e5d7c9b1a3f5e'; }) },
    { name: 'a container without an image is left to schema validation', object: pod((p) => { delete p.spec.containers[0].image; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `tag only in a ${kind}`,
      object: asWorkload(tagged, kind),
      errors: [{ messageId: 'notPinned', path: `${podSpecPathOf(kind)}.containers[0].image` }],
    })),
    { name: 'a malformed digest', object: pod((p) => { p.spec.containers[0].image = 'nginx@sha256:abc'; }), errors: [{ messageId: 'notPinned' }] },
    { name: 'init container', object: pod((p) => { p.spec.initContainers[0].image = 'busybox:1.36'; }), errors: [{ messageId: 'notPinned', path: 'spec.initContainers[0].image' }] },
    {
      name: 'ephemeral container',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36' }]; }),
      errors: [{ messageId: 'notPinned', path: 'spec.ephemeralContainers[0].image' }],
    },
  ],
});
