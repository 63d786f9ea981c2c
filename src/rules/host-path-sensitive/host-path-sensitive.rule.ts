/**
 * hostPath volumes of the node's system directories: the root, /etc, /proc, /sys, /dev, … Even read-only they
 * leak node credentials and kernel interfaces; writable they hand over the node.
 * Reported field: spec.volumes[*].hostPath.path, matched exactly after normalisation (`/etc/` is `/etc`).
 * Source: kube-linter sensitive-host-mounts, Trivy KSV-0121 (adds /var/lib/docker).
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { hostPathVolumes, isSameOrBelow, normaliseHostPath, SENSITIVE_HOST_PATHS } from '../../core/k8s/host-path.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

interface Options {
  /** Host paths to report. Exact match; an entry ending in `/**` also matches everything below it. */
  paths: string[];
}

function matches(hostPath: string, entry: string): boolean {
  if (entry.endsWith('/**')) return isSameOrBelow(hostPath, entry.slice(0, -3) || '/');
  return normaliseHostPath(hostPath) === normaliseHostPath(entry);
}

export default defineRule<'sensitive', Options>({
  id: 'host-path-sensitive',
  meta: {
    title: 'Pods must not mount sensitive host directories',
    category: 'host-access',
    severity: 'high',
    description: 'Mounting the node\'s root, /etc, /proc, /sys, /dev or similar directories exposes node credentials and kernel interfaces and usually allows escaping to the node.',
    remediation: 'Remove the hostPath volume, or mount only the specific file or subdirectory the workload needs, read-only.',
    appliesTo: 'workloads',
    messages: { sensitive: 'Volume "{{volume}}" mounts the sensitive host path {{hostPath}}.' },
    references: [
      { title: 'Kubernetes: Volumes, hostPath (security considerations)', url: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath' },
      { title: 'CIS Kubernetes Benchmark 5.2.11' },
      { title: 'MITRE ATT&CK T1611 Escape to Host', url: 'https://attack.mitre.org/techniques/T1611/' },
    ],
    peers: { kubeLinter: ['sensitive-host-mounts'], trivy: ['KSV-0121'] },
  },
  defaultOptions: { paths: [...SENSITIVE_HOST_PATHS] },
  validateOptions(options) {
    const paths = (options as Partial<Options> | undefined)?.paths;
    if (paths === undefined) return [];
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string' && p.startsWith('/'))) {
      return ['paths: expected an array of absolute paths (strings starting with "/")'];
    }
    return [];
  },
  check(object, { options }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    return hostPathVolumes(pod.spec, pod.specPath)
      .filter((volume) => options.paths.some((entry) => matches(volume.hostPath, entry)))
      .map((volume) => ({ messageId: 'sensitive' as const, path: `${volume.path}.path`, data: { volume: volume.name, hostPath: volume.hostPath } }));
  },
});
