import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './deprecated-service-account-field.rule.js';

const deprecatedOnly = pod((p) => { delete p.spec.serviceAccountName; p.spec.serviceAccount = 'web'; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'both fields agree, as the API server returns them', object: pod((p) => { p.spec.serviceAccount = 'web'; }) },
    { name: 'an empty deprecated field', object: pod((p) => { p.spec.serviceAccount = ''; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `deprecated field alone in a ${kind}`,
      object: asWorkload(deprecatedOnly, kind),
      errors: [{ messageId: 'deprecated', path: `${podSpecPathOf(kind)}.serviceAccount` }],
    })),
    {
      name: 'the fields disagree',
      object: pod((p) => { p.spec.serviceAccount = 'admin'; }),
      errors: [{ messageId: 'conflicting', path: 'spec.serviceAccount' }],
    },
  ],
});
