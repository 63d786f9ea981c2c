/*
If seccomp profiles are specified, only runtime default and localhost profiles are allowed.

v1.0 - v1.18:
**Restricted Fields:**
metadata.annotations['seccomp.security.alpha.kubernetes.io/pod']
metadata.annotations['container.seccomp.security.alpha.kubernetes.io/*']

**Allowed Values:** 'runtime/default', 'docker/default', 'localhost/*', undefined

v1.19+:
**Restricted Fields:**
spec.securityContext.seccompProfile.type
spec.containers[*].securityContext.seccompProfile.type
spec.initContainers[*].securityContext.seccompProfile.type
spec.ephemeralContainers[*].securityContext.seccompProfile.type

**Allowed Values:** 'RuntimeDefault', 'Localhost', undefined
*/
import {
  anyContainer,
  annotationPath, containerName, containerPath, containersPhrase, goQuote, isSet, joinQuote, pluralize, sortedUnique,
  stringField, visitContainers, type CheckFn, type CheckMeta,
} from '../check.js';

export const meta: CheckMeta = { id: 'seccompProfile_baseline', level: 'baseline', ruleId: 'pss-seccomp-profile-baseline', category: 'kernel-hardening', title: 'Seccomp profile' };

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

function validAnnotationValue(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

/** Also used by seccompProfile_restricted. */
export function validSeccompType(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

export const seccompProfileBaseline_1_0: CheckFn = (metadata, spec) => {
  const annotations = metadata.annotations;
  if (annotations === null || typeof annotations !== 'object') return undefined;
  const forbidden: string[] = [];
  const paths: string[] = [];
  const inspect = (key: string) => {
    if (!Object.hasOwn(annotations, key)) return;
    const value = stringField(annotations[key]);
    if (validAnnotationValue(value)) return;
    forbidden.push(`${key}=${goQuote(value)}`);
    paths.push(annotationPath(key));
  };
  inspect(POD_ANNOTATION);
  visitContainers(spec, (container) => inspect(CONTAINER_ANNOTATION_PREFIX + containerName(container)));
  if (forbidden.length === 0) return undefined;
  const unique = sortedUnique(forbidden);
  return { reason: 'seccompProfile', detail: `forbidden ${pluralize('annotation', 'annotations', unique.length)} ${unique.join(', ')}`, paths: [...new Set(paths)] };
};

const explicitlyInvalid = (container: Record<string, any>) => isSet(container.securityContext?.seccompProfile) && !validSeccompType(container.securityContext.seccompProfile.type);

export const seccompProfileBaseline_1_19: CheckFn = (_metadata, spec) => {
  const pod = spec.securityContext?.seccompProfile;
  if ((!isSet(pod) || validSeccompType(pod.type)) && !anyContainer(spec, explicitlyInvalid, undefined)) return undefined;
  const setters: string[] = [];
  const badTypes: string[] = [];
  const paths: string[] = [];
  const podProfile = spec.securityContext?.seccompProfile;
  if (isSet(podProfile) && !validSeccompType(podProfile.type)) {
    setters.push('pod');
    badTypes.push(stringField(podProfile.type));
    paths.push('spec.securityContext.seccompProfile.type');
  }
  let badNames: string[] | undefined;
  visitContainers(spec, (container, list, index) => {
    const profile = container.securityContext?.seccompProfile;
    if (isSet(profile) && !validSeccompType(profile.type)) {
      (badNames ??= []).push(containerName(container));
      badTypes.push(stringField(profile.type));
      paths.push(containerPath(list, index, 'securityContext.seccompProfile.type'));
    }
  });
  if (badNames) setters.push(containersPhrase(badNames));
  if (setters.length === 0) return undefined;
  return { reason: 'seccompProfile', detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedUnique(badTypes))}`, paths };
};
