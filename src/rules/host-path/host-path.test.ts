import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './host-path.rule.js';

const withLogs = pod((p) => { p.spec.volumes = [{ name: 'logs', hostPath: { path: '/var/log', type: 'Directory' } }]; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'emptyDir, configMap and PVC volumes', object: pod((p) => { p.spec.volumes = [{ name: 'tmp', emptyDir: {} }, { name: 'cfg', configMap: { name: 'web' } }, { name: 'data', persistentVolumeClaim: { claimName: 'data' } }]; }) },
    { name: 'a volume without source (defaulted to emptyDir)', object: pod((p) => { p.spec.volumes = [{ name: 'scratch' }]; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `hostPath volume in a ${kind}`,
      object: asWorkload(withLogs, kind),
      errors: [{ messageId: 'hostPath', path: `${podSpecPathOf(kind)}.volumes[0].hostPath` }],
    })),
    {
      name: 'unmounted hostPath volume is still reported, one per volume',
      object: pod((p) => { p.spec.volumes = [{ name: 'tmp', emptyDir: {} }, { name: 'a', hostPath: { path: '/data' } }, { name: 'b', hostPath: { path: '/srv' } }]; }),
      errors: [
        { messageId: 'hostPath', path: 'spec.volumes[1].hostPath' },
        { messageId: 'hostPath', path: 'spec.volumes[2].hostPath' },
      ],
    },
  ],
});
