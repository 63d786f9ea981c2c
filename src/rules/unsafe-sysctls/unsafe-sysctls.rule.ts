/**
 * Sysctls outside the Kubernetes safe set change kernel parameters that are not (fully) isolated per pod, so
 * they affect the node and its other pods, or weaken the kernel.
 * Restricted fields: spec.securityContext.sysctls[*].name
 * Allowed values: the safe set of PSS v1.36: kernel.shm_rmid_forced, net.ipv4.ip_local_port_range,
 * net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range (v1.0),
 * net.ipv4.ip_local_reserved_ports (v1.27), net.ipv4.tcp_keepalive_time, tcp_fin_timeout, tcp_keepalive_intvl,
 * tcp_keepalive_probes (v1.29), net.ipv4.tcp_rmem, tcp_wmem (v1.32), plus the `allowed` option.
 * Source: Pod Security Standards, Baseline (Sysctls). Names written with slashes are normalised as the kubelet
 * does (`net/ipv4/tcp_syncookies`).
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { isObject } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

interface Options {
  /** Extra sysctls to accept (those the cluster's kubelets allow with --allowed-unsafe-sysctls). */
  allowed: string[];
}

const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem',
];

/** The kubelet accepts `a/b/c` for `a.b.c`: when a slash comes before any dot, dots and slashes swap. */
export function normaliseSysctlName(name: string): string {
  const slash = name.indexOf('/');
  const dot = name.indexOf('.');
  if (slash === -1 || (dot !== -1 && dot < slash)) return name;
  return name.replace(/[./]/g, (ch) => (ch === '/' ? '.' : '/'));
}

export default defineRule<'unsafe', Options>({
  id: 'unsafe-sysctls',
  meta: {
    title: 'Pods must set only safe sysctls',
    category: 'kernel-hardening',
    severity: 'medium',
    description: 'Sysctls outside the safe set are not isolated per pod: they change kernel behaviour for the whole node and its other pods, or weaken kernel protections.',
    remediation: 'Remove the sysctl, or set it on dedicated nodes through node configuration (and list it in the rule\'s allowed option).',
    appliesTo: 'workloads',
    messages: { unsafe: 'The pod sets the sysctl {{name}}, which is not in the safe set.' },
    references: [
      { title: 'Pod Security Standards: Baseline, Sysctls', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline' },
      { title: 'Kubernetes: Using sysctls in a Kubernetes Cluster', url: 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/' },
    ],
    peers: { kubeLinter: ['unsafe-sysctls'], kubescape: ['C-0211'], trivy: ['KSV-0026'] },
  },
  defaultOptions: { allowed: [] },
  validateOptions(options) {
    const allowed = (options as Partial<Options> | undefined)?.allowed;
    return allowed === undefined || (Array.isArray(allowed) && allowed.every((name) => typeof name === 'string'))
      ? []
      : ['allowed: expected an array of sysctl names'];
  },
  check(object, { options }) {
    const pod = podSpecOf(object);
    const sysctls = pod?.spec.securityContext?.sysctls;
    if (!pod || !Array.isArray(sysctls)) return [];
    const safe = new Set([...SAFE_SYSCTLS, ...options.allowed.map(normaliseSysctlName)]);
    return sysctls.flatMap((sysctl: unknown, index: number) => {
      const name = isObject(sysctl) ? String(sysctl.name ?? '') : '';
      return safe.has(normaliseSysctlName(name))
        ? []
        : [{ messageId: 'unsafe' as const, path: `${pod.specPath}.securityContext.sysctls[${index}].name`, data: { name } }];
    });
  },
});
