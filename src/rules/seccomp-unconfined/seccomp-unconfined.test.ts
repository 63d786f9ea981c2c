import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './seccomp-unconfined.rule.js';

const unconfined = pod((p) => { p.spec.securityContext.seccompProfile = { type: 'Unconfined' }; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'no profile is seccomp-missing\'s finding', object: pod((p) => { delete p.spec.securityContext.seccompProfile; }) },
    { name: 'Localhost', object: pod((p) => { p.spec.containers[0].securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'p.json' }; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `pod-level Unconfined in a ${kind}`,
      object: asWorkload(unconfined, kind),
      errors: [{ messageId: 'pod', path: `${podSpecPathOf(kind)}.securityContext.seccompProfile.type` }],
    })),
    {
      name: 'pod-level Unconfined is reported even if every container overrides it',
      object: pod((p) => {
        p.spec.securityContext.seccompProfile = { type: 'Unconfined' };
        p.spec.containers[0].securityContext.seccompProfile = { type: 'RuntimeDefault' };
        p.spec.initContainers[0].securityContext.seccompProfile = { type: 'RuntimeDefault' };
      }),
      errors: [{ messageId: 'pod', path: 'spec.securityContext.seccompProfile.type' }],
    },
    {
      name: 'init, app and ephemeral containers',
      object: pod((p) => {
        p.spec.initContainers[0].securityContext.seccompProfile = { type: 'Unconfined' };
        p.spec.containers[0].securityContext.seccompProfile = { type: 'unconfined' };
        p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { seccompProfile: { type: 'Unconfined' } } }];
      }),
      errors: [
        { messageId: 'container', path: 'spec.initContainers[0].securityContext.seccompProfile.type' },
        { messageId: 'container', path: 'spec.containers[0].securityContext.seccompProfile.type' },
        { messageId: 'container', path: 'spec.ephemeralContainers[0].securityContext.seccompProfile.type' },
      ],
    },
  ],
});
