import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './ephemeral-storage-missing.rule.js';

const noLimit = pod((p) => { delete p.spec.containers[0].resources.limits['ephemeral-storage']; });
const neither = pod((p) => { const c = p.spec.containers[0]; delete c.resources.limits['ephemeral-storage']; delete c.resources.requests['ephemeral-storage']; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'a limit alone also sets the request', object: pod((p) => { delete p.spec.containers[0].resources.requests['ephemeral-storage']; }) },
    {
      name: 'a LimitRange default covers both',
      object: neither,
      objects: [{ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: 'shop' }, spec: { limits: [{ type: 'Container', default: { 'ephemeral-storage': '1Gi' } }] } }],
    },
    { name: 'ephemeral containers are out of scope', object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36' }]; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `no ephemeral-storage limit in a ${kind}`,
      object: asWorkload(noLimit, kind),
      errors: [{ messageId: 'limitMissing', path: `${podSpecPathOf(kind)}.containers[0].resources.limits` }],
    })),
    {
      name: 'neither request nor limit',
      object: neither,
      errors: [{ messageId: 'requestMissing', path: 'spec.containers[0].resources.requests' }, { messageId: 'limitMissing', path: 'spec.containers[0].resources.limits' }],
    },
    {
      name: 'init container without resources',
      object: pod((p) => { delete p.spec.initContainers[0].resources; }),
      errors: [{ messageId: 'requestMissing', path: 'spec.initContainers[0]' }, { messageId: 'limitMissing', path: 'spec.initContainers[0]' }],
    },
  ],
});
