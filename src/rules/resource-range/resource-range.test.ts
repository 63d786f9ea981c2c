import { describe, expect, it } from 'vitest';
import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './resource-range.rule.js';

const bounds = { cpu: { requestMin: '50m', limitMax: '4' }, memory: { requestMin: '64Mi', limitMax: '8Gi' } };
const hugeCpu = pod((p) => { p.spec.containers[0].resources.limits.cpu = '500'; });

ruleTester(rule).run({
  valid: [
    { name: 'no bounds configured', object: hugeCpu },
    { name: 'the minimal pod is within the bounds', object: pod(), options: bounds },
    { name: 'ephemeral containers are out of scope', object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36', resources: { limits: { cpu: '64' } } }]; }), options: bounds },
    { name: 'missing values are left to the *-missing rules', object: pod((p) => { delete p.spec.containers[0].resources; }), options: bounds },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `a CPU limit above the maximum in a ${kind}`,
      object: asWorkload(hugeCpu, kind),
      options: bounds,
      errors: [{ messageId: 'aboveMax', path: `${podSpecPathOf(kind)}.containers[0].resources.limits.cpu` }],
    })),
    {
      name: 'a memory request below the minimum in an init container',
      object: pod((p) => { p.spec.initContainers[0].resources.requests.memory = '1Mi'; }),
      options: bounds,
      errors: [{ messageId: 'belowMin', path: 'spec.initContainers[0].resources.requests.memory' }],
    },
    {
      name: 'a request copied from a limit is checked at the limit',
      object: pod((p) => { delete p.spec.containers[0].resources.requests.cpu; p.spec.containers[0].resources.limits.cpu = '10m'; }),
      options: bounds,
      errors: [{ messageId: 'belowMin', path: 'spec.containers[0].resources.limits.cpu' }],
    },
  ],
});

describe('resource-range options', () => {
  it('accepts quantities', () => {
    expect(rule.validateOptions!(bounds)).toEqual([]);
  });
  it('names the key of a bad value', () => {
    expect(rule.validateOptions!({ cpu: { limitMax: 'lots' } })).toEqual([expect.stringMatching(/^cpu\.limitMax: /)]);
    expect(rule.validateOptions!({ gpu: {} })).toEqual([expect.stringMatching(/^gpu: unknown option/)]);
    expect(rule.validateOptions!({ memory: { requestMin: '2Gi', requestMax: '1Gi' } })).toEqual([expect.stringMatching(/^memory\.requestMin: greater than/)]);
    expect(rule.validateOptions!({ memory: { requestMinimum: '1Gi' } })).toEqual([expect.stringMatching(/^memory\.requestMinimum: unknown bound/)]);
  });
});
