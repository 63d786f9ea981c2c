import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './readonly-root-filesystem.rule.js';

const writable = pod((p) => { p.spec.containers[0].securityContext.readOnlyRootFilesystem = false; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'ephemeral debug containers are out of scope', object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }]; }) },
    {
      name: 'windows pods are skipped',
      object: pod((p) => { p.spec.os = { name: 'windows' }; delete p.spec.containers[0].securityContext.readOnlyRootFilesystem; }),
    },
    { name: 'a pod-level field does not exist and is ignored', object: pod((p) => { p.spec.securityContext.readOnlyRootFilesystem = false; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `readOnlyRootFilesystem: false in a ${kind}`,
      object: asWorkload(writable, kind),
      errors: [{ messageId: 'writable', path: `${podSpecPathOf(kind)}.containers[0].securityContext.readOnlyRootFilesystem` }],
    })),
    {
      name: 'unset in an init container',
      object: pod((p) => { delete p.spec.initContainers[0].securityContext.readOnlyRootFilesystem; }),
      errors: [{ messageId: 'notSet', path: 'spec.initContainers[0].securityContext' }],
    },
    {
      name: 'no securityContext at all',
      object: pod((p) => { delete p.spec.containers[0].securityContext; }),
      errors: [{ messageId: 'notSet', path: 'spec.containers[0]' }],
    },
  ],
});
