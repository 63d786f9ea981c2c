/**
 * Volume types outside the Pod Security Standards restricted set: node-local or network storage that bypasses
 * PersistentVolume access control and usually needs node-level privileges to mount.
 * Restricted fields: spec.volumes[*]
 * Allowed values: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected,
 * secret; a volume without a source is allowed, because the API server defaults it to emptyDir.
 * Source: Pod Security Standards, Restricted (Volume Types).
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { isObject } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

const ALLOWED_TYPES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret']);

export default defineRule({
  id: 'volume-types',
  meta: {
    title: 'Pods should use only restricted volume types',
    category: 'host-access',
    severity: 'low',
    description: 'Inline hostPath, NFS, iSCSI, Ceph and similar volumes bypass PersistentVolume access control and are mounted with node-level privileges.',
    remediation: 'Use a PersistentVolumeClaim (backed by a PersistentVolume or CSI driver) or one of configMap, secret, emptyDir, projected, downwardAPI, csi, ephemeral, image.',
    appliesTo: 'workloads',
    optional: true,
    messages: { restricted: 'Volume "{{volume}}" uses the restricted volume type {{type}}.' },
    references: [
      { title: 'Pod Security Standards: Restricted, Volume Types', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted' },
      { title: 'Kubernetes: Volumes', url: 'https://kubernetes.io/docs/concepts/storage/volumes/' },
    ],
    peers: { trivy: ['KSV-0028'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod || !Array.isArray(pod.spec.volumes)) return [];
    return pod.spec.volumes.flatMap((volume: unknown, index: number) => {
      if (!isObject(volume)) return [];
      return Object.keys(volume)
        .filter((key) => key !== 'name' && !ALLOWED_TYPES.has(key))
        .map((type) => ({
          messageId: 'restricted' as const,
          path: `${pod.specPath}.volumes[${index}].${type}`,
          data: { volume: String(volume.name ?? `#${index}`), type },
        }));
    });
  },
});
