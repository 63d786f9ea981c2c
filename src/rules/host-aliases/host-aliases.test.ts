import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './host-aliases.rule.js';

const withAliases = pod((p) => { p.spec.hostAliases = [{ ip: '10.0.0.5', hostnames: ['payments.internal'] }]; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'an empty list adds nothing', object: pod((p) => { p.spec.hostAliases = []; }) },
    { name: 'dnsConfig is not hostAliases', object: pod((p) => { p.spec.dnsConfig = { options: [{ name: 'ndots', value: '2' }] }; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `hostAliases in a ${kind}`,
      object: asWorkload(withAliases, kind),
      errors: [{ messageId: 'hostAliases', path: `${podSpecPathOf(kind)}.hostAliases` }],
    })),
    {
      name: 'several aliases are one finding',
      object: pod((p) => { p.spec.hostAliases = [{ ip: '10.0.0.5', hostnames: ['a'] }, { ip: '10.0.0.6', hostnames: ['b', 'c'] }]; }),
      errors: [{ messageId: 'hostAliases', path: 'spec.hostAliases' }],
    },
  ],
});
