import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './cap-drop-net-raw.rule.js';

const noDrop = pod((p) => { p.spec.containers[0].securityContext.capabilities = { drop: ['SYS_CHROOT'] }; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'NET_RAW dropped explicitly', object: pod((p) => { p.spec.containers[0].securityContext.capabilities.drop = ['net_raw']; }) },
    { name: 'CAP_ prefix', object: pod((p) => { p.spec.containers[0].securityContext.capabilities.drop = ['CAP_NET_RAW']; }) },
    { name: 'windows pods are skipped', object: pod((p) => { p.spec.os = { name: 'windows' }; delete p.spec.containers[0].securityContext.capabilities; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `NET_RAW kept in a ${kind}`,
      object: asWorkload(noDrop, kind),
      errors: [{ messageId: 'notDropped', path: `${podSpecPathOf(kind)}.containers[0].securityContext.capabilities.drop` }],
    })),
    {
      name: 'init container without capabilities, ephemeral container without securityContext',
      object: pod((p) => {
        delete p.spec.initContainers[0].securityContext.capabilities;
        p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }];
      }),
      errors: [
        { messageId: 'notDropped', path: 'spec.initContainers[0].securityContext' },
        { messageId: 'notDropped', path: 'spec.ephemeralContainers[0]' },
      ],
    },
  ],
});
