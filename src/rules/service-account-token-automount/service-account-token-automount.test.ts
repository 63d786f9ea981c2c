import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './service-account-token-automount.rule.js';

const automountUnset = pod((p) => { delete p.spec.automountServiceAccountToken; });
const account = (automount: boolean | undefined, namespace = 'shop') => ({
  apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web', namespace },
  ...(automount === undefined ? {} : { automountServiceAccountToken: automount }),
});

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'the ServiceAccount opts out and the pod does not override it', object: automountUnset, objects: [account(false)] },
    {
      name: 'the default ServiceAccount opts out',
      object: pod((p) => { delete p.spec.automountServiceAccountToken; delete p.spec.serviceAccountName; }),
      objects: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'shop' }, automountServiceAccountToken: false }],
    },
    { name: 'the pod opts out although its ServiceAccount allows it', object: pod(), objects: [account(true)] },
    { name: 'not a workload', object: account(true) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `token mounted, ServiceAccount not in the input, in a ${kind}`,
      object: asWorkload(automountUnset, kind),
      errors: [{ messageId: 'serviceAccountNotInInput', path: podSpecPathOf(kind) }],
    })),
    {
      name: 'the pod overrides a ServiceAccount that opts out',
      object: pod((p) => { p.spec.automountServiceAccountToken = true; }),
      objects: [account(false)],
      errors: [{ messageId: 'podEnables', path: 'spec.automountServiceAccountToken' }],
    },
    {
      name: 'the ServiceAccount does not opt out',
      object: automountUnset,
      objects: [account(undefined)],
      errors: [{ messageId: 'serviceAccountEnables', path: 'spec' }],
    },
    {
      name: 'a ServiceAccount of the same name in another namespace does not count',
      object: automountUnset,
      objects: [account(false, 'other')],
      errors: [{ messageId: 'serviceAccountNotInInput', path: 'spec' }],
    },
    {
      name: 'the deprecated serviceAccount field names the ServiceAccount',
      object: pod((p) => { delete p.spec.automountServiceAccountToken; delete p.spec.serviceAccountName; p.spec.serviceAccount = 'web'; }),
      objects: [account(true)],
      errors: [{ messageId: 'serviceAccountEnables', path: 'spec' }],
    },
  ],
});
