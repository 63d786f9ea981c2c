/*
Containers must drop ALL capabilities, and are only permitted to add back the NET_BIND_SERVICE capability.

**Restricted Fields:**
spec.containers[*].securityContext.capabilities.drop
spec.initContainers[*].securityContext.capabilities.drop
spec.ephemeralContainers[*].securityContext.capabilities.drop

**Allowed Values:**
Any list of capabilities that includes "ALL" (exact case)

**Restricted Fields:**
spec.containers[*].securityContext.capabilities.add
spec.initContainers[*].securityContext.capabilities.add
spec.ephemeralContainers[*].securityContext.capabilities.add

**Allowed Values:**
undefined / empty
"NET_BIND_SERVICE"

Overrides capabilities_baseline. Since v1.25 Windows pods are exempt.
*/
import { anyContainer, containerName, containerPath, containersPhrase, isSet, isWindowsPod, joinQuote, sortedUnique, stringField, visitContainers, type CheckFn, type CheckMeta } from '../check.js';

export const meta: CheckMeta = { id: 'capabilities_restricted', level: 'restricted', ruleId: 'pss-capabilities-restricted', category: 'privilege', title: 'Capabilities (restricted)' };

function unrestricted(container: Record<string, any>): boolean {
  const capabilities = container.securityContext?.capabilities;
  if (!isSet(capabilities)) return true;
  if (!Array.isArray(capabilities.drop) || !capabilities.drop.includes('ALL')) return true;
  const add = capabilities.add;
  if (!Array.isArray(add)) return false;
  for (let i = 0; i < add.length; i++) if (stringField(add[i]) !== 'NET_BIND_SERVICE') return true;
  return false;
}

export const capabilitiesRestricted_1_22: CheckFn = (_metadata, spec) => {
  if (!anyContainer(spec, unrestricted, undefined)) return undefined;
  let missingDropAll: string[] | undefined;
  let addingForbidden: string[] | undefined;
  const forbidden: string[] = [];
  const paths: string[] = [];
  visitContainers(spec, (container, list, index) => {
    const securityContext = container.securityContext;
    const capabilities = isSet(securityContext) ? securityContext.capabilities : undefined;
    if (!isSet(capabilities)) {
      (missingDropAll ??= []).push(containerName(container));
      paths.push(containerPath(list, index, 'securityContext.capabilities.drop'));
      return;
    }
    const drop = capabilities.drop;
    if (!Array.isArray(drop) || !drop.includes('ALL')) {
      (missingDropAll ??= []).push(containerName(container));
      paths.push(containerPath(list, index, 'securityContext.capabilities.drop'));
    }
    const add = capabilities.add;
    if (!Array.isArray(add)) return;
    let added = false;
    for (let i = 0; i < add.length; i++) {
      const capability = stringField(add[i]);
      if (capability === 'NET_BIND_SERVICE') continue;
      if (!added) paths.push(containerPath(list, index, `securityContext.capabilities.add[${i}]`));
      added = true;
      forbidden.push(capability);
    }
    if (added) (addingForbidden ??= []).push(containerName(container));
  });
  if (!missingDropAll && !addingForbidden) return undefined;
  const details: string[] = [];
  if (missingDropAll) details.push(`${containersPhrase(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  if (addingForbidden) details.push(`${containersPhrase(addingForbidden)} must not include ${joinQuote(sortedUnique(forbidden))} in securityContext.capabilities.add`);
  return { reason: 'unrestricted capabilities', detail: details.join('; '), paths };
};

export const capabilitiesRestricted_1_25: CheckFn = (metadata, spec) => (isWindowsPod(spec) ? undefined : capabilitiesRestricted_1_22(metadata, spec));
