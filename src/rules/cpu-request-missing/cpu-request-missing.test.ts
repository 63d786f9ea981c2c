import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './cpu-request-missing.rule.js';

const missing = pod((p) => { const c = p.spec.containers[0]; delete c.resources.requests.cpu; delete c.resources.limits.cpu; });
const limitRange = (namespace: string, type: string) => ({
  apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace },
  spec: { limits: [{ type, defaultRequest: { cpu: '250m' } }] },
});

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'a limit without a request: the API copies it', object: pod((p) => { delete p.spec.containers[0].resources.requests.cpu; }) },
    { name: 'a LimitRange of the namespace fills it in', object: missing, objects: [limitRange('shop', 'Container')] },
    { name: 'a LimitRange max becomes the default', object: missing, objects: [{ ...limitRange('shop', 'Container'), spec: { limits: [{ type: 'Container', max: { cpu: '2' } }] } }] },
    { name: 'ephemeral containers are out of scope', object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36' }]; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `app container without it in a ${kind}`,
      object: asWorkload(missing, kind),
      errors: [{ messageId: 'missing', path: `${podSpecPathOf(kind)}.containers[0].resources.requests` }],
    })),
    {
      name: 'init container without it',
      object: pod((p) => { const c = p.spec.initContainers[0]; delete c.resources.requests.cpu; delete c.resources.limits.cpu; }),
      errors: [{ messageId: 'missing', path: 'spec.initContainers[0].resources.requests' }],
    },
    {
      name: 'no resources at all',
      object: pod((p) => { delete p.spec.containers[0].resources; }),
      errors: [{ messageId: 'missing', path: 'spec.containers[0]' }],
    },
    {
      name: 'an empty value',
      object: pod((p) => { const c = p.spec.containers[0]; delete c.resources.requests.cpu; delete c.resources.limits.cpu; c.resources.requests.cpu = ''; }),
      errors: [{ messageId: 'missing', path: 'spec.containers[0].resources.requests' }],
    },
    {
      name: 'a LimitRange of another namespace does not count',
      object: missing,
      objects: [limitRange('other', 'Container')],
      errors: [{ messageId: 'missing' }],
    },
    {
      name: 'a LimitRange for PersistentVolumeClaims does not count',
      object: missing,
      objects: [limitRange('shop', 'PersistentVolumeClaim')],
      errors: [{ messageId: 'missing' }],
    },
  ],
});
