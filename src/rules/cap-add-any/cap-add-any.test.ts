import { describe, expect, it } from 'vitest';
import { DEFAULT_RUNTIME_CAPABILITIES } from '../../core/k8s/capabilities.js';
import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './cap-add-any.rule.js';

const chown = pod((p) => { p.spec.containers[0].securityContext.capabilities.add = ['CHOWN']; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'NET_BIND_SERVICE is allowed by default', object: pod((p) => { p.spec.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE']; }) },
    { name: 'baseline allow-list accepts default capabilities', object: chown, options: { allowed: [...DEFAULT_RUNTIME_CAPABILITIES] } },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `CHOWN in a ${kind}`,
      object: asWorkload(chown, kind),
      errors: [{ messageId: 'added', path: `${podSpecPathOf(kind)}.containers[0].securityContext.capabilities.add[0]` }],
    })),
    {
      name: 'names are compared exactly as written, as PSA does',
      object: pod((p) => { p.spec.containers[0].securityContext.capabilities.add = ['CHOWN', 'chown', 'CAP_CHOWN']; }),
      options: { allowed: [...DEFAULT_RUNTIME_CAPABILITIES] },
      errors: [
        { messageId: 'added', path: 'spec.containers[0].securityContext.capabilities.add[1]' },
        { messageId: 'added', path: 'spec.containers[0].securityContext.capabilities.add[2]' },
      ],
    },
    {
      name: 'baseline allow-list still reports non-default capabilities, in every container list',
      object: pod((p) => {
        p.spec.initContainers[0].securityContext.capabilities.add = ['CHOWN', 'SYS_ADMIN'];
        p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { capabilities: { add: ['CAP_NET_RAW'] } } }];
      }),
      options: { allowed: [...DEFAULT_RUNTIME_CAPABILITIES] },
      errors: [
        { messageId: 'added', path: 'spec.initContainers[0].securityContext.capabilities.add[1]' },
        { messageId: 'added', path: 'spec.ephemeralContainers[0].securityContext.capabilities.add[0]' },
      ],
    },
  ],
});

describe('cap-add-any options', () => {
  it('names the bad key', () => {
    expect(rule.validateOptions!({ allowed: 'NET_BIND_SERVICE' })).toEqual(['allowed: expected an array of capability names']);
    expect(rule.validateOptions!({ allowed: ['CHOWN'] })).toEqual([]);
  });
});
