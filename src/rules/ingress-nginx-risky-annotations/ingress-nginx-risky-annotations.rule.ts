/**
 * Snippet annotations copy raw NGINX configuration into the controller, which runs with access to every TLS
 * Secret of the cluster (CVE-2021-25742); several other annotations were injection vectors until patched.
 * Restricted fields: Ingress metadata.annotations.   Allowed values: no *-snippet(s) annotations; no configuration
 * syntax in the values of injection-prone annotations.   Source: Kubescape C-0059, Trivy KCV-0093.
 */
import { defineRule, type Violation } from '../../core/engine/define-rule.js';
import { joinPath } from '../../core/yaml/field-path.js';

const INGRESS_NGINX = 'nginx.ingress.kubernetes.io/';
/** F5 NGINX Ingress Controller (nginx.org) has the same feature under these keys. */
const NGINX_INC_SNIPPETS = new Set(['nginx.org/server-snippets', 'nginx.org/location-snippets']);
/** Annotations whose values reached the generated configuration unescaped (CVE-2023-5044, CVE-2025-1097, -1098, -24514). */
const INJECTION_PRONE = new Set(['permanent-redirect', 'temporal-redirect', 'auth-url', 'auth-tls-match-cn', 'mirror-target', 'mirror-host']);
/** Characters that end or open an NGINX directive or block, or a quoted string. */
const CONFIG_SYNTAX = /[;{}\n\r"'`]/;

export default defineRule({
  id: 'ingress-nginx-risky-annotations',
  meta: {
    title: 'Ingresses should not inject NGINX configuration',
    category: 'exposure',
    severity: 'high',
    description: 'Snippet annotations insert raw NGINX configuration into the ingress controller, which can read every Secret the controller can; whoever can create an Ingress can then steal them.',
    remediation: 'Remove snippet annotations, use the dedicated annotations or a controller ConfigMap instead, and keep allow-snippet-annotations off.',
    appliesTo: ['Ingress'],
    messages: {
      snippet: 'Annotation {{annotation}} injects raw NGINX configuration.',
      injection: 'Annotation {{annotation}} contains NGINX configuration syntax (; {, } or quotes).',
    },
    references: [
      { title: 'CVE-2021-25742: ingress-nginx custom snippets allow retrieval of all Secrets', url: 'https://github.com/kubernetes/ingress-nginx/issues/7837' },
      { title: 'CVE-2025-1974 (IngressNightmare) and related annotation injections' },
      { title: 'ingress-nginx documentation: annotations risk levels', url: 'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations-risk/' },
    ],
    peers: { kubescape: ['C-0059'], trivy: ['KCV-0093'] },
  },
  check(object) {
    if (object.kind !== 'Ingress') return [];
    const annotations: Record<string, unknown> = object.metadata?.annotations ?? {};
    return Object.entries(annotations).flatMap(([key, value]): Array<Violation<'snippet' | 'injection'>> => {
      const path = joinPath('metadata.annotations', key);
      const ingressNginxName = key.startsWith(INGRESS_NGINX) ? key.slice(INGRESS_NGINX.length) : undefined;
      if (NGINX_INC_SNIPPETS.has(key) || ingressNginxName?.endsWith('-snippet')) {
        return [{ messageId: 'snippet' as const, path, data: { annotation: key } }];
      }
      // Values are never echoed: an auth-url may carry credentials.
      if (ingressNginxName && INJECTION_PRONE.has(ingressNginxName) && CONFIG_SYNTAX.test(String(value))) {
        return [{ messageId: 'injection' as const, path, data: { annotation: key } }];
      }
      return [];
    });
  },
});
