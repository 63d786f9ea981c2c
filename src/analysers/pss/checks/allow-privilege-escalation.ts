/*
Privilege escalation (such as via set-user-ID or set-group-ID file mode) should not be allowed.

**Restricted Fields:**
spec.containers[*].securityContext.allowPrivilegeEscalation
spec.initContainers[*].securityContext.allowPrivilegeEscalation
spec.ephemeralContainers[*].securityContext.allowPrivilegeEscalation

**Allowed Values:** false

The field exists since Kubernetes 1.8, so the check starts at v1.8. Since v1.25 Windows pods
(`spec.os.name: windows`) are exempt: the field does not apply to them and API validation forbids setting it.
*/
import { anyContainer, containerName, containerPath, containersPhrase, isWindowsPod, visitContainers, type CheckFn, type CheckMeta } from '../check.js';

export const meta: CheckMeta = { id: 'allowPrivilegeEscalation', level: 'restricted', ruleId: 'pss-allow-privilege-escalation', category: 'privilege', title: 'Privilege escalation' };

const mayEscalate = (container: Record<string, any>) => container.securityContext?.allowPrivilegeEscalation !== false;

export const allowPrivilegeEscalation_1_8: CheckFn = (_metadata, spec) => {
  if (!anyContainer(spec, mayEscalate, undefined)) return undefined;
  let badNames: string[] | undefined;
  const paths: string[] = [];
  visitContainers(spec, (container, list, index) => {
    if (container.securityContext?.allowPrivilegeEscalation === false) return;
    (badNames ??= []).push(containerName(container));
    paths.push(containerPath(list, index, 'securityContext.allowPrivilegeEscalation'));
  });
  if (!badNames) return undefined;
  return { reason: 'allowPrivilegeEscalation != false', detail: `${containersPhrase(badNames)} must set securityContext.allowPrivilegeEscalation=false`, paths };
};

export const allowPrivilegeEscalation_1_25: CheckFn = (metadata, spec) => (isWindowsPod(spec) ? undefined : allowPrivilegeEscalation_1_8(metadata, spec));
