import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './dns-config-ndots.rule.js';

ruleTester(rule).run({
  valid: [
    pod((p) => { p.spec.dnsConfig = { options: [{ name: 'ndots', value: '2' }] }; }),
    { name: 'the node resolver is used', object: pod((p) => { p.spec.dnsPolicy = 'Default'; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `no dnsConfig in a ${kind}`,
      object: asWorkload(pod(), kind),
      errors: [{ messageId: 'missing', path: podSpecPathOf(kind) }],
    })),
    { name: 'other options only', object: pod((p) => { p.spec.dnsConfig = { options: [{ name: 'single-request-reopen' }] }; }), errors: [{ messageId: 'missing', path: 'spec.dnsConfig' }] },
  ],
});
