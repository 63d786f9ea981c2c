import { asWorkload, pod, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './kube-system-workload.rule.js';

const inKubeSystem = pod((p) => { p.metadata.namespace = 'kube-system'; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'system-cluster-critical priority', object: pod((p) => { p.metadata.namespace = 'kube-system'; p.spec.priorityClassName = 'system-cluster-critical'; }) },
    { name: 'control-plane static pod', object: pod((p) => { p.metadata.namespace = 'kube-system'; p.metadata.labels.tier = 'control-plane'; }) },
    { name: 'add-on manager label', object: asWorkload(pod((p) => { p.metadata.namespace = 'kube-system'; p.metadata.labels['addonmanager.kubernetes.io/mode'] = 'Reconcile'; }), 'DaemonSet') },
    { name: 'allowed by name', object: inKubeSystem, options: { allowedWorkloads: ['web'] } },
    { name: 'a ConfigMap in kube-system', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'kube-system' } } },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `${kind} in kube-system`,
      object: asWorkload(inKubeSystem, kind),
      errors: [{ messageId: 'kubeSystem', path: 'metadata.namespace' }],
    })),
    {
      name: 'a normal priority class does not exempt',
      object: asWorkload(pod((p) => { p.metadata.namespace = 'kube-system'; p.spec.priorityClassName = 'high'; }), 'Deployment'),
      errors: [{ messageId: 'kubeSystem', path: 'metadata.namespace' }],
    },
  ],
});
