import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './cap-sys-module.rule.js';

const adding = pod((p) => { p.spec.containers[0].securityContext.capabilities.add = ['SYS_MODULE']; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'only NET_BIND_SERVICE added', object: pod((p) => { p.spec.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE']; }) },
    { name: 'dropping SYS_MODULE is fine', object: pod((p) => { p.spec.containers[0].securityContext.capabilities.drop = ['SYS_MODULE']; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `SYS_MODULE added in a ${kind}`,
      object: asWorkload(adding, kind),
      errors: [{ messageId: 'added', path: `${podSpecPathOf(kind)}.containers[0].securityContext.capabilities.add[0]` }],
    })),
    {
      name: 'lower case and CAP_ prefix are the same capability',
      object: pod((p) => {
        p.spec.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE', 'sys_module'];
        p.spec.initContainers[0].securityContext.capabilities.add = ['CAP_SYS_MODULE'];
      }),
      errors: [
        { messageId: 'added', path: 'spec.initContainers[0].securityContext.capabilities.add[0]' },
        { messageId: 'added', path: 'spec.containers[0].securityContext.capabilities.add[1]' },
      ],
    },
    {
      name: 'ephemeral container',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { capabilities: { add: ['SYS_MODULE'] } } }]; }),
      errors: [{ messageId: 'added', path: 'spec.ephemeralContainers[0].securityContext.capabilities.add[0]' }],
    },
  ],
});
