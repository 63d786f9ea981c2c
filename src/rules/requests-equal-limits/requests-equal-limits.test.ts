import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './requests-equal-limits.rule.js';

const equalCpu = (p: Record<string, any>) => {
  for (const c of [p.spec.initContainers[0], p.spec.containers[0]]) c.resources.limits.cpu = c.resources.requests.cpu;
};
const memoryBelowLimit = pod((p) => { equalCpu(p); p.spec.containers[0].resources.requests.memory = '64Mi'; });

ruleTester(rule).run({
  valid: [
    { name: 'all requests equal limits', object: pod(equalCpu) },
    { name: 'equal in different notation', object: pod((p) => { equalCpu(p); p.spec.containers[0].resources.limits.cpu = '0.1'; p.spec.containers[0].resources.requests.memory = '134217728'; }) },
    { name: 'a request without a limit is left to other rules', object: pod((p) => { equalCpu(p); delete p.spec.containers[0].resources.limits.cpu; }) },
    { name: 'ephemeral containers are out of scope', object: pod((p) => { equalCpu(p); p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36', resources: { requests: { cpu: '1m' }, limits: { cpu: '1' } } }]; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `memory request below its limit in a ${kind}`,
      object: asWorkload(memoryBelowLimit, kind),
      errors: [{ messageId: 'differs', path: `${podSpecPathOf(kind)}.containers[0].resources.requests.memory` }],
    })),
    {
      name: 'the minimal pod bursts CPU in both containers',
      object: pod(),
      errors: [{ messageId: 'differs', path: 'spec.initContainers[0].resources.requests.cpu' }, { messageId: 'differs', path: 'spec.containers[0].resources.requests.cpu' }],
    },
  ],
});
