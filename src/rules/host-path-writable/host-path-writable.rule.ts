/**
 * A container that mounts a hostPath volume without readOnly can change the node's files: plant binaries,
 * cron jobs or kubelet configuration and so take over the node.
 * Reported fields: spec.{initContainers,containers,ephemeralContainers}[*].volumeMounts[*] of hostPath volumes
 * Wanted value: readOnly: true.   Source: kube-linter writable-host-mount, Kubescape C-0045.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { describeContainer } from '../../core/k8s/containers.js';
import { hostPathVolumes, mountsOfVolume } from '../../core/k8s/host-path.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'host-path-writable',
  meta: {
    title: 'Host paths must be mounted read-only',
    category: 'host-access',
    severity: 'high',
    description: 'A writable hostPath mount lets the container modify the node\'s file system, which is enough to take over the node.',
    remediation: 'Set readOnly: true on every volumeMount of a hostPath volume, or replace the volume.',
    appliesTo: 'workloads',
    messages: { writable: '{{container}} mounts the host path {{hostPath}} (volume "{{volume}}") writable at {{mountPath}}.' },
    references: [
      { title: 'Kubernetes: Volumes, hostPath (security considerations)', url: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: pod security' },
      { title: 'MITRE ATT&CK T1611 Escape to Host', url: 'https://attack.mitre.org/techniques/T1611/' },
    ],
    peers: { kubeLinter: ['writable-host-mount'], kubescape: ['C-0045'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    return hostPathVolumes(pod.spec, pod.specPath).flatMap((volume) =>
      mountsOfVolume(pod.spec, pod.specPath, volume.name)
        .filter(({ mount }) => mount.readOnly !== true)
        .map(({ view, mount, path }) => ({
          messageId: 'writable' as const,
          path: mount.readOnly === undefined ? path : `${path}.readOnly`,
          data: { container: describeContainer(view), hostPath: volume.hostPath, volume: volume.name, mountPath: String(mount.mountPath ?? '?') },
        })),
    );
  },
});
