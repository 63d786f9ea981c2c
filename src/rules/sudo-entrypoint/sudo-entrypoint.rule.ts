/**
 * A container that starts its process through sudo needs sudo, a sudoers entry and usually a root-capable user in
 * the image: everything a non-root container is meant to rule out.
 * Restricted fields: <pod spec>.{initContainers,containers,ephemeralContainers}[*].command, and .args when the
 * command is a shell running a script (`sh -c …`)
 * Allowed values: no `sudo` word.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

const SUDO_WORD = /(?:^|[\s;&|(`/])sudo(?=$|\s)/;
const SHELLS = /(?:^|\/)(?:sh|bash|ash|dash|zsh|ksh)$/;

function sudoIndex(list: unknown): number {
  return Array.isArray(list) ? list.findIndex((item) => typeof item === 'string' && SUDO_WORD.test(item)) : -1;
}

export default defineRule({
  id: 'sudo-entrypoint',
  meta: {
    title: 'Containers should not start their process with sudo',
    category: 'privilege',
    severity: 'medium',
    description: 'Using sudo in the entrypoint means the image ships sudo and a sudoers rule, so any process in the container can become root.',
    remediation: 'Run the process directly as the intended user (securityContext.runAsUser) and remove sudo from the image.',
    appliesTo: 'workloads',
    messages: { sudo: '{{container}} runs sudo in its {{field}}.' },
    references: [
      { title: 'NSA/CISA Kubernetes Hardening Guide: non-root containers' },
      { title: 'MITRE ATT&CK T1548.003 Abuse Elevation Control Mechanism: Sudo and Sudo Caching', url: 'https://attack.mitre.org/techniques/T1548/003/' },
    ],
    peers: { kubescape: ['C-0062'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const violations = [];
    for (const view of containersOf(pod.spec, pod.specPath)) {
      const { command, args } = view.container;
      const data = { container: describeContainer(view) };
      const inCommand = sudoIndex(command);
      if (inCommand !== -1) {
        violations.push({ messageId: 'sudo' as const, path: `${view.path}.command[${inCommand}]`, data: { ...data, field: 'command' } });
        continue;
      }
      // Arguments are a script only when the command is a shell; otherwise "sudo" may just be data.
      const runsShell = Array.isArray(command) && typeof command[0] === 'string' && SHELLS.test(command[0]);
      const inArgs = runsShell ? sudoIndex(args) : -1;
      if (inArgs !== -1) violations.push({ messageId: 'sudo' as const, path: `${view.path}.args[${inArgs}]`, data: { ...data, field: 'shell script' } });
    }
    return violations;
  },
});
