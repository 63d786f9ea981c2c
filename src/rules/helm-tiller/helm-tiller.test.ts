import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './helm-tiller.rule.js';

const tiller = pod((p) => { p.spec.containers[0].image = 'gcr.io/kubernetes-helm/tiller:v2.16.1'; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'an image whose name only contains tiller', object: pod((p) => { p.spec.containers[0].image = 'registry.example.com/tiller-dashboard:1.0'; }) },
    { name: 'a repository called tiller', object: pod((p) => { p.spec.containers[0].image = 'registry.example.com/tiller/api:1.0'; }) },
    { name: 'only one of the labels', object: pod((p) => { p.metadata.labels.app = 'helm'; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `Tiller image in a ${kind}`,
      object: asWorkload(tiller, kind),
      errors: [{ messageId: 'tillerImage', path: `${podSpecPathOf(kind)}.containers[0].image` }],
    })),
    {
      name: 'image by digest',
      object: pod((p) => { p.spec.containers[0].image = 'ghcr.io/helm/tiller@sha256:0d6f4e2b3c5a7f9e1d2c4b6a8f0e2d4c6b8a0f1e3d5c7b9a1f3e5d7c9b1a3f5e'; }),
      errors: [{ messageId: 'tillerImage', path: 'spec.containers[0].image' }],
    },
    {
      name: 'Tiller labels on a mirrored image',
      object: asWorkload(pod((p) => { p.metadata.labels = { app: 'helm', name: 'tiller' }; }), 'Deployment'),
      errors: [{ messageId: 'tillerLabels', path: 'spec.template.metadata.labels' }],
    },
  ],
});
