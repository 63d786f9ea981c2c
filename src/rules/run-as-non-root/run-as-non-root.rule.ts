/**
 * Containers must be required to run as a non-root user: runAsNonRoot: true makes the kubelet refuse to start a
 * container whose user is uid 0.
 * Restricted fields: spec.securityContext.runAsNonRoot, spec.{initContainers,containers,ephemeralContainers}[*].securityContext.runAsNonRoot
 * Allowed values: true on the pod (containers may be unset) or on every container; false anywhere it applies fails.
 * Source: Pod Security Standards, Restricted (Running as Non-root). Pods with hostUsers: false are skipped, as
 * PSA does from v1.35: root in a user namespace is not root on the node.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { containerSecurityPath, describeContainers, effectiveValuesByPath, usesUserNamespace } from '../../core/k8s/pod-traits.js';
import { effectiveSecurityFieldValue } from '../../core/k8s/security-context.js';

interface Options {
  /** Also accept an effective runAsUser > 0 in place of runAsNonRoot (Polaris does). */
  acceptNonZeroRunAsUser: boolean;
}

const isNotTrue = (value: boolean | undefined) => value !== true;

export default defineRule<'setFalse' | 'notSet', Options>({
  id: 'run-as-non-root',
  meta: {
    title: 'Containers must run as non-root',
    category: 'privilege',
    severity: 'medium',
    description: 'Without runAsNonRoot: true, a container runs as root whenever its image says so, and root in a container is root on the node for everything the kernel does not namespace.',
    remediation: 'Set securityContext.runAsNonRoot: true at pod level (and a non-zero runAsUser if the image has no numeric non-root user).',
    appliesTo: 'workloads',
    messages: {
      setFalse: '{{containers}}: runAsNonRoot is set to false.',
      notSet: '{{containers}}: runAsNonRoot is not set to true (at pod or container level).',
    },
    references: [
      { title: 'Pod Security Standards: Restricted, Running as Non-root', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted' },
      { title: 'CIS Kubernetes Benchmark 5.2.7' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: use containers built to run as non-root' },
      { title: 'MITRE ATT&CK T1611 Escape to Host', url: 'https://attack.mitre.org/techniques/T1611/' },
    ],
    peers: { polaris: ['runAsRootAllowed'], kubeLinter: ['run-as-non-root'], kubescape: ['C-0013'], trivy: ['KSV-0012'] },
  },
  defaultOptions: { acceptNonZeroRunAsUser: false },
  validateOptions(options) {
    const value = (options as Partial<Options> | undefined)?.acceptNonZeroRunAsUser;
    return value === undefined || typeof value === 'boolean' ? [] : ['acceptNonZeroRunAsUser: expected true or false'];
  },
  check(object, { options }) {
    const pod = podSpecOf(object);
    if (!pod || usesUserNamespace(pod.spec)) return [];
    const { spec, specPath } = pod;
    const violations = [];
    for (const entry of effectiveValuesByPath<boolean>(spec, specPath, containersOf(spec, specPath), 'runAsNonRoot', isNotTrue)) {
      if (entry.value === false) {
        violations.push({ messageId: 'setFalse' as const, path: entry.path, data: { containers: describeContainers(entry.containers) } });
        continue;
      }
      for (const view of entry.containers) {
        if (options.acceptNonZeroRunAsUser) {
          const runAsUser = effectiveSecurityFieldValue<number>(spec, view, 'runAsUser');
          if (typeof runAsUser === 'number' && runAsUser > 0) continue;
        }
        violations.push({ messageId: 'notSet' as const, path: containerSecurityPath(view, 'runAsNonRoot'), data: { containers: describeContainers([view]) } });
      }
    }
    return violations;
  },
});
