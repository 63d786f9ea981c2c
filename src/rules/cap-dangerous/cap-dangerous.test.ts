import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './cap-dangerous.rule.js';

const netAdmin = pod((p) => { p.spec.containers[0].securityContext.capabilities.add = ['NET_ADMIN']; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'default capabilities are left to cap-default-added', object: pod((p) => { p.spec.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE', 'CHOWN', 'SETPCAP']; }) },
    { name: 'SYS_ADMIN, SYS_MODULE and NET_RAW have their own rules', object: pod((p) => { p.spec.containers[0].securityContext.capabilities.add = ['SYS_ADMIN', 'cap_sys_module', 'NET_RAW']; }) },
    { name: 'dropping is fine', object: pod((p) => { p.spec.containers[0].securityContext.capabilities.drop = ['ALL', 'NET_ADMIN']; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `NET_ADMIN in a ${kind}`,
      object: asWorkload(netAdmin, kind),
      errors: [{ messageId: 'added', path: `${podSpecPathOf(kind)}.containers[0].securityContext.capabilities.add[0]` }],
    })),
    {
      name: 'ALL, lower-case and prefixed names',
      object: pod((p) => { p.spec.containers[0].securityContext.capabilities.add = ['all', 'CHOWN', 'CAP_SYS_PTRACE', 'bpf']; }),
      errors: [
        { messageId: 'all', path: 'spec.containers[0].securityContext.capabilities.add[0]' },
        { messageId: 'added', path: 'spec.containers[0].securityContext.capabilities.add[2]' },
        { messageId: 'added', path: 'spec.containers[0].securityContext.capabilities.add[3]' },
      ],
    },
    {
      name: 'init and ephemeral containers',
      object: pod((p) => {
        p.spec.initContainers[0].securityContext.capabilities.add = ['DAC_READ_SEARCH'];
        p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { capabilities: { add: ['SYS_PTRACE'] } } }];
      }),
      errors: [
        { messageId: 'added', path: 'spec.initContainers[0].securityContext.capabilities.add[0]' },
        { messageId: 'added', path: 'spec.ephemeralContainers[0].securityContext.capabilities.add[0]' },
      ],
    },
    {
      name: 'an unknown name is not a default capability',
      object: pod((p) => { p.spec.containers[0].securityContext.capabilities.add = ['SYS_ADMN']; }),
      errors: [{ messageId: 'added', path: 'spec.containers[0].securityContext.capabilities.add[0]' }],
    },
  ],
});
