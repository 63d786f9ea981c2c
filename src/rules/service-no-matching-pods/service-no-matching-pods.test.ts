import { asWorkload, pod, ruleTester } from '../../testing/index.js';
import rule from './service-no-matching-pods.rule.js';

const service = (selector: Record<string, string> | undefined, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { ...(selector ? { selector } : {}), ports: [{ port: 80 }], ...spec },
});
const web = asWorkload(pod(), 'Deployment');
const otherNamespace = asWorkload(pod((p) => { p.metadata.namespace = 'other'; }), 'Deployment');

ruleTester(rule).run({
  valid: [
    { name: 'selects the Deployment pods', object: service({ app: 'web' }), objects: [web] },
    { name: 'selects a bare Pod', object: service({ 'app.kubernetes.io/name': 'web' }), objects: [pod()] },
    { name: 'no workloads of the namespace in the scan', object: service({ app: 'nothing' }), objects: [otherNamespace] },
    { name: 'no selector (manual endpoints)', object: service(undefined), objects: [web] },
    { name: 'ExternalName', object: service({ app: 'nothing' }, { type: 'ExternalName', externalName: 'db.example.com' }), objects: [web] },
  ],
  invalid: [
    {
      name: 'label typo',
      object: service({ app: 'wbe' }),
      objects: [web],
      errors: [{ messageId: 'noPods', path: 'spec.selector' }],
    },
    {
      name: 'matches only a PodTemplate, which runs nothing',
      object: service({ app: 'web' }),
      objects: [asWorkload(pod(), 'PodTemplate'), asWorkload(pod((p) => { p.metadata.labels = { app: 'api' }; }), 'Deployment')],
      errors: [{ messageId: 'noPods', path: 'spec.selector' }],
    },
    {
      name: 'all selector labels must match',
      object: service({ app: 'web', tier: 'front' }),
      objects: [web],
      errors: [{ messageId: 'noPods', path: 'spec.selector' }],
    },
  ],
});
