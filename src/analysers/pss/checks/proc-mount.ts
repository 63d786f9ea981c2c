/*
The default /proc masks are set up to reduce attack surface, and should be required.

**Restricted Fields:**
spec.containers[*].securityContext.procMount
spec.initContainers[*].securityContext.procMount
spec.ephemeralContainers[*].securityContext.procMount

**Allowed Values:** undefined/null, "Default"

Since v1.35, any value is allowed for a pod with `spec.hostUsers: false` (it runs in a user namespace);
the restricted level keeps the strict rule through procMount_restricted.
*/
import { anyContainer, containerName, containerPath, containersPhrase, isSet, joinQuote, sortedUnique, stringField, usesUserNamespace, visitContainers, type CheckFn, type CheckMeta, type CheckViolation, type PodSpec } from '../check.js';

export const meta: CheckMeta = { id: 'procMount', level: 'baseline', ruleId: 'pss-proc-mount', category: 'kernel-hardening', title: 'Proc mount type' };

/** Shared with procMount_restricted, which applies the same rule without the user-namespace relaxation. */
const nonDefaultProcMount = (container: Record<string, any>) => isSet(container.securityContext?.procMount) && container.securityContext.procMount !== 'Default';

export function checkDefaultProcMount(spec: PodSpec): CheckViolation | undefined {
  if (!anyContainer(spec, nonDefaultProcMount, undefined)) return undefined;
  let badNames: string[] | undefined;
  const types: string[] = [];
  const paths: string[] = [];
  visitContainers(spec, (container, list, index) => {
    const procMount = container.securityContext?.procMount;
    if (!isSet(procMount) || procMount === 'Default') return;
    (badNames ??= []).push(containerName(container));
    types.push(stringField(procMount));
    paths.push(containerPath(list, index, 'securityContext.procMount'));
  });
  if (!badNames) return undefined;
  return { reason: 'procMount', detail: `${containersPhrase(badNames)} must not set securityContext.procMount to ${joinQuote(sortedUnique(types))}`, paths };
}

export const procMount_1_0: CheckFn = (_metadata, spec) => checkDefaultProcMount(spec);

export const procMount_1_35: CheckFn = (_metadata, spec) => (usesUserNamespace(spec) ? undefined : checkDefaultProcMount(spec));
