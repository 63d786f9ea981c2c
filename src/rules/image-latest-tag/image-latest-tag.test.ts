import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './image-latest-tag.rule.js';

const withImage = (image: string) => pod((p) => { p.spec.containers[0].image = image; });

ruleTester(rule).run({
  valid: [
    pod(),
    withImage('nginx:1.27.0'),
    withImage('registry.example.com:5000/team/web:2.1'),
    { name: 'a digest pins latest', object: withImage('nginx:latest@sha256:0d6f4e2b3c5a7f9e1d2c4b6a8f0e2d4c6b8a0f1e3d5c7b9a1f3e5d7c9b1a3f5e') },
    { name: 'a digest without a tag', object: withImage('nginx@sha256:0d6f4e2b3c5a7f9e1d2c4b6a8f0e2d4c6b8a0f1e3d5c7b9a1f3e5d7c9b1a3f5e') },
    { name: 'a registry port is not a tag', object: withImage('localhost:5000/web:1.0') },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `latest tag in a ${kind}`,
      object: asWorkload(withImage('nginx:latest'), kind),
      errors: [{ messageId: 'latestTag', path: `${podSpecPathOf(kind)}.containers[0].image` }],
    })),
    { name: 'no tag', object: withImage('nginx'), errors: [{ messageId: 'noTag', path: 'spec.containers[0].image' }] },
    { name: 'registry with port and no tag', object: withImage('registry.example.com:5000/team/web'), errors: [{ messageId: 'noTag' }] },
    {
      name: 'init container with latest',
      object: pod((p) => { p.spec.initContainers[0].image = 'busybox:latest'; }),
      errors: [{ messageId: 'latestTag', path: 'spec.initContainers[0].image' }],
    },
    {
      name: 'ephemeral container without a tag',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }]; }),
      errors: [{ messageId: 'noTag', path: 'spec.ephemeralContainers[0].image' }],
    },
  ],
});
