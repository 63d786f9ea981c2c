import { asWorkload, pod, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './required-labels.rule.js';

const unlabelled = pod((p) => { delete p.metadata.labels['app.kubernetes.io/name']; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'custom required labels present', object: pod((p) => { p.metadata.labels.team = 'payments'; }), options: { requiredLabels: ['team', 'app'] } },
    { name: 'nothing required', object: unlabelled, options: { requiredLabels: [] } },
    { name: 'not a workload', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'shop' } } },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `${kind} without app.kubernetes.io/name`,
      object: asWorkload(unlabelled, kind),
      errors: [{ messageId: 'missingLabel', path: 'metadata.labels' }],
    })),
    {
      name: 'no labels at all, two required',
      object: pod((p) => { delete p.metadata.labels; }),
      options: { requiredLabels: ['app.kubernetes.io/name', 'team'] },
      errors: [{ messageId: 'missingLabel', path: 'metadata' }, { messageId: 'missingLabel', path: 'metadata' }],
    },
    {
      name: 'empty value',
      object: pod((p) => { p.metadata.labels.team = ''; }),
      options: { requiredLabels: ['team'] },
      errors: [{ messageId: 'missingLabel', path: 'metadata.labels' }],
    },
  ],
});
