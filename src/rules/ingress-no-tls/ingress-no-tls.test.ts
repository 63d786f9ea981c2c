import { ruleTester } from '../../testing/index.js';
import rule from './ingress-no-tls.rule.js';

const ingress = (spec: Record<string, unknown>) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop' }, spec });
const rule1 = (host: string) => ({ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } });

ruleTester(rule).run({
  valid: [
    ingress({ tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], rules: [rule1('shop.example.com')] }),
    { name: 'wildcard certificate', object: ingress({ tls: [{ hosts: ['*.example.com'], secretName: 'wild' }], rules: [rule1('shop.example.com'), rule1('api.example.com')] }) },
    { name: 'tls entry without hosts', object: ingress({ tls: [{ secretName: 'default' }], rules: [rule1('shop.example.com')] }) },
    { name: 'rule without host', object: ingress({ tls: [{ hosts: ['shop.example.com'], secretName: 'x' }], rules: [{ http: rule1('').http }] }) },
  ],
  invalid: [
    { name: 'no tls', object: ingress({ rules: [rule1('shop.example.com')] }), errors: [{ messageId: 'noTls', path: 'spec' }] },
    { name: 'empty tls list', object: ingress({ tls: [], rules: [rule1('shop.example.com')] }), errors: [{ messageId: 'noTls', path: 'spec' }] },
    {
      name: 'second host not covered',
      object: ingress({ tls: [{ hosts: ['shop.example.com'], secretName: 'x' }], rules: [rule1('shop.example.com'), rule1('admin.example.com')] }),
      errors: [{ messageId: 'hostWithoutTls', path: 'spec.rules[1].host' }],
    },
    {
      name: 'a wildcard covers one label only',
      object: ingress({ tls: [{ hosts: ['*.example.com'], secretName: 'x' }], rules: [rule1('a.b.example.com')] }),
      errors: [{ messageId: 'hostWithoutTls', path: 'spec.rules[0].host' }],
    },
  ],
});
