/**
 * A StatefulSet's pods get their stable network identity (`<pod>.<serviceName>.<ns>.svc`) from the headless
 * Service named in spec.serviceName.
 * Restricted fields: StatefulSet spec.serviceName
 * Allowed values: set; and, when the input holds Services of the namespace, the name of a headless one
 * (clusterIP: None) among them.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { namespaceOf } from '../../core/k8s/object.js';

export default defineRule({
  id: 'statefulset-service-name',
  meta: {
    title: 'StatefulSets should name an existing headless Service',
    category: 'reliability',
    severity: 'low',
    description: 'StatefulSet pods get stable DNS names only through the headless Service named in spec.serviceName; without it peers cannot address each other by name.',
    remediation: 'Create a headless Service (clusterIP: None) selecting the pods and name it in spec.serviceName.',
    appliesTo: ['StatefulSet'],
    messages: {
      missing: 'The StatefulSet has no spec.serviceName.',
      notFound: 'spec.serviceName "{{service}}" is not among the Services of namespace {{namespace}} in the input.',
      notHeadless: 'spec.serviceName "{{service}}" is not a headless Service (clusterIP is not None).',
    },
    references: [
      { title: 'Kubernetes: StatefulSets, stable network ID', url: 'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id' },
      { title: 'Kubernetes: Headless Services', url: 'https://kubernetes.io/docs/concepts/services-networking/service/#headless-services' },
    ],
    peers: { kubeScore: ['statefulset-has-servicename'] },
  },
  check(object, { objects }) {
    if (object.kind !== 'StatefulSet') return [];
    const service = object.spec?.serviceName;
    if (typeof service !== 'string' || service === '') return [{ messageId: 'missing', path: 'spec' }];
    const namespace = namespaceOf(object) ?? 'default';
    if (objects.inNamespace('Service', namespace).length === 0) return [];
    const target = objects.find('Service', namespace, service);
    if (!target) return [{ messageId: 'notFound', path: 'spec.serviceName', data: { service, namespace } }];
    return target.spec?.clusterIP === 'None' ? [] : [{ messageId: 'notHeadless', path: 'spec.serviceName', data: { service } }];
  },
});
