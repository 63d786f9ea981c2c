import { ruleTester } from '../../testing/index.js';
import rule from './ingress-backend-not-found.rule.js';

const service = (name: string, namespace = 'shop') => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } });
const ingress = (backend: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop' },
  spec: { rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }], ...extra },
});
const route = (backendRefs: unknown[]) => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'shop' },
  spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs }] },
});

ruleTester(rule).run({
  valid: [
    { name: 'service and port number exist', object: ingress({ service: { name: 'web', port: { number: 80 } } }), objects: [service('web')] },
    { name: 'port by name', object: ingress({ service: { name: 'web', port: { name: 'http' } } }), objects: [service('web')] },
    { name: 'no Services of the namespace in the scan', object: ingress({ service: { name: 'web', port: { number: 80 } } }), objects: [service('web', 'other')] },
    { name: 'resource backend', object: ingress({ resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static' } }), objects: [service('web')] },
    { name: 'v1beta1 shape', object: { ...ingress({ serviceName: 'web', servicePort: 80 }), apiVersion: 'networking.k8s.io/v1beta1' }, objects: [service('web')] },
    { name: 'HTTPRoute to an existing Service', object: route([{ name: 'web', port: 80 }]), objects: [service('web')] },
    { name: 'HTTPRoute backend of another kind', object: route([{ group: 'example.com', kind: 'Bucket', name: 'x' }]), objects: [service('web')] },
  ],
  invalid: [
    {
      name: 'missing Service',
      object: ingress({ service: { name: 'wbe', port: { number: 80 } } }),
      objects: [service('web')],
      errors: [{ messageId: 'serviceNotFound', path: 'spec.rules[0].http.paths[0].backend.service.name' }],
    },
    {
      name: 'missing port number',
      object: ingress({ service: { name: 'web', port: { number: 8080 } } }),
      objects: [service('web')],
      errors: [{ messageId: 'portNotFound', path: 'spec.rules[0].http.paths[0].backend.service.port' }],
    },
    {
      name: 'missing default backend',
      object: ingress({ service: { name: 'web', port: { name: 'http' } } }, { defaultBackend: { service: { name: 'fallback', port: { number: 80 } } } }),
      objects: [service('web')],
      errors: [{ messageId: 'serviceNotFound', path: 'spec.defaultBackend.service.name' }],
    },
    {
      name: 'v1beta1 missing Service',
      object: { ...ingress({ serviceName: 'api', servicePort: 'http' }), apiVersion: 'extensions/v1beta1' },
      objects: [service('web')],
      errors: [{ messageId: 'serviceNotFound', path: 'spec.rules[0].http.paths[0].backend.serviceName' }],
    },
    {
      name: 'HTTPRoute to a missing Service in another namespace',
      object: route([{ name: 'web', port: 80 }, { name: 'api', namespace: 'backend', port: 80 }]),
      objects: [service('web'), service('other', 'backend')],
      errors: [{ messageId: 'serviceNotFound', path: 'spec.rules[0].backendRefs[1].name' }],
    },
  ],
});
