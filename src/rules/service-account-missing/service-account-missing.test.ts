import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './service-account-missing.rule.js';

const account = (name: string, namespace = 'shop') => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });

ruleTester(rule).run({
  valid: [
    { name: 'no ServiceAccount of the namespace in the input: not checked', object: pod() },
    { name: 'only ServiceAccounts of other namespaces in the input: not checked', object: pod(), objects: [account('web', 'other')] },
    { name: 'the ServiceAccount is in the input', object: pod(), objects: [account('web'), account('db')] },
    { name: 'default always exists', object: pod((p) => { delete p.spec.serviceAccountName; }), objects: [account('db')] },
    { name: 'found through the deprecated field', object: pod((p) => { delete p.spec.serviceAccountName; p.spec.serviceAccount = 'web'; }), objects: [account('web')] },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `missing ServiceAccount in a ${kind}`,
      object: asWorkload(pod(), kind),
      objects: [account('db')],
      errors: [{ messageId: 'missing', path: `${podSpecPathOf(kind)}.serviceAccountName` }],
    })),
    {
      name: 'an account of the same name in another namespace does not count',
      object: pod(),
      objects: [account('web', 'other'), account('db')],
      errors: [{ messageId: 'missing', path: 'spec.serviceAccountName' }],
    },
    {
      name: 'a workload without namespace lives in default',
      object: pod((p) => { delete p.metadata.namespace; }),
      objects: [account('web'), account('db', 'default')],
      errors: [{ messageId: 'missing', path: 'spec.serviceAccountName' }],
    },
  ],
});
