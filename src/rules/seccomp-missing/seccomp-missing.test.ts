import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './seccomp-missing.rule.js';

const noSeccomp = pod((p) => { delete p.spec.securityContext.seccompProfile; delete p.spec.initContainers; });

ruleTester(rule).run({
  valid: [
    pod(),
    {
      name: 'set on every container instead of the pod',
      object: pod((p) => {
        delete p.spec.securityContext.seccompProfile;
        p.spec.containers[0].securityContext.seccompProfile = { type: 'RuntimeDefault' };
        p.spec.initContainers[0].securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'profiles/init.json' };
      }),
    },
    { name: 'Unconfined is seccomp-unconfined\'s finding', object: pod((p) => { p.spec.securityContext.seccompProfile = { type: 'Unconfined' }; }) },
    { name: 'windows pods are skipped', object: pod((p) => { p.spec.os = { name: 'windows' }; delete p.spec.securityContext.seccompProfile; }) },
    { name: 'ephemeral containers inherit the pod profile', object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }]; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `no seccomp profile in a ${kind}`,
      object: asWorkload(noSeccomp, kind),
      errors: [{ messageId: 'notSet', path: `${podSpecPathOf(kind)}.containers[0].securityContext` }],
    })),
    {
      name: 'only one container sets it',
      object: pod((p) => {
        delete p.spec.securityContext.seccompProfile;
        p.spec.containers[0].securityContext.seccompProfile = { type: 'RuntimeDefault' };
        p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }];
      }),
      errors: [
        { messageId: 'notSet', path: 'spec.initContainers[0].securityContext' },
        { messageId: 'notSet', path: 'spec.ephemeralContainers[0]' },
      ],
    },
    {
      name: 'a profile object without type is not a profile',
      object: pod((p) => { p.spec.securityContext.seccompProfile = {}; delete p.spec.initContainers; }),
      errors: [{ messageId: 'notSet', path: 'spec.containers[0].securityContext' }],
    },
  ],
});
