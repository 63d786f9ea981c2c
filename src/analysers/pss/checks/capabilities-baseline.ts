/*
Adding NET_RAW or capabilities beyond the default set must be disallowed.

**Restricted Fields:**
spec.containers[*].securityContext.capabilities.add
spec.initContainers[*].securityContext.capabilities.add
spec.ephemeralContainers[*].securityContext.capabilities.add

**Allowed Values:**
undefined / empty
values from the default set "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT" (exact, case-sensitive)
*/
import { anyContainer, containerName, containerPath, containersPhrase, joinQuote, sortedUnique, stringField, visitContainers, type CheckFn, type CheckMeta } from '../check.js';

export const meta: CheckMeta = { id: 'capabilities_baseline', level: 'baseline', ruleId: 'pss-capabilities-baseline', category: 'privilege', title: 'Non-default capabilities' };

const ALLOWED_1_0: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

function addsNonDefault(container: Record<string, any>): boolean {
  const add = container.securityContext?.capabilities?.add;
  if (!Array.isArray(add)) return false;
  for (let i = 0; i < add.length; i++) if (!ALLOWED_1_0.has(stringField(add[i]))) return true;
  return false;
}

export const capabilitiesBaseline_1_0: CheckFn = (_metadata, spec) => {
  if (!anyContainer(spec, addsNonDefault, undefined)) return undefined;
  let badNames: string[] | undefined;
  const forbidden: string[] = [];
  const paths: string[] = [];
  visitContainers(spec, (container, list, index) => {
    const add = container.securityContext?.capabilities?.add;
    if (!Array.isArray(add)) return;
    let valid = true;
    for (let i = 0; i < add.length; i++) {
      const capability = stringField(add[i]);
      if (!ALLOWED_1_0.has(capability)) {
        if (valid) paths.push(containerPath(list, index, `securityContext.capabilities.add[${i}]`));
        valid = false;
        forbidden.push(capability);
      }
    }
    if (!valid) (badNames ??= []).push(containerName(container));
  });
  if (!badNames) return undefined;
  return {
    reason: 'non-default capabilities',
    detail: `${containersPhrase(badNames)} must not include ${joinQuote(sortedUnique(forbidden))} in securityContext.capabilities.add`,
    paths,
  };
};
