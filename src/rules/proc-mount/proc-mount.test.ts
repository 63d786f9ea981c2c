import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './proc-mount.rule.js';

const unmasked = pod((p) => { p.spec.containers[0].securityContext.procMount = 'Unmasked'; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'Default is allowed', object: pod((p) => { p.spec.containers[0].securityContext.procMount = 'Default'; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `Unmasked in a ${kind}`,
      object: asWorkload(unmasked, kind),
      errors: [{ messageId: 'unmasked', path: `${podSpecPathOf(kind)}.containers[0].securityContext.procMount`, severity: 'medium' }],
    })),
    {
      name: 'init and ephemeral containers, any non-default value',
      object: pod((p) => {
        p.spec.initContainers[0].securityContext.procMount = 'Unmasked';
        p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { procMount: 'Other' } }];
      }),
      errors: [
        { messageId: 'unmasked', path: 'spec.initContainers[0].securityContext.procMount' },
        { messageId: 'unmasked', path: 'spec.ephemeralContainers[0].securityContext.procMount' },
      ],
    },
    {
      name: 'in a user namespace the finding is graded low',
      object: pod((p) => { p.spec.hostUsers = false; p.spec.containers[0].securityContext.procMount = 'Unmasked'; }),
      errors: [{ messageId: 'unmaskedInUserNamespace', path: 'spec.containers[0].securityContext.procMount', severity: 'low' }],
    },
  ],
});
