import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './host-path-writable.rule.js';

const writableLogs = pod((p) => {
  p.spec.volumes = [{ name: 'logs', hostPath: { path: '/var/log' } }];
  p.spec.containers[0].volumeMounts = [{ name: 'logs', mountPath: '/host/logs' }];
});

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'read-only hostPath mount', object: pod((p) => {
      p.spec.volumes = [{ name: 'logs', hostPath: { path: '/var/log' } }];
      p.spec.containers[0].volumeMounts = [{ name: 'logs', mountPath: '/host/logs', readOnly: true }];
    }) },
    { name: 'hostPath volume nobody mounts', object: pod((p) => { p.spec.volumes = [{ name: 'logs', hostPath: { path: '/var/log' } }]; }) },
    { name: 'writable emptyDir mount', object: pod((p) => {
      p.spec.volumes = [{ name: 'tmp', emptyDir: {} }];
      p.spec.containers[0].volumeMounts = [{ name: 'tmp', mountPath: '/tmp' }];
    }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `writable hostPath mount in a ${kind}`,
      object: asWorkload(writableLogs, kind),
      errors: [{ messageId: 'writable', path: `${podSpecPathOf(kind)}.containers[0].volumeMounts[0]` }],
    })),
    {
      name: 'readOnly: false points at the field',
      object: pod((p) => {
        p.spec.volumes = [{ name: 'data', hostPath: { path: '/data' } }];
        p.spec.containers[0].volumeMounts = [{ name: 'tmp', mountPath: '/tmp' }, { name: 'data', mountPath: '/data', readOnly: false }];
        p.spec.volumes.push({ name: 'tmp', emptyDir: {} });
      }),
      errors: [{ messageId: 'writable', path: 'spec.containers[0].volumeMounts[1].readOnly' }],
    },
    {
      name: 'init and ephemeral containers mounting the same volume; the read-only app mount is fine',
      object: pod((p) => {
        p.spec.volumes = [{ name: 'data', hostPath: { path: '/data' } }];
        p.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: '/data', readOnly: true }];
        p.spec.initContainers[0].volumeMounts = [{ name: 'data', mountPath: '/data' }];
        p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', volumeMounts: [{ name: 'data', mountPath: '/data' }] }];
      }),
      errors: [
        { messageId: 'writable', path: 'spec.initContainers[0].volumeMounts[0]' },
        { messageId: 'writable', path: 'spec.ephemeralContainers[0].volumeMounts[0]' },
      ],
    },
  ],
});
