/**
 * An external load balancer without source ranges is reachable from the whole internet.
 * Restricted fields: Service spec.type LoadBalancer with spec.loadBalancerSourceRanges.
 * Allowed values: source ranges that are not 0.0.0.0/0 or ::/0, or an internal load balancer annotation.
 * Source: kube-linter exposed-services, NSA/CISA hardening guide.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { joinPath } from '../../core/yaml/field-path.js';

/** Cloud annotations that make the load balancer internal (private IP only). Value `undefined` means any value. */
const INTERNAL_ANNOTATIONS: ReadonlyArray<[string, string | undefined]> = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', undefined],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', 'internal'],
  ['networking.gke.io/load-balancer-type', 'Internal'],
  ['cloud.google.com/load-balancer-type', 'Internal'],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', 'true'],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', 'true'],
  ['service.beta.kubernetes.io/openstack-internal-load-balancer', 'true'],
  ['service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type', 'private'],
];
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const OPEN_RANGES = new Set(['0.0.0.0/0', '::/0']);

export default defineRule({
  id: 'service-load-balancer-unrestricted',
  meta: {
    title: 'LoadBalancer Services should restrict source ranges',
    category: 'exposure',
    severity: 'low',
    description: 'A LoadBalancer Service without loadBalancerSourceRanges gets a public address open to every source on the internet.',
    remediation: 'Set spec.loadBalancerSourceRanges to the networks that need access, or make the load balancer internal.',
    appliesTo: ['Service'],
    messages: {
      noSourceRanges: 'LoadBalancer Service {{name}} sets no loadBalancerSourceRanges and is open to any source.',
      openRange: 'LoadBalancer Service {{name}} allows source range {{range}}.',
    },
    references: [
      { title: 'Kubernetes documentation: restrict load balancer source ranges', url: 'https://kubernetes.io/docs/tasks/access-application-cluster/create-external-load-balancer/' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: network separation' },
    ],
    peers: { kubeLinter: ['exposed-services'] },
  },
  check(object) {
    if (object.kind !== 'Service' || object.spec?.type !== 'LoadBalancer') return [];
    const annotations: Record<string, unknown> = object.metadata?.annotations ?? {};
    const isInternal = INTERNAL_ANNOTATIONS.some(([key, value]) => annotations[key] !== undefined && (value === undefined || String(annotations[key]).toLowerCase() === value.toLowerCase()));
    if (isInternal) return [];
    const name = object.metadata?.name;
    const ranges: unknown = object.spec.loadBalancerSourceRanges;
    if (Array.isArray(ranges) && ranges.length > 0) {
      return ranges.flatMap((range, i) => (OPEN_RANGES.has(String(range).trim())
        ? [{ messageId: 'openRange' as const, path: `spec.loadBalancerSourceRanges[${i}]`, data: { name, range: String(range) } }]
        : []));
    }
    const annotated = annotations[SOURCE_RANGES_ANNOTATION];
    if (typeof annotated === 'string' && annotated.trim() !== '') {
      const open = annotated.split(',').map((range) => range.trim()).find((range) => OPEN_RANGES.has(range));
      return open ? [{ messageId: 'openRange', path: joinPath('metadata.annotations', SOURCE_RANGES_ANNOTATION), data: { name, range: open } }] : [];
    }
    return [{ messageId: 'noSourceRanges', path: 'spec.type', data: { name } }];
  },
});
