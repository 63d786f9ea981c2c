/**
 * Connections from the ingress controller (Ingress and OpenShift Route objects) to the workloads behind their
 * Services, as np-guard lists them: the Service ports the route or ingress exposes, resolved to container
 * ports, intersected with what the policies allow from a placeholder controller pod.
 */
import { isObject, namespaceOf, type K8sObject } from '../../core/k8s/object.js';
import { mapSelectorMatches } from '../../core/k8s/selectors.js';
import type { Connection } from './connections.js';
import type { PodClass } from './model.js';
import type { PolicyEngine } from './policy-engine.js';
import { ConnectionSet, isProtocol, NO_CONNECTIONS } from './ports.js';

interface ServicePortRef {
  /** Service port number or name; undefined selects every port of the service. */
  port?: number | string;
  /** Matches a service port by its targetPort (Routes name the target port). */
  targetPort?: number | string;
}

interface BackendRef {
  namespace: string;
  service: string;
  ref: ServicePortRef;
}

function backendsOf(object: K8sObject): BackendRef[] {
  const namespace = namespaceOf(object) ?? 'default';
  const spec = isObject(object.spec) ? object.spec : {};
  const backends: BackendRef[] = [];
  if (object.kind === 'Ingress') {
    const add = (backend: any) => {
      const service = backend?.service;
      if (!isObject(service) || typeof service.name !== 'string') return;
      const port = service.port?.number ?? service.port?.name;
      backends.push({ namespace, service: service.name, ref: port === undefined ? {} : { port } });
    };
    add(spec.defaultBackend);
    for (const rule of Array.isArray(spec.rules) ? spec.rules : []) {
      for (const path of Array.isArray(rule?.http?.paths) ? rule.http.paths : []) add(path?.backend);
    }
  } else if (object.kind === 'Route') {
    const targetPort = spec.port?.targetPort;
    const ref: ServicePortRef = targetPort === undefined ? {} : { targetPort };
    for (const to of [spec.to, ...(Array.isArray(spec.alternateBackends) ? spec.alternateBackends : [])]) {
      if (isObject(to) && (to.kind ?? 'Service') === 'Service' && typeof to.name === 'string') backends.push({ namespace, service: to.name, ref });
    }
  }
  return backends;
}

/** The container ports of one pod class a service port leads to. */
function targetConnections(servicePort: any, podClass: PodClass): ConnectionSet {
  const protocol = isProtocol(servicePort?.protocol) ? servicePort.protocol : 'TCP';
  const target = servicePort?.targetPort ?? servicePort?.port;
  if (typeof target === 'number' || (typeof target === 'string' && /^\d+$/.test(target))) {
    const port = Number(target);
    return ConnectionSet.protocol(protocol, [port, port]);
  }
  const named = typeof target === 'string' ? podClass.namedPorts.get(target) : undefined;
  return named && named.protocol === protocol ? ConnectionSet.protocol(protocol, [named.port, named.port]) : NO_CONNECTIONS;
}

function portSelected(servicePort: any, ref: ServicePortRef): boolean {
  if (ref.port !== undefined) return servicePort?.port === ref.port || servicePort?.name === ref.port;
  if (ref.targetPort !== undefined) {
    return servicePort?.name === ref.targetPort || servicePort?.targetPort === ref.targetPort || servicePort?.port === ref.targetPort;
  }
  return true;
}

export function ingressControllerConnections(objects: readonly K8sObject[], engine: PolicyEngine): Connection[] {
  const controller = engine.model.ingressControllerClass;
  if (controller === undefined) return [];
  const services = new Map<string, K8sObject>();
  for (const object of objects) {
    if (object.kind === 'Service' && object.metadata?.name) services.set(`${namespaceOf(object)}/${object.metadata.name}`, object);
  }
  const exposedByWorkload = new Map<number, ConnectionSet>();
  for (const object of objects) {
    if (object.kind !== 'Ingress' && object.kind !== 'Route') continue;
    for (const backend of backendsOf(object)) {
      const service = services.get(`${backend.namespace}/${backend.service}`);
      const selector = service?.spec?.selector;
      if (!service || !isObject(selector)) continue;
      const ports: any[] = (Array.isArray(service.spec.ports) ? service.spec.ports : []).filter((port: any) => portSelected(port, backend.ref));
      for (const podClass of engine.model.classes) {
        if (podClass.namespace !== backend.namespace || podClass.workloads.length === 0 || !mapSelectorMatches(selector, podClass.labels)) continue;
        let exposed = NO_CONNECTIONS;
        for (const port of ports) exposed = exposed.union(targetConnections(port, podClass));
        if (exposed.isEmpty) continue;
        const allowed = exposed.intersect(engine.classToClass(controller, podClass.index));
        for (const workload of podClass.workloads) {
          exposedByWorkload.set(workload, (exposedByWorkload.get(workload) ?? NO_CONNECTIONS).union(allowed));
        }
      }
    }
  }
  const connections: Connection[] = [];
  for (const [workload, conn] of exposedByWorkload) {
    if (!conn.isEmpty) connections.push({ src: { kind: 'ingress-controller' }, dst: { kind: 'workload', workload: engine.model.workloads[workload] }, conn });
  }
  return connections;
}
