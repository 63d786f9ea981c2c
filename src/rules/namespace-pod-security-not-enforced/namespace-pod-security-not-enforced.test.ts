import { asWorkload, pod, ruleTester } from '../../testing/index.js';
import rule from './namespace-pod-security-not-enforced.rule.js';

const namespace = (labels?: Record<string, string>, name = 'shop') => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(labels ? { labels } : {}) } });
const ENFORCE = 'pod-security.kubernetes.io/enforce';

ruleTester(rule).run({
  valid: [
    namespace({ [ENFORCE]: 'restricted' }),
    namespace({ [ENFORCE]: 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.33' }),
    { name: 'kube-system ignored by default', object: namespace(undefined, 'kube-system') },
    { name: 'a workload whose Namespace object is not in the scan is not reported', object: asWorkload(pod(), 'Deployment') },
  ],
  invalid: [
    { name: 'no labels', object: namespace(), errors: [{ messageId: 'noEnforce', path: 'metadata' }] },
    { name: 'warn and audit only', object: namespace({ 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' }), errors: [{ messageId: 'noEnforce', path: 'metadata.labels' }] },
    { name: 'privileged', object: namespace({ [ENFORCE]: 'privileged' }), errors: [{ messageId: 'privileged', path: 'metadata.labels["pod-security.kubernetes.io/enforce"]' }] },
    { name: 'typo in the level', object: namespace({ [ENFORCE]: 'restriced' }), errors: [{ messageId: 'invalidLevel', path: 'metadata.labels["pod-security.kubernetes.io/enforce"]' }] },
  ],
});
