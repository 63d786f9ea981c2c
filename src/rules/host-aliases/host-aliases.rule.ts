/**
 * hostAliases write entries into the pod's /etc/hosts: name resolution that bypasses cluster DNS and is easy
 * to miss in review, which makes it a way to redirect traffic for a trusted name.
 * Reported field: spec.hostAliases (non-empty).   Source: Trivy KSV-0007, kubesec HostAliases.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'host-aliases',
  meta: {
    title: 'Pods should not override name resolution with hostAliases',
    category: 'host-access',
    severity: 'low',
    description: 'hostAliases pin names to addresses in /etc/hosts, outside DNS and its monitoring; a changed entry silently redirects traffic meant for a trusted host.',
    remediation: 'Remove spec.hostAliases and publish the name in DNS (a Service, an ExternalName Service or CoreDNS configuration).',
    appliesTo: 'workloads',
    messages: { hostAliases: 'The pod overrides name resolution for {{hostnames}} with hostAliases.' },
    references: [
      { title: 'Kubernetes: Adding entries to Pod /etc/hosts with HostAliases', url: 'https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/' },
      { title: 'MITRE ATT&CK T1557 Adversary-in-the-Middle', url: 'https://attack.mitre.org/techniques/T1557/' },
    ],
    peers: { trivy: ['KSV-0007'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    const aliases = pod?.spec.hostAliases;
    if (!pod || !Array.isArray(aliases) || aliases.length === 0) return [];
    const hostnames = aliases.flatMap((alias: any) => (Array.isArray(alias?.hostnames) ? alias.hostnames.map(String) : []));
    return [{ messageId: 'hostAliases', path: `${pod.specPath}.hostAliases`, data: { hostnames: hostnames.length > 0 ? hostnames.join(', ') : 'no hostname' } }];
  },
});
