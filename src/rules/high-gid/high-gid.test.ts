import { describe, expect, it } from 'vitest';
import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './high-gid.rule.js';

const low = pod((p) => { p.spec.securityContext.runAsGroup = 1000; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'exactly the minimum', object: pod((p) => { p.spec.securityContext.runAsGroup = 10000; }) },
    { name: 'a lower minimum', object: low, options: { minGid: 1000 } },
    {
      name: 'pod low but every container overrides high',
      object: pod((p) => {
        p.spec.securityContext.runAsGroup = 1000;
        p.spec.containers[0].securityContext.runAsGroup = 20000;
        p.spec.initContainers[0].securityContext.runAsGroup = 20000;
      }),
    },
    { name: 'windows pods are skipped', object: pod((p) => { p.spec.os = { name: 'windows' }; delete p.spec.securityContext.runAsGroup; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `pod-level low runAsGroup in a ${kind} is one finding`,
      object: asWorkload(low, kind),
      errors: [{ messageId: 'low', path: `${podSpecPathOf(kind)}.securityContext.runAsGroup` }],
    })),
    {
      name: 'unset everywhere: one finding per container',
      object: pod((p) => { delete p.spec.securityContext.runAsGroup; }),
      errors: [
        { messageId: 'notSet', path: 'spec.initContainers[0].securityContext' },
        { messageId: 'notSet', path: 'spec.containers[0].securityContext' },
      ],
    },
    {
      name: 'a container overrides with a low value',
      object: pod((p) => { p.spec.containers[0].securityContext.runAsGroup = 0; }),
      errors: [{ messageId: 'low', path: 'spec.containers[0].securityContext.runAsGroup' }],
    },
    {
      name: 'ephemeral container with a low value',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { runAsGroup: 500 } }]; }),
      errors: [{ messageId: 'low', path: 'spec.ephemeralContainers[0].securityContext.runAsGroup' }],
    },
  ],
});

describe('high-gid options', () => {
  it('names the bad key', () => {
    expect(rule.validateOptions!({ minGid: -1 })).toEqual(['minGid: expected a non-negative integer']);
    expect(rule.validateOptions!({ minGid: 1.5 })).toEqual(['minGid: expected a non-negative integer']);
    expect(rule.validateOptions!({ minGid: 20000 })).toEqual([]);
  });
});
