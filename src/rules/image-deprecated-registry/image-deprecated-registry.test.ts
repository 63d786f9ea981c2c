import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './image-deprecated-registry.rule.js';

const frozen = pod((p) => { p.spec.containers[0].image = 'k8s.gcr.io/pause:3.9'; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'the new registry', object: pod((p) => { p.spec.containers[0].image = 'registry.k8s.io/pause:3.9'; }) },
    { name: 'a repository path that mentions k8s.gcr.io', object: pod((p) => { p.spec.containers[0].image = 'registry.example.com/k8s.gcr.io/pause:3.9'; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `k8s.gcr.io image in a ${kind}`,
      object: asWorkload(frozen, kind),
      errors: [{ messageId: 'deprecated', path: `${podSpecPathOf(kind)}.containers[0].image` }],
    })),
    { name: 'init container', object: pod((p) => { p.spec.initContainers[0].image = 'k8s.gcr.io/git-sync/git-sync:v3.6.5'; }), errors: [{ messageId: 'deprecated', path: 'spec.initContainers[0].image' }] },
    {
      name: 'ephemeral container, upper case host',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'K8S.GCR.IO/e2e-test-images/agnhost:2.39' }]; }),
      errors: [{ messageId: 'deprecated', path: 'spec.ephemeralContainers[0].image' }],
    },
  ],
});
