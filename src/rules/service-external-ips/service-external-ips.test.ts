import { ruleTester } from '../../testing/index.js';
import rule from './service-external-ips.rule.js';

const service = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec } });

ruleTester(rule).run({
  valid: [
    service({}),
    service({ externalIPs: [] }),
  ],
  invalid: [
    { name: 'external IP', object: service({ externalIPs: ['198.51.100.7'] }), errors: [{ messageId: 'externalIPs', path: 'spec.externalIPs' }] },
    { name: 'on a NodePort Service', object: service({ type: 'NodePort', externalIPs: ['10.0.0.1', '10.0.0.2'] }), errors: [{ messageId: 'externalIPs', path: 'spec.externalIPs' }] },
  ],
});
