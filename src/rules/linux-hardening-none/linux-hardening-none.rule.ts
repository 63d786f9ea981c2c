/**
 * Containers with no Linux hardening at all: no confining seccomp profile, no SELinux options, no AppArmor
 * profile and no dropped capabilities.
 * Reported: containers (all three lists) for which none of these is configured, at container or pod level.
 * Source: Polaris linuxHardening, Kubescape C-0055. Optional: seccomp-missing (default on) reports every
 * container this rule reports; enable this rule to accept any one hardening mechanism instead of seccomp.
 * Windows pods are skipped.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { dropsAnyCapability } from '../../core/k8s/capabilities.js';
import { containersOf, describeContainer, type ContainerView } from '../../core/k8s/containers.js';
import { isObject } from '../../core/k8s/object.js';
import { podSpecOf, type PodTemplateView } from '../../core/k8s/pod-spec.js';
import { isWindowsPod } from '../../core/k8s/pod-traits.js';
import { effectiveSecurityFieldValue } from '../../core/k8s/security-context.js';

const CONFINING_TYPES = new Set(['RuntimeDefault', 'Localhost']);

function isHardened(pod: PodTemplateView, view: ContainerView): boolean {
  const seccomp = effectiveSecurityFieldValue<{ type?: string }>(pod.spec, view, 'seccompProfile');
  const appArmor = effectiveSecurityFieldValue<{ type?: string }>(pod.spec, view, 'appArmorProfile');
  const seLinux = effectiveSecurityFieldValue<Record<string, unknown>>(pod.spec, view, 'seLinuxOptions');
  const appArmorAnnotation = pod.metadata.annotations?.[`container.apparmor.security.beta.kubernetes.io/${view.name}`];
  return CONFINING_TYPES.has(String(seccomp?.type))
    || CONFINING_TYPES.has(String(appArmor?.type))
    || (typeof appArmorAnnotation === 'string' && appArmorAnnotation !== 'unconfined')
    || (isObject(seLinux) && Object.values(seLinux).some((value) => value !== undefined && value !== null && value !== ''))
    || dropsAnyCapability(view);
}

export default defineRule({
  id: 'linux-hardening-none',
  meta: {
    title: 'Containers should use at least one Linux hardening mechanism',
    category: 'kernel-hardening',
    severity: 'medium',
    description: 'A container without seccomp, AppArmor, SELinux options or dropped capabilities relies only on namespaces; any kernel or runtime weakness is directly reachable.',
    remediation: 'Set seccompProfile.type: RuntimeDefault at pod level and capabilities.drop: ["ALL"] on each container.',
    appliesTo: 'workloads',
    optional: true,
    messages: { none: '{{container}} uses no Linux hardening: no seccomp profile, AppArmor profile, SELinux options or dropped capabilities.' },
    references: [
      { title: 'NSA/CISA Kubernetes Hardening Guide: use Linux security modules (seccomp, AppArmor, SELinux)' },
      { title: 'Kubernetes: Linux kernel security constraints for Pods and containers', url: 'https://kubernetes.io/docs/concepts/security/linux-kernel-security-constraints/' },
    ],
    peers: { polaris: ['linuxHardening'], kubescape: ['C-0055'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod || isWindowsPod(pod.spec)) return [];
    return containersOf(pod.spec, pod.specPath)
      .filter((view) => !isHardened(pod, view))
      .map((view) => ({ messageId: 'none' as const, path: view.path, data: { container: describeContainer(view) } }));
  },
});
