/**
 * When a container lists the same environment variable twice, the last entry silently wins, so a reviewer reading
 * the first one sees a value that is not used.
 * Restricted fields: <pod spec>.{initContainers,containers,ephemeralContainers}[*].env[*].name
 * Allowed values: each name once per container.
 */
import { defineRule, type Violation } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'duplicate-env',
  meta: {
    title: 'Containers should not define an environment variable twice',
    category: 'hygiene',
    severity: 'low',
    description: 'Only the last of several entries with the same name takes effect, so the configuration that reviewers read is not the one that runs; it is usually a merge or templating mistake.',
    remediation: 'Remove all but one entry for each environment variable name.',
    appliesTo: 'workloads',
    messages: { duplicate: '{{container}} defines environment variable "{{name}}" again (first at env[{{first}}]); the last entry wins.' },
    references: [
      { title: 'Kubernetes: Define Environment Variables for a Container', url: 'https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/' },
    ],
    peers: { kubeScore: ['environment-variable-key-duplication'], kubeLinter: ['duplicate-env-var'], kubescape: ['C-0295'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const violations: Violation<'duplicate'>[] = [];
    for (const view of containersOf(pod.spec, pod.specPath)) {
      const firstIndex = new Map<string, number>();
      (Array.isArray(view.container.env) ? view.container.env : []).forEach((entry: any, index: number) => {
        const name = entry?.name;
        if (typeof name !== 'string') return;
        const first = firstIndex.get(name);
        if (first === undefined) firstIndex.set(name, index);
        else violations.push({ messageId: 'duplicate' as const, path: `${view.path}.env[${index}].name`, data: { container: describeContainer(view), name, first } });
      });
    }
    return violations;
  },
});
