import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './image-pull-policy.rule.js';

const tagged = (policy?: string) => pod((p) => {
  p.spec.containers[0].image = 'registry.example.com/team/app:1.4.2';
  if (policy) p.spec.containers[0].imagePullPolicy = policy;
  else delete p.spec.containers[0].imagePullPolicy;
});

ruleTester(rule).run({
  valid: [
    { name: 'digest-pinned image with IfNotPresent', object: pod() },
    { name: 'mutable tag pulled Always', object: tagged('Always') },
    { name: 'untagged image defaults to Always', object: pod((p) => { p.spec.containers[0].image = 'nginx'; delete p.spec.containers[0].imagePullPolicy; }) },
    { name: 'latest defaults to Always', object: pod((p) => { p.spec.containers[0].image = 'nginx:latest'; delete p.spec.containers[0].imagePullPolicy; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `mutable tag with IfNotPresent in a ${kind}`,
      object: asWorkload(tagged('IfNotPresent'), kind),
      errors: [{ messageId: 'notAlways', path: `${podSpecPathOf(kind)}.containers[0].imagePullPolicy` }],
    })),
    { name: 'mutable tag with the default policy', object: tagged(), errors: [{ messageId: 'defaultNotAlways', path: 'spec.containers[0]' }] },
    { name: 'latest with Never', object: pod((p) => { p.spec.containers[0].image = 'nginx:latest'; p.spec.containers[0].imagePullPolicy = 'Never'; }), errors: [{ messageId: 'notAlways' }] },
    {
      name: 'init container with a mutable tag',
      object: pod((p) => { p.spec.initContainers[0].image = 'busybox:1.36'; }),
      errors: [{ messageId: 'notAlways', path: 'spec.initContainers[0].imagePullPolicy' }],
    },
    {
      name: 'ephemeral container with a mutable tag',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36' }]; }),
      errors: [{ messageId: 'defaultNotAlways', path: 'spec.ephemeralContainers[0]' }],
    },
  ],
});
