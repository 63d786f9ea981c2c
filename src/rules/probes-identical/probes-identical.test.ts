import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './probes-identical.rule.js';

const probe = () => ({ httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 });
const identical = pod((p) => { p.spec.containers[0].livenessProbe = probe(); p.spec.containers[0].readinessProbe = probe(); });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'same endpoint, different thresholds', object: pod((p) => { p.spec.containers[0].livenessProbe = { ...probe(), failureThreshold: 6 }; p.spec.containers[0].readinessProbe = probe(); }) },
    { name: 'only a readiness probe', object: pod((p) => { delete p.spec.containers[0].livenessProbe; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `identical probes in a ${kind}`,
      object: asWorkload(identical, kind),
      errors: [{ messageId: 'identical', path: `${podSpecPathOf(kind)}.containers[0].livenessProbe` }],
    })),
    {
      name: 'key order does not matter',
      object: pod((p) => { p.spec.containers[0].livenessProbe = { periodSeconds: 10, httpGet: { port: 'http', path: '/healthz' } }; p.spec.containers[0].readinessProbe = probe(); }),
      errors: [{ messageId: 'identical' }],
    },
  ],
});
