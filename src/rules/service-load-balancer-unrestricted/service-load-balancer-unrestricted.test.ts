import { ruleTester } from '../../testing/index.js';
import rule from './service-load-balancer-unrestricted.rule.js';

const lb = (spec: Record<string, unknown> = {}, annotations?: Record<string, string>) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop', ...(annotations ? { annotations } : {}) },
  spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 443 }], ...spec },
});

ruleTester(rule).run({
  valid: [
    lb({ loadBalancerSourceRanges: ['203.0.113.0/24'] }),
    { name: 'ClusterIP', object: lb({ type: 'ClusterIP' }) },
    { name: 'AWS internal', object: lb({}, { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' }) },
    { name: 'AWS internal scheme', object: lb({}, { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' }) },
    { name: 'GKE internal', object: lb({}, { 'networking.gke.io/load-balancer-type': 'Internal' }) },
    { name: 'Azure internal', object: lb({}, { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' }) },
    { name: 'source ranges by annotation', object: lb({}, { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8, 192.168.0.0/16' }) },
  ],
  invalid: [
    { name: 'public load balancer', object: lb(), errors: [{ messageId: 'noSourceRanges', path: 'spec.type' }] },
    { name: 'Azure internal false', object: lb({}, { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'false' }), errors: [{ messageId: 'noSourceRanges', path: 'spec.type' }] },
    { name: 'empty source ranges', object: lb({ loadBalancerSourceRanges: [] }), errors: [{ messageId: 'noSourceRanges', path: 'spec.type' }] },
    {
      name: 'open source range',
      object: lb({ loadBalancerSourceRanges: ['10.0.0.0/8', '0.0.0.0/0'] }),
      errors: [{ messageId: 'openRange', path: 'spec.loadBalancerSourceRanges[1]' }],
    },
    {
      name: 'open range by annotation',
      object: lb({}, { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8,::/0' }),
      errors: [{ messageId: 'openRange', path: 'metadata.annotations["service.beta.kubernetes.io/load-balancer-source-ranges"]' }],
    },
  ],
});
