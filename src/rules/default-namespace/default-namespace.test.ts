import { asWorkload, pod, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './default-namespace.rule.js';

const inDefault = pod((p) => { p.metadata.namespace = 'default'; });
const withoutNamespace = pod((p) => { delete p.metadata.namespace; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'a Service in default is not a workload', object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' }, spec: {} } },
    { name: 'a namespace named like default', object: pod((p) => { p.metadata.namespace = 'default-apps'; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `${kind} in default`,
      object: asWorkload(inDefault, kind),
      errors: [{ messageId: 'inDefault', path: 'metadata.namespace' }],
    })),
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `${kind} without namespace`,
      object: asWorkload(withoutNamespace, kind),
      errors: [{ messageId: 'noNamespace', path: 'metadata' }],
    })),
  ],
});
