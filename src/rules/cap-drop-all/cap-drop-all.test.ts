import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './cap-drop-all.rule.js';

const dropsSome = pod((p) => { p.spec.containers[0].securityContext.capabilities.drop = ['NET_RAW']; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'lower-case all', object: pod((p) => { p.spec.containers[0].securityContext.capabilities.drop = ['all']; }) },
    { name: 'ALL among others', object: pod((p) => { p.spec.containers[0].securityContext.capabilities.drop = ['NET_RAW', 'ALL']; }) },
    {
      name: 'windows pods are skipped',
      object: pod((p) => { p.spec.os = { name: 'windows' }; delete p.spec.containers[0].securityContext.capabilities; }),
    },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `drops only NET_RAW in a ${kind}`,
      object: asWorkload(dropsSome, kind),
      errors: [{ messageId: 'notDropped', path: `${podSpecPathOf(kind)}.containers[0].securityContext.capabilities.drop` }],
    })),
    {
      name: 'capabilities without drop',
      object: pod((p) => { p.spec.initContainers[0].securityContext.capabilities = { add: ['NET_BIND_SERVICE'] }; }),
      errors: [{ messageId: 'notDropped', path: 'spec.initContainers[0].securityContext.capabilities' }],
    },
    {
      name: 'no capabilities',
      object: pod((p) => { delete p.spec.containers[0].securityContext.capabilities; }),
      errors: [{ messageId: 'notDropped', path: 'spec.containers[0].securityContext' }],
    },
    {
      name: 'ephemeral container without securityContext',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }]; }),
      errors: [{ messageId: 'notDropped', path: 'spec.ephemeralContainers[0]' }],
    },
  ],
});
