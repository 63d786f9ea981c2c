import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './selinux-custom.rule.js';

const spc = pod((p) => { p.spec.securityContext.seLinuxOptions = { type: 'spc_t' }; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'container types and a level', object: pod((p) => {
      p.spec.securityContext.seLinuxOptions = { type: 'container_t', level: 's0:c123,c456' };
      p.spec.containers[0].securityContext.seLinuxOptions = { type: 'container_init_t' };
      p.spec.initContainers[0].securityContext.seLinuxOptions = { type: 'container_engine_t' };
    }) },
    { name: 'empty options and empty strings', object: pod((p) => {
      p.spec.securityContext.seLinuxOptions = {};
      p.spec.containers[0].securityContext.seLinuxOptions = { type: '', user: '', role: '' };
    }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `spc_t at pod level in a ${kind}`,
      object: asWorkload(spc, kind),
      errors: [{ messageId: 'pod', path: `${podSpecPathOf(kind)}.securityContext.seLinuxOptions.type` }],
    })),
    {
      name: 'pod-level type is reported even when containers set empty options',
      object: pod((p) => {
        p.spec.securityContext.seLinuxOptions = { type: 'somevalue' };
        p.spec.containers[0].securityContext.seLinuxOptions = {};
        p.spec.initContainers[0].securityContext.seLinuxOptions = {};
      }),
      errors: [{ messageId: 'pod', path: 'spec.securityContext.seLinuxOptions.type' }],
    },
    {
      name: 'user and role on containers, type on an ephemeral container',
      object: pod((p) => {
        p.spec.initContainers[0].securityContext.seLinuxOptions = { user: 'system_u', role: 'system_r' };
        p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { seLinuxOptions: { type: 'unconfined_t' } } }];
      }),
      errors: [
        { messageId: 'container', path: 'spec.initContainers[0].securityContext.seLinuxOptions.user' },
        { messageId: 'container', path: 'spec.initContainers[0].securityContext.seLinuxOptions.role' },
        { messageId: 'container', path: 'spec.ephemeralContainers[0].securityContext.seLinuxOptions.type' },
      ],
    },
  ],
});
