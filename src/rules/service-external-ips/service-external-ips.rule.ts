/**
 * spec.externalIPs lets a Service claim traffic for any IP address, including ones it does not own (CVE-2020-8554).
 * Restricted fields: Service spec.externalIPs.   Allowed values: unset or empty.   Source: Trivy KSV-0108.
 */
import { defineRule } from '../../core/engine/define-rule.js';

export default defineRule({
  id: 'service-external-ips',
  meta: {
    title: 'Services should not set externalIPs',
    category: 'exposure',
    severity: 'high',
    description: 'kube-proxy routes traffic for every address in spec.externalIPs to the Service, so whoever can create a Service can intercept traffic meant for other destinations (CVE-2020-8554).',
    remediation: 'Remove spec.externalIPs and use a LoadBalancer or an Ingress; block the field cluster-wide with the DenyServiceExternalIPs admission plugin.',
    appliesTo: ['Service'],
    messages: { externalIPs: 'Service {{name}} claims external IPs {{ips}}.' },
    references: [
      { title: 'CVE-2020-8554: man in the middle using LoadBalancer or ExternalIPs', url: 'https://github.com/kubernetes/kubernetes/issues/97076' },
      { title: 'Kubernetes documentation: DenyServiceExternalIPs admission plugin', url: 'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#denyserviceexternalips' },
    ],
    peers: { trivy: ['KSV-0108'] },
  },
  check(object) {
    if (object.kind !== 'Service') return [];
    const ips: unknown = object.spec?.externalIPs;
    if (!Array.isArray(ips) || ips.length === 0) return [];
    return [{ messageId: 'externalIPs', path: 'spec.externalIPs', data: { name: object.metadata?.name, ips: ips.map(String).join(', ') } }];
  },
});
