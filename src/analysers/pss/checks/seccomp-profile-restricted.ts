/*
Seccomp profiles must be specified, and only runtime default and localhost profiles are allowed.

v1.19+:
**Restricted Fields:**
spec.securityContext.seccompProfile.type
spec.containers[*].securityContext.seccompProfile.type
spec.initContainers[*].securityContext.seccompProfile.type
spec.ephemeralContainers[*].securityContext.seccompProfile.type

**Allowed Values:** 'RuntimeDefault', 'Localhost'
Note: container-level fields may be undefined if pod-level field is specified.

Overrides seccompProfile_baseline (the annotations are no longer read). Since v1.25 Windows pods are exempt.
*/
import { anyContainer, containerName, containerPath, containersPhrase, isSet, isWindowsPod, joinQuote, sortedUnique, stringField, visitContainers, type CheckFn, type CheckMeta } from '../check.js';
import { validSeccompType } from './seccomp-profile-baseline.js';

export const meta: CheckMeta = { id: 'seccompProfile_restricted', level: 'restricted', ruleId: 'pss-seccomp-profile-restricted', category: 'kernel-hardening', title: 'Seccomp profile (restricted)' };

/** Set to a bad type, or unset without a valid pod-level profile to inherit. */
const lacksValidProfile = (container: Record<string, any>, podValid: boolean) => {
  const profile = container.securityContext?.seccompProfile;
  return isSet(profile) ? !validSeccompType(profile.type) : !podValid;
};

export const seccompProfileRestricted_1_19: CheckFn = (_metadata, spec) => {
  const pod = spec.securityContext?.seccompProfile;
  const podValid = isSet(pod) && validSeccompType(pod.type);
  if ((!isSet(pod) || podValid) && !anyContainer(spec, lacksValidProfile, podValid)) return undefined;
  const setters: string[] = [];
  const badTypes: string[] = [];
  const paths: string[] = [];
  let podSeccompSet = false;
  const podProfile = spec.securityContext?.seccompProfile;
  if (isSet(podProfile)) {
    if (!validSeccompType(podProfile.type)) {
      setters.push('pod');
      badTypes.push(stringField(podProfile.type));
      paths.push('spec.securityContext.seccompProfile.type');
    } else podSeccompSet = true;
  }
  let explicitlyBad: string[] | undefined;
  let implicitlyBad: string[] | undefined;
  const implicitPaths: string[] = [];
  visitContainers(spec, (container, list, index) => {
    const profile = container.securityContext?.seccompProfile;
    if (isSet(profile)) {
      if (!validSeccompType(profile.type)) {
        (explicitlyBad ??= []).push(containerName(container));
        badTypes.push(stringField(profile.type));
        paths.push(containerPath(list, index, 'securityContext.seccompProfile.type'));
      }
    } else if (!podSeccompSet) {
      (implicitlyBad ??= []).push(containerName(container));
      implicitPaths.push(containerPath(list, index, 'securityContext.seccompProfile.type'));
    }
  });
  if (explicitlyBad) setters.push(containersPhrase(explicitlyBad));
  if (setters.length > 0) {
    return { reason: 'seccompProfile', detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedUnique(badTypes))}`, paths };
  }
  if (implicitlyBad) {
    return {
      reason: 'seccompProfile',
      detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      paths: ['spec.securityContext.seccompProfile.type', ...implicitPaths],
    };
  }
  return undefined;
};

export const seccompProfileRestricted_1_25: CheckFn = (metadata, spec) => (isWindowsPod(spec) ? undefined : seccompProfileRestricted_1_19(metadata, spec));
