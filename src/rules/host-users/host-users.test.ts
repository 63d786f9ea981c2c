import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './host-users.rule.js';

const inUserNamespace = pod((p) => { p.spec.hostUsers = false; });

ruleTester(rule).run({
  valid: [
    inUserNamespace,
    { name: 'windows pods have no user namespaces', object: pod((p) => { p.spec.os = { name: 'windows' }; }) },
    { name: 'host network pods cannot use a user namespace (host-network reports them)', object: pod((p) => { p.spec.hostNetwork = true; }) },
    { name: 'host PID pods cannot use a user namespace', object: pod((p) => { p.spec.hostPID = true; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `hostUsers unset in a ${kind}`,
      object: asWorkload(pod(), kind),
      errors: [{ messageId: 'notSet', path: podSpecPathOf(kind) }],
    })),
    {
      name: 'hostUsers explicitly true',
      object: pod((p) => { p.spec.hostUsers = true; }),
      errors: [{ messageId: 'hostUsers', path: 'spec.hostUsers' }],
    },
  ],
});
