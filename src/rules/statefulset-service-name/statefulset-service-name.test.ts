import { asWorkload, pod, ruleTester } from '../../testing/index.js';
import rule from './statefulset-service-name.rule.js';

const statefulSet = asWorkload(pod(), 'StatefulSet');
const service = (name: string, clusterIP?: string) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'shop' },
  spec: { selector: { 'app.kubernetes.io/name': 'web' }, ports: [{ port: 80 }], ...(clusterIP ? { clusterIP } : {}) },
});

ruleTester(rule).run({
  valid: [
    { name: 'no Service of the namespace in the input: only presence is checked', object: statefulSet },
    { name: 'a headless Service', object: statefulSet, objects: [service('web', 'None'), service('web-public')] },
    { name: 'other kinds', object: asWorkload(pod(), 'Deployment') },
  ],
  invalid: [
    { name: 'no serviceName', object: { ...statefulSet, spec: { ...statefulSet.spec, serviceName: undefined } }, errors: [{ messageId: 'missing', path: 'spec' }] },
    { name: 'a Service that is not in the input', object: statefulSet, objects: [service('db', 'None')], errors: [{ messageId: 'notFound', path: 'spec.serviceName' }] },
    { name: 'a ClusterIP Service', object: statefulSet, objects: [service('web')], errors: [{ messageId: 'notHeadless', path: 'spec.serviceName' }] },
  ],
});
