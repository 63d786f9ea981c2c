import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './priority-class-missing.rule.js';

ruleTester(rule).run({
  valid: [
    pod((p) => { p.spec.priorityClassName = 'business-critical'; }),
    { name: 'a Deployment with a priority class', object: asWorkload(pod((p) => { p.spec.priorityClassName = 'batch-low'; }), 'Deployment') },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `no priority class in a ${kind}`,
      object: asWorkload(pod(), kind),
      errors: [{ messageId: 'missing', path: podSpecPathOf(kind) }],
    })),
    { name: 'an empty name', object: pod((p) => { p.spec.priorityClassName = ''; }), errors: [{ messageId: 'missing', path: 'spec' }] },
  ],
});
