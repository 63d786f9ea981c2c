/**
 * The cases the liveness and readiness probe checks share: long-running containers need the probe; init and
 * ephemeral containers and the pods of Jobs and CronJobs do not.
 */
import { asWorkload, pod, podSpecPathOf, WORKLOAD_WRAPPERS } from './fixtures.js';
import type { RuleTestCases } from './rule-tester.js';

export function missingProbeCases(probe: 'livenessProbe' | 'readinessProbe', label: string): RuleTestCases {
  const noProbe = pod((p) => { delete p.spec.containers[0][probe]; });
  return {
    valid: [
      pod(),
      { name: 'init containers need none', object: pod((p) => { delete p.spec.initContainers[0][probe]; }) },
      { name: 'ephemeral containers need none', object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36' }]; }) },
      { name: 'a Job runs to completion', object: asWorkload(noProbe, 'Job') },
      { name: 'a CronJob runs to completion', object: asWorkload(noProbe, 'CronJob') },
      { name: 'a pod created by a Job', object: pod((p) => { delete p.spec.containers[0][probe]; p.metadata.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'Job', name: 'migrate', controller: true }]; }) },
    ],
    invalid: [
      ...WORKLOAD_WRAPPERS.filter((kind) => kind !== 'Job' && kind !== 'CronJob').map((kind) => ({
        name: `no ${label} probe in a ${kind}`,
        object: asWorkload(noProbe, kind),
        errors: [{ messageId: 'missing', path: `${podSpecPathOf(kind)}.containers[0]` }],
      })),
      {
        name: 'a second container without one',
        object: pod((p) => { p.spec.containers.push({ name: 'sidecar', image: 'registry.example.com/proxy:1.0' }); }),
        errors: [{ messageId: 'missing', path: 'spec.containers[1]' }],
      },
      {
        name: 'a pod owned by a ReplicaSet is long-running',
        object: pod((p) => { delete p.spec.containers[0][probe]; p.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', controller: true }]; }),
        errors: [{ messageId: 'missing', path: 'spec.containers[0]' }],
      },
    ],
  };
}
