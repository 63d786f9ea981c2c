/**
 * hostPath volumes that expose cloud provider credentials kept on the node (AWS, Google Cloud, Azure): with
 * them a container acts as the node's cloud identity, outside Kubernetes.
 * Reported field: spec.volumes[*].hostPath.path when it is a credential path, lies below one, or is a directory
 * above one; directories that host-path-sensitive reports (`/`, `/etc`, …) are left to it.
 * Source: Kubescape C-0020 (its EKS/GKE/AKS path lists, widened to home directories).
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { hostPathVolumes, isAbove, isSameOrBelow, SENSITIVE_HOST_PATHS } from '../../core/k8s/host-path.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

interface Options {
  /** Credential files or directories on the node; a `*` segment matches any one directory (`/home/*`). */
  paths: string[];
}

const DEFAULT_PATHS = [
  '/root/.aws', '/home/*/.aws', '/.aws',
  '/root/.config/gcloud', '/home/*/.config/gcloud', '/.config/gcloud', '/gcloud',
  '/root/.azure', '/home/*/.azure', '/.azure', '/etc/kubernetes/azure.json',
];

export default defineRule<'credentials' | 'credentialsBelow', Options>({
  id: 'cloud-credential-path',
  meta: {
    title: 'Pods must not mount cloud credential files from the node',
    category: 'host-access',
    severity: 'medium',
    description: 'Cloud credentials on the node (AWS, Google Cloud, Azure configuration files) give a container the node\'s cloud identity, which often reaches far beyond the cluster.',
    remediation: 'Remove the hostPath volume and give the workload its own cloud identity (IRSA / EKS Pod Identity, GKE Workload Identity, Azure Workload Identity).',
    appliesTo: 'workloads',
    messages: {
      credentials: 'Volume "{{volume}}" mounts the host path {{hostPath}}, which holds cloud credentials.',
      credentialsBelow: 'Volume "{{volume}}" mounts the host directory {{hostPath}}, which contains cloud credentials ({{credentials}}).',
    },
    references: [
      { title: 'Kubescape C-0020: Mount service principal' },
      { title: 'MITRE ATT&CK T1552.001 Unsecured Credentials: Credentials In Files', url: 'https://attack.mitre.org/techniques/T1552/001/' },
      { title: 'MITRE ATT&CK T1078.004 Valid Accounts: Cloud Accounts', url: 'https://attack.mitre.org/techniques/T1078/004/' },
    ],
    peers: { kubescape: ['C-0020'] },
  },
  defaultOptions: { paths: DEFAULT_PATHS },
  validateOptions(options) {
    const paths = (options as Partial<Options> | undefined)?.paths;
    if (paths === undefined) return [];
    return Array.isArray(paths) && paths.every((p) => typeof p === 'string' && p.startsWith('/'))
      ? []
      : ['paths: expected an array of absolute paths (strings starting with "/")'];
  },
  check(object, { options }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const violations = [];
    for (const volume of hostPathVolumes(pod.spec, pod.specPath)) {
      const data = { volume: volume.name, hostPath: volume.hostPath };
      if (options.paths.some((entry) => isSameOrBelow(volume.normalised, entry))) {
        violations.push({ messageId: 'credentials' as const, path: `${volume.path}.path`, data });
        continue;
      }
      if ((SENSITIVE_HOST_PATHS as readonly string[]).includes(volume.normalised)) continue;
      const below = options.paths.filter((entry) => isAbove(volume.normalised, entry));
      if (below.length > 0) violations.push({ messageId: 'credentialsBelow' as const, path: `${volume.path}.path`, data: { ...data, credentials: below.join(', ') } });
    }
    return violations;
  },
});
