import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './host-network.rule.js';

const onHostNetwork = pod((p) => { p.spec.hostNetwork = true; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'hostNetwork explicitly false', object: pod((p) => { p.spec.hostNetwork = false; }) },
  ],
  invalid: WORKLOAD_WRAPPERS.map((kind) => ({
    name: `hostNetwork in a ${kind}`,
    object: asWorkload(onHostNetwork, kind),
    errors: [{ messageId: 'hostNetwork', path: `${podSpecPathOf(kind)}.hostNetwork` }],
  })),
});
