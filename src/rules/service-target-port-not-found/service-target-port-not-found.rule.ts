/**
 * A named targetPort is resolved against the container ports of each selected pod; a name no pod defines gives the
 * Service no endpoints for that port. Restricted fields: Service spec.ports[*].targetPort (string).
 * Allowed values: a valid port name (IANA_SVC_NAME) that a selected pod declares with the same protocol.
 * Source: kube-linter invalid-target-ports.
 */
import { defineRule, type Violation } from '../../core/engine/define-rule.js';
import { containersOf, INIT_AND_APP_CONTAINERS } from '../../core/k8s/containers.js';
import { namespaceOf } from '../../core/k8s/object.js';
import { runningWorkloadCandidates } from '../../core/k8s/running-workloads.js';
import { mapSelectorMatches } from '../../core/k8s/selectors.js';

/** IANA_SVC_NAME as Kubernetes validates it: 1-15 chars of a-z, 0-9 and '-', at least one letter, no '--', no edge '-'. */
export function isValidPortName(name: string): boolean {
  return name.length <= 15 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) && /[a-z]/.test(name) && !name.includes('--');
}

export default defineRule({
  id: 'service-target-port-not-found',
  meta: {
    title: 'Named Service target ports should exist on the selected pods',
    category: 'cross-object',
    severity: 'low',
    description: 'A named targetPort that no selected container declares (with the same protocol) gives the Service no endpoints for that port, and an invalid name is rejected by the API server.',
    remediation: 'Use a port name that the containers declare in ports[*].name, with the same protocol, or a port number.',
    appliesTo: ['Service'],
    messages: {
      invalidName: 'targetPort "{{port}}" is not a valid port name (lowercase letters, digits and "-", at most 15 characters).',
      notFound: 'targetPort "{{port}}" ({{protocol}}) is not declared by any container of the pods this Service selects.',
    },
    references: [
      { title: 'Kubernetes documentation: Service port definitions and named ports', url: 'https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports' },
    ],
    peers: { kubeLinter: ['invalid-target-ports'] },
  },
  check(object, ctx) {
    if (object.kind !== 'Service' || !Array.isArray(object.spec?.ports)) return [];
    const named: Array<{ target: string; protocol: string; path: string }> = [];
    object.spec.ports.forEach((port: any, i: number) => {
      const target = port?.targetPort;
      if (typeof target === 'string' && !/^\d+$/.test(target)) named.push({ target, protocol: port.protocol ?? 'TCP', path: `spec.ports[${i}].targetPort` });
    });
    if (named.length === 0) return [];
    const selector: Record<string, string> | undefined = object.spec.selector;
    const namespace = namespaceOf(object) ?? 'default';
    const selected = runningWorkloadCandidates(ctx.objects.workloads(), namespace, selector).filter(({ pod }) => mapSelectorMatches(selector, pod.metadata.labels));
    const declared = new Set(selected.flatMap(({ pod }) => containersOf(pod.spec, pod.specPath, INIT_AND_APP_CONTAINERS)
      .flatMap(({ container }) => (Array.isArray(container.ports) ? container.ports : [])
        .filter((port: any) => typeof port?.name === 'string')
        .map((port: any) => `${port.name}/${port.protocol ?? 'TCP'}`))));
    return named.flatMap(({ target, protocol, path }): Array<Violation<'invalidName' | 'notFound'>> => {
      if (!isValidPortName(target)) return [{ messageId: 'invalidName' as const, path, data: { port: target } }];
      // Without selected workloads in the scan there is nothing to resolve against (service-no-matching-pods covers it).
      if (selected.length === 0 || declared.has(`${target}/${protocol}`)) return [];
      return [{ messageId: 'notFound' as const, path, data: { port: target, protocol } }];
    });
  },
});
