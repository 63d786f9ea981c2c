/**
 * Test fixtures: a minimal pod that passes every built-in rule, one-change tweaks of it (PSA's fixtures +
 * tweak), and wrappers that embed it in every workload kind.
 */
import jsYaml from 'js-yaml';
import type { K8sObject } from '../core/k8s/object.js';
import { KUBERNETES_YAML_SCHEMA } from '../core/yaml/parse.js';

const DIGEST = 'sha256:0d6f4e2b3c5a7f9e1d2c4b6a8f0e2d4c6b8a0f1e3d5c7b9a1f3e5d7c9b1a3f5e';

function hardenedContainer(name: string, withProbes: boolean): Record<string, any> {
  return {
    name,
    image: `registry.example.com/team/${name}:1.4.2@${DIGEST}`,
    imagePullPolicy: 'IfNotPresent',
    ...(withProbes ? { ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] } : {}),
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
    },
    resources: {
      requests: { cpu: '100m', memory: '128Mi', 'ephemeral-storage': '100Mi' },
      limits: { cpu: '500m', memory: '128Mi', 'ephemeral-storage': '100Mi' },
    },
    ...(withProbes
      ? {
          livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 },
          readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5 },
        }
      : {}),
  };
}

/** A pod that every built-in rule accepts: restricted security context, pinned image, resources, probes. */
export function minimalPod(): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web',
      namespace: 'shop',
      labels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web', app: 'web' },
    },
    spec: {
      serviceAccountName: 'web',
      automountServiceAccountToken: false,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        fsGroup: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      initContainers: [hardenedContainer('setup', false)],
      containers: [hardenedContainer('app', true)],
    },
  };
}

/** `pod()` is the minimal pod; `pod(p => { … })` changes exactly one thing on a fresh copy. */
export function pod(tweak?: (pod: Record<string, any>) => void): K8sObject {
  const object = minimalPod();
  tweak?.(object as Record<string, any>);
  return object;
}

export const WORKLOAD_WRAPPERS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'ReplicationController', 'PodTemplate', 'Rollout'] as const;
export type WorkloadWrapper = (typeof WORKLOAD_WRAPPERS)[number];

/** Embeds a pod in another workload kind; `Rollout` is an Argo Rollouts custom resource (pod template by shape). */
export function asWorkload(source: K8sObject, kind: WorkloadWrapper): K8sObject {
  const p = structuredClone(source) as Record<string, any>;
  if (kind === 'Pod') return p as K8sObject;
  const metadata = { name: p.metadata.name, namespace: p.metadata.namespace, labels: p.metadata.labels };
  const template = { metadata: { labels: p.metadata.labels, ...(p.metadata.annotations ? { annotations: p.metadata.annotations } : {}) }, spec: p.spec };
  const selector = { matchLabels: { 'app.kubernetes.io/name': p.metadata.labels?.['app.kubernetes.io/name'] ?? 'web' } };
  switch (kind) {
    case 'PodTemplate':
      return { apiVersion: 'v1', kind, metadata, template };
    case 'CronJob':
      return { apiVersion: 'batch/v1', kind, metadata, spec: { schedule: '0 * * * *', startingDeadlineSeconds: 60, jobTemplate: { spec: { template: { ...template, spec: { ...template.spec, restartPolicy: 'OnFailure' } } } } } };
    case 'Job':
      return { apiVersion: 'batch/v1', kind, metadata, spec: { ttlSecondsAfterFinished: 3600, template: { ...template, spec: { ...template.spec, restartPolicy: 'OnFailure' } } } };
    case 'ReplicationController':
      return { apiVersion: 'v1', kind, metadata, spec: { replicas: 2, selector: selector.matchLabels, template } };
    case 'Rollout':
      return { apiVersion: 'argoproj.io/v1alpha1', kind, metadata, spec: { replicas: 2, selector, template, strategy: { canary: {} } } };
    case 'DaemonSet':
      return { apiVersion: 'apps/v1', kind, metadata, spec: { selector, template } };
    default:
      return { apiVersion: 'apps/v1', kind, metadata, spec: { replicas: 2, selector, template, ...(kind === 'StatefulSet' ? { serviceName: p.metadata.name } : {}) } };
  }
}

/** The path prefix of the pod spec in each wrapper, to build expected paths. */
export function podSpecPathOf(kind: WorkloadWrapper): string {
  if (kind === 'Pod') return 'spec';
  if (kind === 'PodTemplate') return 'template.spec';
  if (kind === 'CronJob') return 'spec.jobTemplate.spec.template.spec';
  return 'spec.template.spec';
}

/** Parses manifests for cases that read better as YAML; returns every document's object. */
export function fromYaml(text: string): K8sObject[] {
  return jsYaml.loadAll(text, undefined, { schema: KUBERNETES_YAML_SCHEMA }).filter((d): d is K8sObject => d !== null && typeof d === 'object');
}

export function fromYamlOne(text: string): K8sObject {
  const [object] = fromYaml(text);
  return object;
}
