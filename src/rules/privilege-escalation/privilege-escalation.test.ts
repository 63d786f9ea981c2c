import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './privilege-escalation.rule.js';

const escalating = pod((p) => { p.spec.containers[0].securityContext.allowPrivilegeEscalation = true; });

ruleTester(rule).run({
  valid: [
    pod(),
    {
      name: 'windows pods are skipped',
      object: pod((p) => {
        p.spec.os = { name: 'windows' };
        delete p.spec.containers[0].securityContext;
        delete p.spec.initContainers[0].securityContext;
      }),
    },
    {
      name: 'a pod-level field does not exist, containers set it',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { allowPrivilegeEscalation: false } }]; }),
    },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `allowPrivilegeEscalation: true in a ${kind}`,
      object: asWorkload(escalating, kind),
      errors: [{ messageId: 'allowed', path: `${podSpecPathOf(kind)}.containers[0].securityContext.allowPrivilegeEscalation` }],
    })),
    {
      name: 'unset in a securityContext points at the securityContext',
      object: pod((p) => { delete p.spec.containers[0].securityContext.allowPrivilegeEscalation; }),
      errors: [{ messageId: 'notSet', path: 'spec.containers[0].securityContext' }],
    },
    {
      name: 'no securityContext at all points at the container',
      object: pod((p) => { delete p.spec.initContainers[0].securityContext; }),
      errors: [{ messageId: 'notSet', path: 'spec.initContainers[0]' }],
    },
    {
      name: 'ephemeral container without the field',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }]; }),
      errors: [{ messageId: 'notSet', path: 'spec.ephemeralContainers[0]' }],
    },
  ],
});
