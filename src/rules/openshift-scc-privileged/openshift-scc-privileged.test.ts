import { ruleTester } from '../../testing/index.js';
import rule from './openshift-scc-privileged.rule.js';

const scc = (fields: Record<string, unknown>) => ({ apiVersion: 'security.openshift.io/v1', kind: 'SecurityContextConstraints', metadata: { name: 'custom' }, ...fields });

ruleTester(rule).run({
  valid: [
    scc({ allowPrivilegedContainer: false, runAsUser: { type: 'MustRunAsRange' } }),
    scc({}),
    { name: 'a string is not true', object: scc({ allowPrivilegedContainer: 'true' }) },
  ],
  invalid: [
    { name: 'privileged SCC', object: scc({ allowPrivilegedContainer: true }), errors: [{ messageId: 'privileged', path: 'allowPrivilegedContainer' }] },
  ],
});
