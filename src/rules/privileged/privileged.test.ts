import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './privileged.rule.js';

const privilegedApp = pod((p) => { p.spec.containers[0].securityContext.privileged = true; });

ruleTester(rule).run({
  valid: [
    pod(),
    pod((p) => { delete p.spec.containers[0].securityContext; }),
    { name: 'a pod-level securityContext has no privileged field', object: pod((p) => { p.spec.securityContext.privileged = true; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `privileged app container in a ${kind}`,
      object: asWorkload(privilegedApp, kind),
      errors: [{ messageId: 'privileged', path: `${podSpecPathOf(kind)}.containers[0].securityContext.privileged` }],
    })),
    {
      name: 'privileged init container',
      object: pod((p) => { p.spec.initContainers[0].securityContext.privileged = true; }),
      errors: [{ messageId: 'privileged', path: 'spec.initContainers[0].securityContext.privileged' }],
    },
    {
      name: 'privileged ephemeral container',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { privileged: true } }]; }),
      errors: [{ messageId: 'privileged', path: 'spec.ephemeralContainers[0].securityContext.privileged' }],
    },
  ],
});
