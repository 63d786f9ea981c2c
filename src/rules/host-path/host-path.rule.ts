/**
 * Any hostPath volume: the pod reads (and usually writes) the node's file system directly.
 * Restricted fields: spec.volumes[*].hostPath
 * Allowed values: unset.   Source: Pod Security Standards, Baseline (HostPath Volumes).
 * Optional: the default rule set reports the dangerous cases instead (host-path-writable, host-path-sensitive,
 * runtime-socket-mount, cloud-credential-path), so one volume does not produce a broad and a specific finding.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { hostPathVolumes } from '../../core/k8s/host-path.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'host-path',
  meta: {
    title: 'Pods must not use hostPath volumes',
    category: 'host-access',
    severity: 'medium',
    description: 'A hostPath volume ties the pod to the node\'s file system; it is the most common way out of a container onto the node.',
    remediation: 'Replace the hostPath volume with a PersistentVolumeClaim, emptyDir, ConfigMap, Secret or a CSI volume.',
    appliesTo: 'workloads',
    optional: true,
    messages: { hostPath: 'Volume "{{volume}}" mounts the host path {{hostPath}}.' },
    references: [
      { title: 'Pod Security Standards: Baseline, HostPath Volumes', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline' },
      { title: 'CIS Kubernetes Benchmark 5.2.11' },
      { title: 'Kubernetes: Volumes, hostPath', url: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath' },
      { title: 'MITRE ATT&CK T1611 Escape to Host', url: 'https://attack.mitre.org/techniques/T1611/' },
    ],
    peers: { polaris: ['hostPathSet'], kubescape: ['C-0048'], trivy: ['KSV-0023'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    return hostPathVolumes(pod.spec, pod.specPath).map((volume) => ({
      messageId: 'hostPath' as const,
      path: volume.path,
      data: { volume: volume.name, hostPath: volume.hostPath },
    }));
  },
});
