/**
 * Workloads in `default` share a namespace with everything deployed without thought: no quotas, policies or
 * Pod Security labels are usually set there. Restricted fields: metadata.namespace of workloads.
 * Allowed values: any namespace but `default` (an object without namespace lands in `default`).   Source: CIS 5.6.4.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'default-namespace',
  meta: {
    title: 'Workloads should not run in the default namespace',
    category: 'multi-tenancy',
    severity: 'low',
    description: 'The default namespace rarely has quotas, NetworkPolicies or Pod Security labels, and mixes unrelated workloads in one trust boundary.',
    remediation: 'Set metadata.namespace to a namespace created for the application.',
    appliesTo: 'workloads',
    messages: {
      inDefault: '{{kind}} is in the default namespace.',
      noNamespace: '{{kind}} sets no namespace, so it lands in default unless applied with -n.',
    },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.6.4: The default namespace should not be used' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: namespaces' },
    ],
    peers: { kubeLinter: ['use-namespace'], kubescape: ['C-0061', 'C-0212'], trivy: ['KSV-0110'] },
  },
  check(object) {
    if (!podSpecOf(object)) return [];
    const namespace = object.metadata?.namespace;
    if (!namespace) return [{ messageId: 'noNamespace', path: 'metadata', data: { kind: object.kind } }];
    if (namespace === 'default') return [{ messageId: 'inDefault', path: 'metadata.namespace', data: { kind: object.kind } }];
    return [];
  },
});
