import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './no-security-context.rule.js';

const bare = pod((p) => {
  delete p.spec.securityContext;
  delete p.spec.initContainers;
  delete p.spec.containers[0].securityContext;
});

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'a pod-level securityContext covers containers without one', object: pod((p) => { delete p.spec.containers[0].securityContext; }) },
    { name: 'a container securityContext without a pod one', object: pod((p) => { delete p.spec.securityContext; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `no security context at all in a ${kind}`,
      object: asWorkload(bare, kind),
      errors: [{ messageId: 'none', path: `${podSpecPathOf(kind)}.containers[0]` }],
    })),
    {
      name: 'empty objects count as missing; only the bare containers are reported',
      object: pod((p) => {
        p.spec.securityContext = {};
        p.spec.containers[0].securityContext = {};
        p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }];
      }),
      errors: [
        { messageId: 'none', path: 'spec.containers[0]' },
        { messageId: 'none', path: 'spec.ephemeralContainers[0]' },
      ],
    },
  ],
});
