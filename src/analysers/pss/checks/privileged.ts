/*
Privileged Pods disable most security mechanisms and must be disallowed.

**Restricted Fields:**
spec.containers[*].securityContext.privileged
spec.initContainers[*].securityContext.privileged
spec.ephemeralContainers[*].securityContext.privileged

**Allowed Values:** false, undefined/null
*/
import { anyContainer, containerName, containerPath, containersPhrase, visitContainers, type CheckFn, type CheckMeta } from '../check.js';

export const meta: CheckMeta = { id: 'privileged', level: 'baseline', ruleId: 'pss-privileged', category: 'privilege', title: 'Privileged containers' };

const isPrivileged = (container: Record<string, any>) => container.securityContext?.privileged === true;

export const privileged_1_0: CheckFn = (_metadata, spec) => {
  if (!anyContainer(spec, isPrivileged, undefined)) return undefined;
  let badNames: string[] | undefined;
  let paths: string[] | undefined;
  visitContainers(spec, (container, list, index) => {
    if (container.securityContext?.privileged === true) {
      (badNames ??= []).push(containerName(container));
      (paths ??= []).push(containerPath(list, index, 'securityContext.privileged'));
    }
  });
  if (!badNames || !paths) return undefined;
  return { reason: 'privileged', detail: `${containersPhrase(badNames)} must not set securityContext.privileged=true`, paths };
};
