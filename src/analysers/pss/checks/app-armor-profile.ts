/*
On supported hosts, the 'runtime/default' AppArmor profile is applied by default. The baseline policy should
prevent overriding or disabling the default AppArmor profile, or restrict overrides to an allowed set of profiles.

**Restricted Fields:**
metadata.annotations['container.apparmor.security.beta.kubernetes.io/*']

**Allowed Values:** 'runtime/default', 'localhost/*', empty, undefined

**Restricted Fields:**
spec.securityContext.appArmorProfile.type
spec.containers[*].securityContext.appArmorProfile.type
spec.initContainers[*].securityContext.appArmorProfile.type
spec.ephemeralContainers[*].securityContext.appArmorProfile.type

**Allowed Values:** 'RuntimeDefault', 'Localhost', undefined

The field check was added in Kubernetes 1.30 as part of the 1.0 behaviour, so every policy version applies it.
*/
import {
  anyContainer,
  annotationPath, compareBytes, containerName, containerPath, containersPhrase, goQuote, isSet, joinQuote, pluralize,
  sortedUnique, stringField, visitContainers, type CheckFn, type CheckMeta,
} from '../check.js';

export const meta: CheckMeta = { id: 'appArmorProfile', level: 'baseline', ruleId: 'pss-apparmor-profile', category: 'kernel-hardening', title: 'AppArmor profile' };

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAnnotationValue(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

function allowedProfileType(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

const hasForbiddenProfile = (container: Record<string, any>) => isSet(container.securityContext?.appArmorProfile) && !allowedProfileType(container.securityContext.appArmorProfile.type);

function hasForbiddenAnnotation(annotations: unknown): boolean {
  if (annotations === null || typeof annotations !== 'object') return false;
  for (const key in annotations) {
    if (key.startsWith(ANNOTATION_PREFIX) && !allowedAnnotationValue(stringField((annotations as Record<string, unknown>)[key]))) return true;
  }
  return false;
}

export const appArmorProfile_1_0: CheckFn = (metadata, spec) => {
  const pod = spec.securityContext?.appArmorProfile;
  if ((!isSet(pod) || allowedProfileType(pod.type)) && !anyContainer(spec, hasForbiddenProfile, undefined) && !hasForbiddenAnnotation(metadata.annotations)) return undefined;
  const setters: string[] = [];
  const badTypes: string[] = [];
  const paths: string[] = [];

  const podProfile = spec.securityContext?.appArmorProfile;
  if (isSet(podProfile) && !allowedProfileType(podProfile.type)) {
    setters.push('pod');
    badTypes.push(stringField(podProfile.type));
    paths.push('spec.securityContext.appArmorProfile.type');
  }

  let badNames: string[] | undefined;
  visitContainers(spec, (container, list, index) => {
    const profile = container.securityContext?.appArmorProfile;
    if (isSet(profile) && !allowedProfileType(profile.type)) {
      (badNames ??= []).push(containerName(container));
      badTypes.push(stringField(profile.type));
      paths.push(containerPath(list, index, 'securityContext.appArmorProfile.type'));
    }
  });
  if (badNames) setters.push(containersPhrase(badNames));

  const annotations = metadata.annotations;
  const forbiddenAnnotations: string[] = [];
  if (annotations !== null && typeof annotations === 'object') {
    for (const key of Object.keys(annotations)) {
      if (!key.startsWith(ANNOTATION_PREFIX)) continue;
      const value = stringField(annotations[key]);
      if (allowedAnnotationValue(value)) continue;
      forbiddenAnnotations.push(`${key}=${goQuote(value)}`);
      paths.push(annotationPath(key));
    }
  }
  if (forbiddenAnnotations.length > 0) {
    forbiddenAnnotations.sort(compareBytes);
    setters.push(pluralize('annotation', 'annotations', forbiddenAnnotations.length));
  }

  if (setters.length === 0) return undefined;
  const values = [...sortedUnique(badTypes), ...forbiddenAnnotations];
  return {
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
    detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(values)}`,
    paths,
  };
};
