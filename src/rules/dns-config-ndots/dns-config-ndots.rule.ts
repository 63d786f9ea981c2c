/**
 * With the default ndots:5 every lookup of an external name with fewer than five dots is first tried against
 * each cluster search domain, multiplying DNS traffic and latency.
 * Restricted fields: <pod spec>.dnsConfig.options[name=ndots]
 * Allowed values: an ndots option; pods with dnsPolicy Default (the node's resolver settings) are skipped.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { isObject } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'dns-config-ndots',
  meta: {
    title: 'Pods should set the DNS ndots option',
    category: 'hygiene',
    severity: 'info',
    description: 'The cluster default ndots:5 makes each lookup of an external name try every search domain first, which multiplies DNS queries and adds latency to outbound calls.',
    remediation: 'Set dnsConfig.options with ndots (commonly 2) on pods that call external names.',
    appliesTo: 'workloads',
    messages: { missing: 'The pod does not set the ndots DNS option, so it uses the cluster default of 5.' },
    references: [
      { title: 'Kubernetes: DNS for Services and Pods, pod DNS config', url: 'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-dns-config' },
    ],
    peers: { kubeLinter: ['dnsconfig-options'] },
    optional: true,
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod || pod.spec.dnsPolicy === 'Default') return [];
    const options = pod.spec.dnsConfig?.options;
    const hasNdots = Array.isArray(options) && options.some((option: unknown) => isObject(option) && option.name === 'ndots');
    if (hasNdots) return [];
    return [{ messageId: 'missing', path: isObject(pod.spec.dnsConfig) ? `${pod.specPath}.dnsConfig` : pod.specPath }];
  },
});
