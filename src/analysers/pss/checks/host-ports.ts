/*
HostPorts should be disallowed entirely (recommended) or restricted to a known list. PSA implements no list:
any host port is forbidden.

**Restricted Fields:**
spec.containers[*].ports[*].hostPort
spec.initContainers[*].ports[*].hostPort
spec.ephemeralContainers[*].ports[*].hostPort

**Allowed Values:** undefined/0
*/
import { anyContainer, containerName, containerPath, containersPhrase, pluralize, sortedUnique, visitContainers, type CheckFn, type CheckMeta } from '../check.js';

export const meta: CheckMeta = { id: 'hostPorts', level: 'baseline', ruleId: 'pss-host-ports', category: 'host-access', title: 'Host ports' };

/** A hostPort as the API would decode it; a non-numeric string cannot be decoded, so it counts as set. */
function hostPortText(value: unknown): string | undefined {
  if (value === undefined || value === null || value === 0 || value === '0' || value === '') return undefined;
  return String(value);
}

function usesHostPort(container: Record<string, any>): boolean {
  const ports = container.ports;
  if (!Array.isArray(ports)) return false;
  for (let i = 0; i < ports.length; i++) if (hostPortText(ports[i]?.hostPort) !== undefined) return true;
  return false;
}

export const hostPorts_1_0: CheckFn = (_metadata, spec) => {
  if (!anyContainer(spec, usesHostPort, undefined)) return undefined;
  let badNames: string[] | undefined;
  const ports: string[] = [];
  const paths: string[] = [];
  visitContainers(spec, (container, list, index) => {
    const containerPorts = container.ports;
    if (!Array.isArray(containerPorts)) return;
    let valid = true;
    for (let i = 0; i < containerPorts.length; i++) {
      const port = hostPortText(containerPorts[i]?.hostPort);
      if (port === undefined) continue;
      valid = false;
      ports.push(port);
      paths.push(containerPath(list, index, `ports[${i}].hostPort`));
    }
    if (!valid) (badNames ??= []).push(containerName(container));
  });
  if (!badNames) return undefined;
  const unique = sortedUnique(ports);
  return {
    reason: 'hostPort',
    detail: `${containersPhrase(badNames)} ${pluralize('uses', 'use', badNames.length)} ${pluralize('hostPort', 'hostPorts', unique.length)} ${unique.join(', ')}`,
    paths,
  };
};
