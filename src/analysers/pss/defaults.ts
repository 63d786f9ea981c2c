/**
 * The API server defaulting that happens before PSA sees a pod, applied to raw manifests so offline verdicts
 * match admission: a volume with no source becomes emptyDir, and (for Pods only, since Kubernetes 1.28) a
 * hostNetwork pod's container ports get hostPort = containerPort. Copy-on-write: the input is never
 * mutated, and a spec that needs no defaulting is returned as is.
 */
import type { PodSpec } from './check.js';

/** True when nothing but `name` is set: Go's "all VolumeSource pointers nil". Unknown keys count as set (fail closed). */
function hasNoSource(volume: Record<string, any>): boolean {
  for (const key in volume) {
    if (key !== 'name' && volume[key] !== undefined && volume[key] !== null) return false;
  }
  return true;
}

function defaultVolumes(volumes: readonly unknown[]): unknown[] | undefined {
  let result: unknown[] | undefined;
  for (let i = 0; i < volumes.length; i++) {
    const volume = volumes[i];
    if (volume === null || typeof volume !== 'object' || !hasNoSource(volume)) continue;
    result ??= volumes.slice();
    result[i] = { ...volume, emptyDir: {} };
  }
  return result;
}

function needsHostPort(port: any): boolean {
  return port !== null && typeof port === 'object' && (port.hostPort === undefined || port.hostPort === null || port.hostPort === 0) && typeof port.containerPort === 'number' && port.containerPort !== 0;
}

function defaultHostNetworkPorts(containers: readonly unknown[]): unknown[] | undefined {
  let result: unknown[] | undefined;
  for (let i = 0; i < containers.length; i++) {
    const container = containers[i] as any;
    if (container === null || typeof container !== 'object' || !Array.isArray(container.ports) || !container.ports.some(needsHostPort)) continue;
    result ??= containers.slice();
    result[i] = { ...container, ports: container.ports.map((port: any) => (needsHostPort(port) ? { ...port, hostPort: port.containerPort } : port)) };
  }
  return result;
}

/** `isPod`: the object is a Pod (host ports are not defaulted inside controller templates). */
export function applyApiDefaults(spec: PodSpec, isPod: boolean): PodSpec {
  let result: Record<string, any> | undefined;
  if (Array.isArray(spec.volumes)) {
    const volumes = defaultVolumes(spec.volumes);
    if (volumes) (result ??= { ...spec }).volumes = volumes;
  }
  if (isPod && spec.hostNetwork === true) {
    for (const list of ['containers', 'initContainers'] as const) {
      if (!Array.isArray(spec[list])) continue;
      const containers = defaultHostNetworkPorts(spec[list]);
      if (containers) (result ??= { ...spec })[list] = containers;
    }
  }
  return result ?? spec;
}
