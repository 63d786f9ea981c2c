/**
 * Pods that could run in their own user namespace but do not: root inside the container is then root on
 * the node for every kernel check that is not namespaced.
 * Reported field: spec.hostUsers (unset or true).   Wanted value: false.   Source: kubesec HostUsers.
 * Linux only; pods that use a host namespace are left out because Kubernetes rejects hostUsers: false there.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { isWindowsPod } from '../../core/k8s/pod-traits.js';

export default defineRule({
  id: 'host-users',
  meta: {
    title: 'Pods should run in a user namespace',
    category: 'host-access',
    severity: 'info',
    description: 'Without a user namespace, uid 0 in a container is uid 0 on the node; a container escape then lands as root.',
    remediation: 'Set spec.hostUsers: false on clusters with user namespace support (Kubernetes 1.33+ with a supporting runtime).',
    appliesTo: 'workloads',
    optional: true,
    messages: {
      notSet: 'The pod shares the host user namespace (hostUsers is not set to false).',
      hostUsers: 'The pod shares the host user namespace (hostUsers: true).',
    },
    references: [
      { title: 'Kubernetes: User Namespaces', url: 'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/' },
      { title: 'Pod Security Standards v1.35: hostUsers: false relaxes runAsNonRoot, runAsUser and baseline procMount' },
      { title: 'MITRE ATT&CK T1611 Escape to Host', url: 'https://attack.mitre.org/techniques/T1611/' },
    ],
    peers: {},
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod || isWindowsPod(pod.spec)) return [];
    const { spec, specPath } = pod;
    if (spec.hostUsers === false) return [];
    if (spec.hostNetwork === true || spec.hostPID === true || spec.hostIPC === true) return [];
    if (spec.hostUsers === true) return [{ messageId: 'hostUsers', path: `${specPath}.hostUsers` }];
    return [{ messageId: 'notSet', path: specPath }];
  },
});
