import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './root-group.rule.js';

const rootGroup = pod((p) => { p.spec.securityContext.runAsGroup = 0; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'groups unset (the image decides)', object: pod((p) => { delete p.spec.securityContext.runAsGroup; delete p.spec.securityContext.fsGroup; }) },
    { name: 'non-root supplemental groups', object: pod((p) => { p.spec.securityContext.supplementalGroups = [10002, 10003]; }) },
    {
      name: 'pod gid 0 overridden by every container',
      object: pod((p) => {
        p.spec.securityContext.runAsGroup = 0;
        p.spec.containers[0].securityContext.runAsGroup = 10001;
        p.spec.initContainers[0].securityContext.runAsGroup = 10001;
      }),
    },
    { name: 'user namespace pods are skipped', object: pod((p) => { p.spec.hostUsers = false; p.spec.securityContext.fsGroup = 0; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `pod-level runAsGroup 0 in a ${kind} is one finding`,
      object: asWorkload(rootGroup, kind),
      errors: [{ messageId: 'runAsGroup', path: `${podSpecPathOf(kind)}.securityContext.runAsGroup` }],
    })),
    {
      name: 'container-level runAsGroup 0 in an ephemeral container',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { runAsGroup: 0 } }]; }),
      errors: [{ messageId: 'runAsGroup', path: 'spec.ephemeralContainers[0].securityContext.runAsGroup' }],
    },
    {
      name: 'root in supplementalGroups and fsGroup',
      object: pod((p) => { p.spec.securityContext.supplementalGroups = [10002, 0]; p.spec.securityContext.fsGroup = 0; }),
      errors: [
        { messageId: 'supplementalGroup', path: 'spec.securityContext.supplementalGroups[1]' },
        { messageId: 'fsGroup', path: 'spec.securityContext.fsGroup' },
      ],
    },
  ],
});
