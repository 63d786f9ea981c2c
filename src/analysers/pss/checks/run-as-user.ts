/*
Containers must not set runAsUser: 0.

**Restricted Fields:**
spec.securityContext.runAsUser
spec.containers[*].securityContext.runAsUser
spec.initContainers[*].securityContext.runAsUser
spec.ephemeralContainers[*].securityContext.runAsUser

**Allowed Values:**
non-zero values
undefined/null

Since v1.35 a pod with `spec.hostUsers: false` is allowed (user namespaces map UID 0 to an unprivileged host UID).
*/
import { anyContainer, containerName, containerPath, containersPhrase, usesUserNamespace, visitContainers, type CheckFn, type CheckMeta } from '../check.js';

export const meta: CheckMeta = { id: 'runAsUser', level: 'restricted', ruleId: 'pss-run-as-user', category: 'privilege', title: 'Running as root user' };

const runsAsRoot = (container: Record<string, any>) => container.securityContext?.runAsUser === 0;

export const runAsUser_1_23: CheckFn = (_metadata, spec) => {
  if (spec.securityContext?.runAsUser !== 0 && !anyContainer(spec, runsAsRoot, undefined)) return undefined;
  const podRoot = spec.securityContext?.runAsUser === 0;
  let badNames: string[] | undefined;
  const paths: string[] = [];
  if (podRoot) paths.push('spec.securityContext.runAsUser');
  visitContainers(spec, (container, list, index) => {
    if (container.securityContext?.runAsUser === 0) {
      (badNames ??= []).push(containerName(container));
      paths.push(containerPath(list, index, 'securityContext.runAsUser'));
    }
  });
  if (!podRoot && !badNames) return undefined;
  const setters: string[] = [];
  if (podRoot) setters.push('pod');
  if (badNames) setters.push(containersPhrase(badNames));
  return { reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0`, paths };
};

export const runAsUser_1_35: CheckFn = (metadata, spec) => (usesUserNamespace(spec) ? undefined : runAsUser_1_23(metadata, spec));
