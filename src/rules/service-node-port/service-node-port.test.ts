import { ruleTester } from '../../testing/index.js';
import rule from './service-node-port.rule.js';

const service = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec } });

ruleTester(rule).run({
  valid: [
    service({}),
    service({ type: 'ClusterIP' }),
    { name: 'load balancer', object: service({ type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/8'] }) },
    { name: 'not a Service', object: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { type: 'NodePort' } } },
  ],
  invalid: [
    { name: 'NodePort', object: service({ type: 'NodePort' }), errors: [{ messageId: 'nodePort', path: 'spec.type' }] },
  ],
});
