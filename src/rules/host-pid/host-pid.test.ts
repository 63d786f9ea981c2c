import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './host-pid.rule.js';

const onHostPid = pod((p) => { p.spec.hostPID = true; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'hostPID explicitly false', object: pod((p) => { p.spec.hostPID = false; }) },
    { name: 'sharing processes inside the pod is not the host namespace', object: pod((p) => { p.spec.shareProcessNamespace = true; }) },
  ],
  invalid: WORKLOAD_WRAPPERS.map((kind) => ({
    name: `hostPID in a ${kind}`,
    object: asWorkload(onHostPid, kind),
    errors: [{ messageId: 'hostPID', path: `${podSpecPathOf(kind)}.hostPID` }],
  })),
});
