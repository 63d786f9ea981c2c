/**
 * The cases every "container has no CPU/memory request/limit" check must pass, built for one resource and bound:
 * the four checks judge the same defaulting (a limit copied into a missing request, LimitRange defaults of the
 * namespace), so they share one list instead of four copies that drift apart.
 */
import type { ResourceBound } from '../core/k8s/resources.js';
import { asWorkload, pod, podSpecPathOf, WORKLOAD_WRAPPERS } from './fixtures.js';
import type { RuleTestCases } from './rule-tester.js';

/** A quantity of each resource the cases use, and a larger one for a LimitRange `max`. */
const SAMPLES = { cpu: { value: '250m', max: '2' }, memory: { value: '256Mi', max: '1Gi' } } as const;

export function missingResourceCases(resource: 'cpu' | 'memory', bound: ResourceBound): RuleTestCases {
  const sample = SAMPLES[resource];
  // A request is also satisfied by the limit, so a missing request means neither is set.
  const unset = (resources: Record<string, Record<string, unknown>>) => {
    delete resources.limits[resource];
    if (bound === 'requests') delete resources.requests[resource];
  };
  const missing = pod((p) => unset(p.spec.containers[0].resources));
  const limitRange = (namespace: string, type: string) => ({
    apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace },
    spec: { limits: [{ type, [bound === 'requests' ? 'defaultRequest' : 'default']: { [resource]: sample.value } }] },
  });
  const path = (containers: string) => `${containers}.resources.${bound}`;
  return {
    valid: [
      pod(),
      ...(bound === 'requests' ? [{ name: 'a limit without a request: the API copies it', object: pod((p) => { delete p.spec.containers[0].resources.requests[resource]; }) }] : []),
      { name: 'a LimitRange of the namespace fills it in', object: missing, objects: [limitRange('shop', 'Container')] },
      { name: 'a LimitRange max becomes the default', object: missing, objects: [{ ...limitRange('shop', 'Container'), spec: { limits: [{ type: 'Container', max: { [resource]: sample.max } }] } }] },
      { name: 'ephemeral containers are out of scope', object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36' }]; }) },
    ],
    invalid: [
      ...WORKLOAD_WRAPPERS.map((kind) => ({
        name: `app container without it in a ${kind}`,
        object: asWorkload(missing, kind),
        errors: [{ messageId: 'missing', path: path(`${podSpecPathOf(kind)}.containers[0]`) }],
      })),
      {
        name: 'init container without it',
        object: pod((p) => unset(p.spec.initContainers[0].resources)),
        errors: [{ messageId: 'missing', path: path('spec.initContainers[0]') }],
      },
      {
        name: 'no resources at all',
        object: pod((p) => { delete p.spec.containers[0].resources; }),
        errors: [{ messageId: 'missing', path: 'spec.containers[0]' }],
      },
      {
        name: 'an empty value',
        object: pod((p) => { const resources = p.spec.containers[0].resources; unset(resources); resources[bound][resource] = ''; }),
        errors: [{ messageId: 'missing', path: path('spec.containers[0]') }],
      },
      {
        name: 'a LimitRange of another namespace does not count',
        object: missing,
        objects: [limitRange('other', 'Container')],
        errors: [{ messageId: 'missing' }],
      },
      {
        name: 'a LimitRange for PersistentVolumeClaims does not count',
        object: missing,
        objects: [limitRange('shop', 'PersistentVolumeClaim')],
        errors: [{ messageId: 'missing' }],
      },
    ],
  };
}
