/**
 * AppArmor confinement switched off (Unconfined) for the pod or a container, through the appArmorProfile field
 * (Kubernetes 1.30+) or the older per-container annotation on the pod template.
 * Restricted fields: spec.securityContext.appArmorProfile.type, spec.{initContainers,containers,ephemeralContainers}[*].securityContext.appArmorProfile.type,
 *   metadata.annotations["container.apparmor.security.beta.kubernetes.io/*"] (of the pod template)
 * Allowed values: type RuntimeDefault, Localhost or unset; annotation "", runtime/default or localhost/*.
 * Source: Pod Security Standards, Baseline (AppArmor). With `requireProfile`, containers without any profile
 * are reported too (kubesec ApparmorAny, Trivy KSV-0002).
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { containerSecurityPath, isWindowsPod } from '../../core/k8s/pod-traits.js';
import { effectiveSecurityFieldValue } from '../../core/k8s/security-context.js';
import { joinPath } from '../../core/yaml/field-path.js';

interface Options {
  /** Also report containers that have no AppArmor profile at all (runtime default applies). */
  requireProfile: boolean;
}

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const ALLOWED_TYPES = new Set(['RuntimeDefault', 'Localhost']);

function allowedAnnotationValue(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

function forbiddenType(securityContext: unknown): string | undefined {
  const type = (securityContext as { appArmorProfile?: { type?: unknown } } | undefined)?.appArmorProfile?.type;
  return type === undefined || type === null || ALLOWED_TYPES.has(String(type)) ? undefined : String(type);
}

export default defineRule<'pod' | 'container' | 'annotation' | 'notSet', Options>({
  id: 'apparmor',
  meta: {
    title: 'Pods and containers must not disable AppArmor',
    category: 'kernel-hardening',
    severity: 'low',
    description: 'An Unconfined AppArmor profile removes the mandatory access control that limits what a compromised container can touch on nodes with AppArmor.',
    remediation: 'Remove the Unconfined setting so the runtime default applies, or set appArmorProfile.type: Localhost with a reviewed profile.',
    appliesTo: 'workloads',
    messages: {
      pod: 'The pod sets appArmorProfile.type to "{{type}}".',
      container: '{{container}} sets appArmorProfile.type to "{{type}}".',
      annotation: 'The pod template annotation {{annotation}} sets the AppArmor profile to "{{value}}".',
      notSet: '{{container}} has no AppArmor profile (neither field nor annotation).',
    },
    references: [
      { title: 'Pod Security Standards: Baseline, AppArmor', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline' },
      { title: 'Kubernetes: Restrict a Container\'s Access to Resources with AppArmor', url: 'https://kubernetes.io/docs/tutorials/security/apparmor/' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: AppArmor' },
    ],
    peers: { trivy: ['KSV-0002'] },
  },
  defaultOptions: { requireProfile: false },
  validateOptions(options) {
    const value = (options as Partial<Options> | undefined)?.requireProfile;
    return value === undefined || typeof value === 'boolean' ? [] : ['requireProfile: expected true or false'];
  },
  check(object, { options }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const { spec, specPath } = pod;
    const violations = [];
    const podType = forbiddenType(spec.securityContext);
    if (podType) violations.push({ messageId: 'pod' as const, path: `${specPath}.securityContext.appArmorProfile.type`, data: { type: podType } });
    const views = containersOf(spec, specPath);
    for (const view of views) {
      const type = forbiddenType(view.container.securityContext);
      if (type) violations.push({ messageId: 'container' as const, path: `${view.path}.securityContext.appArmorProfile.type`, data: { container: describeContainer(view), type } });
    }
    const annotations = pod.metadata.annotations ?? {};
    for (const [key, value] of Object.entries(annotations)) {
      if (!key.startsWith(ANNOTATION_PREFIX) || allowedAnnotationValue(String(value))) continue;
      violations.push({ messageId: 'annotation' as const, path: joinPath(joinPath(pod.metadataPath, 'annotations'), key), data: { annotation: key, value: String(value) } });
    }
    if (options.requireProfile && !isWindowsPod(spec)) {
      for (const view of views) {
        const profile = effectiveSecurityFieldValue<{ type?: string }>(spec, view, 'appArmorProfile');
        if (profile?.type || annotations[`${ANNOTATION_PREFIX}${view.name}`]) continue;
        violations.push({ messageId: 'notSet' as const, path: containerSecurityPath(view, 'appArmorProfile'), data: { container: describeContainer(view) } });
      }
    }
    return violations;
  },
});
