import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './cap-default-added.rule.js';

const chown = pod((p) => { p.spec.containers[0].securityContext.capabilities.add = ['CHOWN']; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'NET_BIND_SERVICE is allowed by the restricted profile', object: pod((p) => { p.spec.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE']; }) },
    { name: 'non-default capabilities are left to the other capability rules', object: pod((p) => { p.spec.containers[0].securityContext.capabilities.add = ['NET_RAW', 'SYS_ADMIN', 'NET_ADMIN']; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `CHOWN in a ${kind}`,
      object: asWorkload(chown, kind),
      errors: [{ messageId: 'added', path: `${podSpecPathOf(kind)}.containers[0].securityContext.capabilities.add[0]` }],
    })),
    {
      name: 'several, lower case and prefixed, in init and ephemeral containers',
      object: pod((p) => {
        p.spec.initContainers[0].securityContext.capabilities.add = ['cap_setuid', 'setgid'];
        p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { capabilities: { add: ['NET_BIND_SERVICE', 'KILL'] } } }];
      }),
      errors: [
        { messageId: 'added', path: 'spec.initContainers[0].securityContext.capabilities.add[0]' },
        { messageId: 'added', path: 'spec.initContainers[0].securityContext.capabilities.add[1]' },
        { messageId: 'added', path: 'spec.ephemeralContainers[0].securityContext.capabilities.add[1]' },
      ],
    },
  ],
});
