import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './default-service-account.rule.js';

const noServiceAccount = pod((p) => { delete p.spec.serviceAccountName; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'named through the deprecated field', object: pod((p) => { delete p.spec.serviceAccountName; p.spec.serviceAccount = 'web'; }) },
    { name: 'a ServiceAccount called default-web is not default', object: pod((p) => { p.spec.serviceAccountName = 'default-web'; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `no ServiceAccount named in a ${kind}`,
      object: asWorkload(noServiceAccount, kind),
      errors: [{ messageId: 'implicitDefault', path: podSpecPathOf(kind) }],
    })),
    {
      name: 'serviceAccountName: default',
      object: pod((p) => { p.spec.serviceAccountName = 'default'; }),
      errors: [{ messageId: 'explicitDefault', path: 'spec.serviceAccountName' }],
    },
    {
      name: 'deprecated serviceAccount: default',
      object: pod((p) => { delete p.spec.serviceAccountName; p.spec.serviceAccount = 'default'; }),
      errors: [{ messageId: 'explicitDefault', path: 'spec.serviceAccount' }],
    },
    {
      name: 'an empty serviceAccountName falls back to default',
      object: pod((p) => { p.spec.serviceAccountName = ''; }),
      errors: [{ messageId: 'implicitDefault', path: 'spec' }],
    },
  ],
});
