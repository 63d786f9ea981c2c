import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './duplicate-env.rule.js';

const duplicated = pod((p) => { p.spec.containers[0].env = [{ name: 'MODE', value: 'a' }, { name: 'LEVEL', value: '1' }, { name: 'MODE', value: 'b' }]; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'distinct names', object: pod((p) => { p.spec.containers[0].env = [{ name: 'MODE', value: 'a' }, { name: 'mode', value: 'b' }]; }) },
    { name: 'the same name in two containers', object: pod((p) => { p.spec.containers[0].env = [{ name: 'MODE', value: 'a' }]; p.spec.initContainers[0].env = [{ name: 'MODE', value: 'b' }]; }) },
    { name: 'envFrom may overlap env (env wins by design)', object: pod((p) => { p.spec.containers[0].env = [{ name: 'MODE', value: 'a' }]; p.spec.containers[0].envFrom = [{ configMapRef: { name: 'settings' } }]; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `duplicate in a ${kind}`,
      object: asWorkload(duplicated, kind),
      errors: [{ messageId: 'duplicate', path: `${podSpecPathOf(kind)}.containers[0].env[2].name` }],
    })),
    {
      name: 'three times in an init container',
      object: pod((p) => { p.spec.initContainers[0].env = [{ name: 'A', value: '1' }, { name: 'A', value: '2' }, { name: 'A', value: '3' }]; }),
      errors: [{ messageId: 'duplicate', path: 'spec.initContainers[0].env[1].name' }, { messageId: 'duplicate', path: 'spec.initContainers[0].env[2].name' }],
    },
    {
      name: 'ephemeral container',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36', env: [{ name: 'X', value: '1' }, { name: 'X', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }]; }),
      errors: [{ messageId: 'duplicate', path: 'spec.ephemeralContainers[0].env[1].name' }],
    },
  ],
});
