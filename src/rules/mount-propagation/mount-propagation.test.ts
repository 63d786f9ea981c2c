import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './mount-propagation.rule.js';

const bidirectional = pod((p) => {
  p.spec.volumes = [{ name: 'kubelet', hostPath: { path: '/var/lib/kubelet' } }];
  p.spec.containers[0].volumeMounts = [{ name: 'kubelet', mountPath: '/var/lib/kubelet', mountPropagation: 'Bidirectional' }];
});

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'HostToContainer only receives mounts', object: pod((p) => {
      p.spec.volumes = [{ name: 'media', hostPath: { path: '/mnt/media' } }];
      p.spec.containers[0].volumeMounts = [{ name: 'media', mountPath: '/media', mountPropagation: 'HostToContainer', readOnly: true }];
    }) },
    { name: 'None is the default', object: pod((p) => {
      p.spec.volumes = [{ name: 'tmp', emptyDir: {} }];
      p.spec.containers[0].volumeMounts = [{ name: 'tmp', mountPath: '/tmp', mountPropagation: 'None' }];
    }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `Bidirectional mount in a ${kind}`,
      object: asWorkload(bidirectional, kind),
      errors: [{ messageId: 'bidirectional', path: `${podSpecPathOf(kind)}.containers[0].volumeMounts[0].mountPropagation` }],
    })),
    {
      name: 'init and ephemeral containers',
      object: pod((p) => {
        p.spec.volumes = [{ name: 'mnt', hostPath: { path: '/mnt' } }];
        p.spec.initContainers[0].volumeMounts = [{ name: 'mnt', mountPath: '/mnt', mountPropagation: 'Bidirectional' }];
        p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'mnt', mountPath: '/mnt', mountPropagation: 'Bidirectional' }] }];
      }),
      errors: [
        { messageId: 'bidirectional', path: 'spec.initContainers[0].volumeMounts[0].mountPropagation' },
        { messageId: 'bidirectional', path: 'spec.ephemeralContainers[0].volumeMounts[1].mountPropagation' },
      ],
    },
  ],
});
