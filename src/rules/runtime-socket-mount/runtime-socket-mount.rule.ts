/**
 * A container runtime socket (Docker, containerd, CRI-O, Podman) mounted into a pod: whoever can talk to it can
 * start a privileged container on the node, so this is root on the node.
 * Reported field: spec.volumes[*].hostPath.path when it is a known socket path, a file named like a runtime
 * socket, or a directory above a known socket path (`/run/containerd`, `/var/run`); directories that
 * host-path-sensitive reports (`/`, …) are left to it.
 * Source: kube-linter docker-sock, Kubescape C-0074, Trivy KSV-0006.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { hostPathVolumes, isAbove, normaliseHostPath, SENSITIVE_HOST_PATHS } from '../../core/k8s/host-path.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

interface Options {
  /** Socket paths on the node; a hostPath of the socket or of a directory above it is reported. */
  sockets: string[];
  /** Socket file names reported wherever they are (custom runtime roots such as k3s). */
  socketNames: string[];
}

const DEFAULT_SOCKETS = [
  '/var/run/docker.sock', '/run/docker.sock',
  '/var/run/containerd/containerd.sock', '/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock', '/run/crio/crio.sock',
  '/var/run/cri-dockerd.sock', '/run/cri-dockerd.sock',
  '/run/podman/podman.sock', '/run/k3s/containerd/containerd.sock',
];
const DEFAULT_SOCKET_NAMES = ['docker.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock', 'podman.sock', 'dockershim.sock'];

function stringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '');
}

export default defineRule<'socket' | 'socketDirectory', Options>({
  id: 'runtime-socket-mount',
  meta: {
    title: 'Pods must not mount the container runtime socket',
    category: 'host-access',
    severity: 'critical',
    description: 'Access to the Docker, containerd or CRI-O socket lets a container start privileged containers on the node and read every other container: full node compromise.',
    remediation: 'Remove the hostPath volume; build images with a daemonless builder and query container metadata through the Kubernetes API instead.',
    appliesTo: 'workloads',
    messages: {
      socket: 'Volume "{{volume}}" mounts the container runtime socket {{hostPath}}.',
      socketDirectory: 'Volume "{{volume}}" mounts the host directory {{hostPath}}, which contains the container runtime socket {{socket}}.',
    },
    references: [
      { title: 'Kubernetes: Volumes, hostPath (security considerations)', url: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: pod security' },
      { title: 'MITRE ATT&CK T1610 Deploy Container', url: 'https://attack.mitre.org/techniques/T1610/' },
      { title: 'MITRE ATT&CK T1611 Escape to Host', url: 'https://attack.mitre.org/techniques/T1611/' },
    ],
    peers: { kubeLinter: ['docker-sock'], kubescape: ['C-0074'], trivy: ['KSV-0006'] },
  },
  defaultOptions: { sockets: DEFAULT_SOCKETS, socketNames: DEFAULT_SOCKET_NAMES },
  validateOptions(options) {
    const { sockets, socketNames } = (options ?? {}) as Partial<Record<keyof Options, unknown>>;
    const problems: string[] = [];
    if (sockets !== undefined && !(stringList(sockets) && (sockets as string[]).every((s) => s.startsWith('/')))) problems.push('sockets: expected an array of absolute paths');
    if (socketNames !== undefined && !stringList(socketNames)) problems.push('socketNames: expected an array of file names');
    return problems;
  },
  check(object, { options }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const volumes = hostPathVolumes(pod.spec, pod.specPath);
    if (volumes.length === 0) return [];
    const sockets = options.sockets.map(normaliseHostPath);
    const violations = [];
    for (const volume of volumes) {
      const data = { volume: volume.name, hostPath: volume.hostPath };
      const fileName = volume.normalised.slice(volume.normalised.lastIndexOf('/') + 1);
      if (sockets.includes(volume.normalised) || options.socketNames.includes(fileName)) {
        violations.push({ messageId: 'socket' as const, path: `${volume.path}.path`, data });
        continue;
      }
      if ((SENSITIVE_HOST_PATHS as readonly string[]).includes(volume.normalised)) continue;
      const socket = sockets.find((candidate) => isAbove(volume.normalised, candidate));
      if (socket) violations.push({ messageId: 'socketDirectory' as const, path: `${volume.path}.path`, data: { ...data, socket } });
    }
    return violations;
  },
});
