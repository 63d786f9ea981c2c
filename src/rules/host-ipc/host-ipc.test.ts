import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './host-ipc.rule.js';

const onHostIpc = pod((p) => { p.spec.hostIPC = true; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'hostIPC explicitly false', object: pod((p) => { p.spec.hostIPC = false; }) },
  ],
  invalid: WORKLOAD_WRAPPERS.map((kind) => ({
    name: `hostIPC in a ${kind}`,
    object: asWorkload(onHostIpc, kind),
    errors: [{ messageId: 'hostIPC', path: `${podSpecPathOf(kind)}.hostIPC` }],
  })),
});
