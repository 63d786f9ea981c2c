/**
 * Secrets exposed as environment variables leak more easily than mounted files: into crash dumps, debug
 * endpoints, child processes and `kubectl describe`-style tooling.
 * Restricted fields: <pod spec>.{initContainers,containers,ephemeralContainers}[*].env[*].valueFrom.secretKeyRef,
 *   ….envFrom[*].secretRef
 * Allowed values: unset (mount the Secret as a volume instead).
 */
import { defineRule, type Violation } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { isObject } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'secret-in-env',
  meta: {
    title: 'Secrets should be mounted as files, not exposed as environment variables',
    category: 'secrets',
    severity: 'low',
    description: 'Environment variables are inherited by every child process and end up in logs, crash reports and debug output, so a Secret read into one is exposed far more widely than a mounted file.',
    remediation: 'Mount the Secret as a volume and let the application read the file.',
    appliesTo: 'workloads',
    messages: {
      secretKeyRef: '{{container}} reads key "{{key}}" of Secret "{{secret}}" into environment variable "{{name}}".',
      secretRef: '{{container}} loads every key of Secret "{{secret}}" as environment variables.',
    },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.4.1: Prefer using Secrets as files over Secrets as environment variables' },
      { title: 'Kubernetes: Good practices for Kubernetes Secrets', url: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/' },
      { title: 'MITRE ATT&CK T1552.007 Unsecured Credentials: Container API', url: 'https://attack.mitre.org/techniques/T1552/007/' },
    ],
    peers: { kubeLinter: ['read-secret-from-env-var'], kubescape: ['C-0207'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const violations: Violation<'secretKeyRef' | 'secretRef'>[] = [];
    for (const view of containersOf(pod.spec, pod.specPath)) {
      (Array.isArray(view.container.env) ? view.container.env : []).forEach((entry: any, index: number) => {
        const ref = entry?.valueFrom?.secretKeyRef;
        if (!isObject(ref)) return;
        violations.push({
          messageId: 'secretKeyRef' as const,
          path: `${view.path}.env[${index}].valueFrom.secretKeyRef`,
          data: { container: describeContainer(view), name: String(entry.name), key: String(ref.key), secret: String(ref.name) },
        });
      });
      (Array.isArray(view.container.envFrom) ? view.container.envFrom : []).forEach((entry: any, index: number) => {
        const ref = entry?.secretRef;
        if (!isObject(ref)) return;
        violations.push({ messageId: 'secretRef' as const, path: `${view.path}.envFrom[${index}].secretRef`, data: { container: describeContainer(view), secret: String(ref.name) } });
      });
    }
    return violations;
  },
});
