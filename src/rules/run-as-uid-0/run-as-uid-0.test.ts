import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './run-as-uid-0.rule.js';

const podRoot = pod((p) => { p.spec.securityContext.runAsUser = 0; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'runAsUser unset', object: pod((p) => { delete p.spec.securityContext.runAsUser; }) },
    {
      name: 'pod 0 overridden by every container',
      object: pod((p) => {
        p.spec.securityContext.runAsUser = 0;
        p.spec.containers[0].securityContext.runAsUser = 1000;
        p.spec.initContainers[0].securityContext.runAsUser = 1000;
      }),
    },
    { name: 'user namespace pods are skipped', object: pod((p) => { p.spec.hostUsers = false; p.spec.securityContext.runAsUser = 0; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `pod-level runAsUser 0 in a ${kind} is one finding`,
      object: asWorkload(podRoot, kind),
      errors: [{ messageId: 'uid0', path: `${podSpecPathOf(kind)}.securityContext.runAsUser` }],
    })),
    {
      name: 'container-level 0',
      object: pod((p) => { p.spec.containers[0].securityContext.runAsUser = 0; }),
      errors: [{ messageId: 'uid0', path: 'spec.containers[0].securityContext.runAsUser' }],
    },
    {
      name: 'pod 0 inherited by the init container while the app overrides it',
      object: pod((p) => {
        p.spec.securityContext.runAsUser = 0;
        p.spec.containers[0].securityContext.runAsUser = 1000;
      }),
      errors: [{ messageId: 'uid0', path: 'spec.securityContext.runAsUser' }],
    },
    {
      name: 'ephemeral container as root',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { runAsUser: 0 } }]; }),
      errors: [{ messageId: 'uid0', path: 'spec.ephemeralContainers[0].securityContext.runAsUser' }],
    },
  ],
});
