import { asWorkload, pod, ruleTester } from '../../testing/index.js';
import rule from './network-policy-no-matching-pods.rule.js';

const policy = (spec: Record<string, unknown>) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web', namespace: 'shop' }, spec });
const web = asWorkload(pod(), 'Deployment');
const api = asWorkload(pod((p) => { p.metadata.name = 'api'; p.metadata.labels = { app: 'api' }; }), 'StatefulSet');

ruleTester(rule).run({
  valid: [
    { name: 'selects web, allows from api', object: policy({ podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }] }] }), objects: [web, api] },
    { name: 'empty selector selects all', object: policy({ podSelector: {}, policyTypes: ['Ingress'] }), objects: [web] },
    { name: 'matchExpressions', object: policy({ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'x'] }] } }), objects: [web] },
    { name: 'no workloads of the namespace in the scan', object: policy({ podSelector: { matchLabels: { app: 'nothing' } } }), objects: [asWorkload(pod((p) => { p.metadata.namespace = 'other'; }), 'Deployment')] },
    { name: 'peer in other namespaces is not judged', object: policy({ podSelector: {}, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'prometheus' } } }] }] }), objects: [web] },
    { name: 'Calico policy of the same kind', object: { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'x', namespace: 'shop' }, spec: { selector: "app == 'nothing'" } }, objects: [web] },
  ],
  invalid: [
    {
      name: 'policy selects nothing',
      object: policy({ podSelector: { matchLabels: { app: 'wbe' } } }),
      objects: [web],
      errors: [{ messageId: 'selectsNothing', path: 'spec.podSelector' }],
    },
    {
      name: 'ingress and egress peers select nothing',
      object: policy({
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }, { podSelector: { matchLabels: { app: 'frontend' } } }] }],
        egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }],
      }),
      objects: [web, api],
      errors: [
        { messageId: 'peerSelectsNothing', path: 'spec.ingress[0].from[1].podSelector' },
        { messageId: 'peerSelectsNothing', path: 'spec.egress[0].to[0].podSelector' },
      ],
    },
    {
      name: 'only a PodTemplate carries the labels',
      object: policy({ podSelector: { matchLabels: { app: 'web' } } }),
      objects: [asWorkload(pod(), 'PodTemplate'), api],
      errors: [{ messageId: 'selectsNothing', path: 'spec.podSelector' }],
    },
  ],
});
