/**
 * NET_RAW is in the default capability set of many runtimes; a container that does not drop it can open raw
 * sockets without asking for anything.
 * Reported field: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.drop
 * Wanted value: contains NET_RAW or ALL.   Source: kube-linter drop-net-raw-capability, CIS 5.2.8.
 * Optional: cap-drop-all (default on) reports every container this rule reports, at the same field.
 * Re-adding NET_RAW is cap-net-raw-added's finding. Windows pods are skipped.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { dropsCapability } from '../../core/k8s/capabilities.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { containerSecurityPath, isWindowsPod } from '../../core/k8s/pod-traits.js';

const ALL_OR_NET_RAW: ReadonlySet<string> = new Set(['ALL', 'NET_RAW']);

export default defineRule({
  id: 'cap-drop-net-raw',
  meta: {
    title: 'Containers should drop CAP_NET_RAW',
    category: 'privilege',
    severity: 'medium',
    description: 'NET_RAW is granted by default on many runtimes and allows packet spoofing and sniffing on the pod network; dropping it costs nothing for most applications.',
    remediation: 'Add NET_RAW (or ALL) to securityContext.capabilities.drop.',
    appliesTo: 'workloads',
    optional: true,
    messages: { notDropped: '{{container}} does not drop NET_RAW (or ALL).' },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.2.8' },
      { title: 'Linux capabilities(7): CAP_NET_RAW', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
      { title: 'MITRE ATT&CK T1557 Adversary-in-the-Middle', url: 'https://attack.mitre.org/techniques/T1557/' },
    ],
    peers: { kubeLinter: ['drop-net-raw-capability'], kubescape: ['C-0211', 'C-0199'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod || isWindowsPod(pod.spec)) return [];
    return containersOf(pod.spec, pod.specPath)
      .filter((view) => !dropsCapability(view, ALL_OR_NET_RAW))
      .map((view) => ({ messageId: 'notDropped' as const, path: containerSecurityPath(view, 'capabilities', 'drop'), data: { container: describeContainer(view) } }));
  },
});
