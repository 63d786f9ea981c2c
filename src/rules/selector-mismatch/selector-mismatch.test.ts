import { asWorkload, pod, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import type { K8sObject } from '../../core/k8s/object.js';
import rule from './selector-mismatch.rule.js';

const WITH_SELECTOR = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Rollout'] as const;
const mismatched = (kind: (typeof WITH_SELECTOR)[number]): K8sObject => {
  const object = asWorkload(pod(), kind) as Record<string, any>;
  if (kind === 'ReplicationController') object.spec.selector = { 'app.kubernetes.io/name': 'api' };
  else object.spec.selector = { matchLabels: { 'app.kubernetes.io/name': 'api' } };
  return object as K8sObject;
};
const tweak = (kind: (typeof WORKLOAD_WRAPPERS)[number], change: (o: Record<string, any>) => void): K8sObject => {
  const object = asWorkload(pod(), kind) as Record<string, any>;
  change(object);
  return object as K8sObject;
};

ruleTester(rule).run({
  valid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({ name: `the minimal pod as a ${kind}`, object: asWorkload(pod(), kind) })),
    { name: 'matchExpressions that match', object: tweak('Deployment', (o) => { o.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'www'] }] }; }) },
    { name: 'an RC without selector defaults to its labels', object: tweak('ReplicationController', (o) => { delete o.spec.selector; }) },
    { name: 'a Job with a generated selector', object: tweak('Job', (o) => { o.spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'x' } }; }) },
  ],
  invalid: [
    ...WITH_SELECTOR.map((kind) => ({
      name: `selector does not match the template in a ${kind}`,
      object: mismatched(kind),
      errors: [{ messageId: 'mismatch', path: 'spec.selector' }],
    })),
    { name: 'a Deployment without selector', object: tweak('Deployment', (o) => { delete o.spec.selector; }), errors: [{ messageId: 'missing', path: 'spec' }] },
    { name: 'an empty selector', object: tweak('DaemonSet', (o) => { o.spec.selector = {}; }), errors: [{ messageId: 'empty', path: 'spec.selector' }] },
    {
      name: 'a Job with manualSelector that does not match',
      object: tweak('Job', (o) => { o.spec.manualSelector = true; o.spec.selector = { matchLabels: { job: 'migrate' } }; }),
      errors: [{ messageId: 'mismatch', path: 'spec.selector' }],
    },
    {
      name: 'a matchExpression that excludes the template',
      object: tweak('StatefulSet', (o) => { o.spec.selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app.kubernetes.io/instance', operator: 'DoesNotExist' }] }; }),
      errors: [{ messageId: 'mismatch' }],
    },
  ],
});
