/**
 * A credential written as a literal env value sits in plain text in Git, in the API server's etcd (unencrypted,
 * unlike Secrets with encryption at rest) and in every `kubectl get -o yaml`.
 * Restricted fields: <pod spec>.{initContainers,containers,ephemeralContainers}[*].env[*].value
 * Allowed values: no well-known credential format; and no literal value for a variable whose name says it holds a
 * credential (paths, URLs without passwords, numbers, booleans and `$(VAR)` references are not credentials).
 * Messages name the variable, never the value.
 */
import { defineRule, type Violation } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { credentialKind, isLiteralSecretValue, isSensitiveName } from '../../core/k8s/sensitive.js';

export default defineRule({
  id: 'credential-in-env',
  meta: {
    title: 'Credentials must not be written as literal environment values',
    category: 'secrets',
    severity: 'high',
    description: 'A password, token or key written into the manifest is readable by everyone who can read the manifest, its Git history or the workload object, and cannot be rotated without a redeploy.',
    remediation: 'Move the value into a Secret (or an external secret store) and mount it; rotate the exposed credential.',
    appliesTo: 'workloads',
    messages: {
      credentialValue: '{{container}} sets environment variable "{{name}}" to a literal value that looks like {{kind}}.',
      sensitiveName: '{{container}} sets environment variable "{{name}}", whose name suggests a credential, to a literal value.',
    },
    references: [
      { title: 'Kubernetes: Good practices for Kubernetes Secrets', url: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/' },
      { title: 'MITRE ATT&CK T1552.001 Unsecured Credentials: Credentials In Files', url: 'https://attack.mitre.org/techniques/T1552/001/' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: secrets' },
    ],
    peers: { polaris: ['sensitiveContainerEnvVar'], kubeLinter: ['env-var-secret'], kubescape: ['C-0012', 'C-0259'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const violations: Violation<'credentialValue' | 'sensitiveName'>[] = [];
    for (const view of containersOf(pod.spec, pod.specPath)) {
      (Array.isArray(view.container.env) ? view.container.env : []).forEach((entry: any, index: number) => {
        const name = entry?.name;
        const value = entry?.value;
        if (typeof name !== 'string' || typeof value !== 'string') return;
        const kind = credentialKind(value);
        if (kind) {
          violations.push({ messageId: 'credentialValue' as const, path: `${view.path}.env[${index}].value`, data: { container: describeContainer(view), name, kind } });
        } else if (isSensitiveName(name) && isLiteralSecretValue(value)) {
          violations.push({ messageId: 'sensitiveName' as const, path: `${view.path}.env[${index}].value`, data: { container: describeContainer(view), name } });
        }
      });
    }
    return violations;
  },
});
