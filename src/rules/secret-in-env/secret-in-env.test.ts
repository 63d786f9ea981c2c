import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './secret-in-env.rule.js';

const secretEnv = pod((p) => { p.spec.containers[0].env = [{ name: 'MODE', value: 'a' }, { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }]; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'ConfigMap references', object: pod((p) => { p.spec.containers[0].env = [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } }]; p.spec.containers[0].envFrom = [{ configMapRef: { name: 'settings' } }]; }) },
    { name: 'a Secret mounted as a volume', object: pod((p) => { p.spec.volumes = [{ name: 'db', secret: { secretName: 'db' } }]; p.spec.containers[0].volumeMounts = [{ name: 'db', mountPath: '/var/run/secrets/db', readOnly: true }]; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `secretKeyRef in a ${kind}`,
      object: asWorkload(secretEnv, kind),
      errors: [{ messageId: 'secretKeyRef', path: `${podSpecPathOf(kind)}.containers[0].env[1].valueFrom.secretKeyRef` }],
    })),
    {
      name: 'envFrom secretRef in an init container',
      object: pod((p) => { p.spec.initContainers[0].envFrom = [{ configMapRef: { name: 'settings' } }, { secretRef: { name: 'db' } }]; }),
      errors: [{ messageId: 'secretRef', path: 'spec.initContainers[0].envFrom[1].secretRef' }],
    },
    {
      name: 'ephemeral container',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36', envFrom: [{ secretRef: { name: 'db', optional: true } }] }]; }),
      errors: [{ messageId: 'secretRef', path: 'spec.ephemeralContainers[0].envFrom[0].secretRef' }],
    },
  ],
});
