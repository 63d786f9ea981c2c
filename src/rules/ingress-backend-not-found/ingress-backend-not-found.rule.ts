/**
 * An Ingress or Gateway API route whose backend Service (or Service port) does not exist answers 503 for that path.
 * Restricted fields: Ingress spec.{defaultBackend,backend}, spec.rules[*].http.paths[*].backend; HTTPRoute and
 * GRPCRoute spec.rules[*].backendRefs[*].   Allowed values: a Service of the scan with that name and port.
 * Source: kube-score ingress-targets-service, kube-linter dangling-ingress.
 */
import { defineRule, type Violation } from '../../core/engine/define-rule.js';
import { isObject, namespaceOf, type K8sObject } from '../../core/k8s/object.js';

interface BackendRef {
  service: string;
  /** Port number or name; undefined when the backend names none. */
  port?: number | string;
  namespace: string;
  /** Path of the service name field, for the finding. */
  path: string;
  /** Path of the port field. */
  portPath: string;
}

function ingressBackend(backend: unknown, path: string, namespace: string): BackendRef | undefined {
  if (!isObject(backend)) return undefined;
  if (isObject(backend.service) && typeof backend.service.name === 'string') {
    const port = backend.service.port;
    return {
      service: backend.service.name,
      port: isObject(port) ? (port.number ?? port.name) : undefined,
      namespace,
      path: `${path}.service.name`,
      portPath: `${path}.service.port`,
    };
  }
  // networking.k8s.io/v1beta1 and extensions/v1beta1 shape.
  if (typeof backend.serviceName === 'string') {
    return { service: backend.serviceName, port: backend.servicePort, namespace, path: `${path}.serviceName`, portPath: `${path}.servicePort` };
  }
  return undefined;
}

function backendsOf(object: K8sObject): BackendRef[] {
  const namespace = namespaceOf(object) ?? 'default';
  const spec = isObject(object.spec) ? object.spec : {};
  const rules: unknown[] = Array.isArray(spec.rules) ? spec.rules : [];
  const refs: Array<BackendRef | undefined> = [];
  if (object.kind === 'Ingress') {
    refs.push(ingressBackend(spec.defaultBackend, 'spec.defaultBackend', namespace), ingressBackend(spec.backend, 'spec.backend', namespace));
    rules.forEach((rule: any, i) => {
      const paths: unknown[] = Array.isArray(rule?.http?.paths) ? rule.http.paths : [];
      paths.forEach((entry: any, j) => refs.push(ingressBackend(entry?.backend, `spec.rules[${i}].http.paths[${j}].backend`, namespace)));
    });
  } else {
    rules.forEach((rule: any, i) => {
      const backendRefs: unknown[] = Array.isArray(rule?.backendRefs) ? rule.backendRefs : [];
      backendRefs.forEach((ref: any, j) => {
        const isService = (ref?.kind ?? 'Service') === 'Service' && (ref?.group ?? '') === '';
        if (!isService || typeof ref?.name !== 'string') return;
        const path = `spec.rules[${i}].backendRefs[${j}]`;
        refs.push({ service: ref.name, port: ref.port, namespace: ref.namespace ?? namespace, path: `${path}.name`, portPath: `${path}.port` });
      });
    });
  }
  return refs.filter((ref): ref is BackendRef => ref !== undefined);
}

export default defineRule({
  id: 'ingress-backend-not-found',
  meta: {
    title: 'Ingress and route backends should exist',
    category: 'cross-object',
    severity: 'low',
    description: 'A backend that names a missing Service or Service port makes the ingress controller or gateway answer 503 for that path.',
    remediation: 'Point the backend at an existing Service and one of its ports, by number or by name.',
    appliesTo: ['Ingress', 'HTTPRoute', 'GRPCRoute'],
    messages: {
      serviceNotFound: 'Backend Service {{namespace}}/{{service}} is not in the scan.',
      portNotFound: 'Service {{namespace}}/{{service}} has no port {{port}}.',
    },
    references: [
      { title: 'Kubernetes documentation: Ingress backends', url: 'https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource' },
      { title: 'Gateway API: HTTPRoute backendRefs', url: 'https://gateway-api.sigs.k8s.io/api-types/httproute/' },
    ],
    peers: { kubeScore: ['ingress-targets-service'], kubeLinter: ['dangling-ingress'], kubescape: ['C-0298', 'C-0302'] },
  },
  check(object, ctx) {
    if (object.kind !== 'Ingress' && !(['HTTPRoute', 'GRPCRoute'].includes(object.kind) && object.apiVersion.startsWith('gateway.networking.k8s.io/'))) return [];
    return backendsOf(object).flatMap((ref): Array<Violation<'serviceNotFound' | 'portNotFound'>> => {
      // Manifests are often scanned piecemeal; judge only namespaces whose Services are part of the scan.
      if (ctx.objects.inNamespace('Service', ref.namespace).length === 0) return [];
      const data = { namespace: ref.namespace, service: ref.service, port: ref.port };
      const service = ctx.objects.find('Service', ref.namespace, ref.service);
      if (!service) return [{ messageId: 'serviceNotFound' as const, path: ref.path, data }];
      if (ref.port === undefined || service.spec?.type === 'ExternalName') return [];
      const ports: any[] = Array.isArray(service.spec?.ports) ? service.spec.ports : [];
      const found = typeof ref.port === 'number' || /^\d+$/.test(String(ref.port))
        ? ports.some((port) => Number(port?.port) === Number(ref.port))
        : ports.some((port) => port?.name === ref.port);
      return found ? [] : [{ messageId: 'portNotFound' as const, path: ref.portPath, data }];
    });
  },
});
