import { ruleTester } from '../../testing/index.js';
import rule from './ingress-nginx-risky-annotations.rule.js';

const ingress = (annotations: Record<string, string>) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop', annotations }, spec: {},
});

ruleTester(rule).run({
  valid: [
    ingress({ 'nginx.ingress.kubernetes.io/ssl-redirect': 'true', 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' }),
    { name: 'auth-url with nginx variables', object: ingress({ 'nginx.ingress.kubernetes.io/auth-url': 'https://auth.example.com/oauth2/auth?rd=$escaped_request_uri' }) },
    { name: 'a ConfigMap is not an Ingress', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', annotations: { 'nginx.ingress.kubernetes.io/server-snippet': 'x' } } } },
  ],
  invalid: [
    {
      name: 'configuration and server snippets',
      object: ingress({ 'nginx.ingress.kubernetes.io/configuration-snippet': 'more_set_headers "X: y";', 'nginx.ingress.kubernetes.io/server-snippet': 'location /x { return 403; }' }),
      errors: [
        { messageId: 'snippet', path: 'metadata.annotations["nginx.ingress.kubernetes.io/configuration-snippet"]' },
        { messageId: 'snippet', path: 'metadata.annotations["nginx.ingress.kubernetes.io/server-snippet"]' },
      ],
    },
    {
      name: 'auth snippet',
      object: ingress({ 'nginx.ingress.kubernetes.io/auth-snippet': 'proxy_set_header Foo bar;' }),
      errors: [{ messageId: 'snippet' }],
    },
    {
      name: 'F5 NGINX snippets',
      object: ingress({ 'nginx.org/location-snippets': 'add_header X y;' }),
      errors: [{ messageId: 'snippet', path: 'metadata.annotations["nginx.org/location-snippets"]' }],
    },
    {
      name: 'directive injected into permanent-redirect',
      object: ingress({ 'nginx.ingress.kubernetes.io/permanent-redirect': 'https://example.com;\nlocation /x { alias /var/run/secrets/; }' }),
      errors: [{ messageId: 'injection', path: 'metadata.annotations["nginx.ingress.kubernetes.io/permanent-redirect"]' }],
    },
    {
      name: 'quote in auth-tls-match-cn',
      object: ingress({ 'nginx.ingress.kubernetes.io/auth-tls-match-cn': 'CN=x"' }),
      errors: [{ messageId: 'injection' }],
    },
  ],
});
