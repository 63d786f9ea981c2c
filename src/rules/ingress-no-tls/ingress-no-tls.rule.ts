/**
 * An Ingress without TLS serves its hosts over plain HTTP: credentials and session cookies cross the network in
 * clear text. Restricted fields: Ingress spec.tls, spec.rules[*].host.   Allowed values: a tls entry covering every
 * host of the rules.   Source: Polaris tlsSettingsMissing, Kubescape C-0263.
 */
import { defineRule } from '../../core/engine/define-rule.js';

/** A TLS host covers a rule host when equal, or when it is `*.suffix` and the rule host has one more label. */
function covers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  if (!tlsHost.startsWith('*.')) return false;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot) === tlsHost.slice(1);
}

export default defineRule({
  id: 'ingress-no-tls',
  meta: {
    title: 'Ingresses should terminate TLS',
    category: 'exposure',
    severity: 'medium',
    description: 'Without spec.tls the Ingress serves plain HTTP, so passwords, tokens and cookies can be read and changed by anyone on the network path.',
    remediation: 'Add a spec.tls entry with a certificate Secret covering every host (cert-manager can issue it).',
    appliesTo: ['Ingress'],
    messages: {
      noTls: 'Ingress {{name}} has no TLS configuration.',
      hostWithoutTls: 'Host {{host}} is not covered by any spec.tls entry.',
    },
    references: [
      { title: 'Kubernetes documentation: Ingress TLS', url: 'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: encrypt traffic in transit' },
    ],
    peers: { polaris: ['tlsSettingsMissing'], kubescape: ['C-0263'] },
  },
  check(object) {
    if (object.kind !== 'Ingress') return [];
    const tls: unknown = object.spec?.tls;
    if (!Array.isArray(tls) || tls.length === 0) return [{ messageId: 'noTls', path: 'spec', data: { name: object.metadata?.name } }];
    // An entry without hosts uses the controller's default (wildcard) certificate for every host.
    if (tls.some((entry) => !Array.isArray(entry?.hosts) || entry.hosts.length === 0)) return [];
    const tlsHosts: string[] = tls.flatMap((entry) => entry.hosts.map(String));
    const rules: unknown[] = Array.isArray(object.spec?.rules) ? object.spec.rules : [];
    return rules.flatMap((rule: any, i) => {
      const host = rule?.host;
      if (typeof host !== 'string' || host === '' || tlsHosts.some((tlsHost) => covers(tlsHost, host))) return [];
      return [{ messageId: 'hostWithoutTls' as const, path: `spec.rules[${i}].host`, data: { host } }];
    });
  },
});
