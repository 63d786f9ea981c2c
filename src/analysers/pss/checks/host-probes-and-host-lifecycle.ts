/*
The host field is restricted in probes and lifecycle handlers.

**Restricted Fields:**
spec.{containers,initContainers,ephemeralContainers}[*].{livenessProbe,readinessProbe,startupProbe}.httpGet.host
spec.{containers,initContainers,ephemeralContainers}[*].{livenessProbe,readinessProbe,startupProbe}.tcpSocket.host
spec.{containers,initContainers,ephemeralContainers}[*].lifecycle.{postStart,preStop}.httpGet.host
spec.{containers,initContainers,ephemeralContainers}[*].lifecycle.{postStart,preStop}.tcpSocket.host
(tcpSocket is not a supported lifecycle handler and is kept for backward compatibility)

**Allowed Values:** "", undefined/null
*/
import { anyContainer, containerName, containerPath, joinQuote, pluralize, sortedUnique, stringField, visitContainers, type CheckFn, type CheckMeta, type ContainerList } from '../check.js';

export const meta: CheckMeta = { id: 'hostProbesAndHostLifecycle', level: 'baseline', ruleId: 'pss-host-probes-and-lifecycle', category: 'host-access', title: 'Probe and lifecycle host' };

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const LIFECYCLE_HANDLERS = ['postStart', 'preStop'] as const;
const ACTIONS = ['httpGet', 'tcpSocket'] as const;

function handlerHasHost(handler: any): boolean {
  return handler !== null && typeof handler === 'object' && (stringField(handler.httpGet?.host) !== '' || stringField(handler.tcpSocket?.host) !== '');
}

function usesHost(container: Record<string, any>): boolean {
  for (const probe of PROBES) if (handlerHasHost(container[probe])) return true;
  const lifecycle = container.lifecycle;
  return lifecycle !== null && typeof lifecycle === 'object' && (handlerHasHost(lifecycle.postStart) || handlerHasHost(lifecycle.preStop));
}

export const hostProbesAndHostLifecycle_1_34: CheckFn = (_metadata, spec) => {
  if (!anyContainer(spec, usesHost, undefined)) return undefined;
  let badNames: string[] | undefined;
  const hosts: string[] = [];
  const paths: string[] = [];
  // The path is built only for a bad host, so a passing pod allocates nothing here.
  const inspect = (handler: any, list: ContainerList, index: number, field: string): boolean => {
    if (handler === null || typeof handler !== 'object') return false;
    let bad = false;
    for (const action of ACTIONS) {
      const host = stringField(handler[action]?.host);
      if (host === '') continue;
      bad = true;
      hosts.push(host);
      paths.push(containerPath(list, index, `${field}.${action}.host`));
    }
    return bad;
  };
  visitContainers(spec, (container, list, index) => {
    let bad = false;
    for (const probe of PROBES) if (inspect(container[probe], list, index, probe)) bad = true;
    const lifecycle = container.lifecycle;
    if (lifecycle !== null && typeof lifecycle === 'object') {
      for (const handler of LIFECYCLE_HANDLERS) if (inspect(lifecycle[handler], list, index, `lifecycle.${handler}`)) bad = true;
    }
    if (bad) (badNames ??= []).push(containerName(container));
  });
  if (!badNames) return undefined;
  // PSA collects both containers and hosts in sets: sorted, each once.
  const containers = sortedUnique(badNames);
  const uniqueHosts = sortedUnique(hosts);
  return {
    reason: 'probe or lifecycle host',
    detail: `${pluralize('container', 'containers', containers.length)} ${joinQuote(containers)} ${pluralize('uses', 'use', containers.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', uniqueHosts.length)} ${joinQuote(uniqueHosts)}`,
    paths,
  };
};
