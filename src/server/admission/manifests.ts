/**
 * The install manifests of the webhook (conventions §2.1, §2.2, §2.4): Namespace, ServiceAccount, least-privilege
 * RBAC (namespaces get/list/watch), a hardened Deployment (2+ replicas, PodDisruptionBudget, topology spread,
 * probes, resources, restricted securityContext), NetworkPolicies, Service and the ValidatingWebhookConfiguration,
 * with cert-manager's Issuer/Certificate and CA injection or a caBundle from `kubeward admission certs`. They pass
 * kubeward's own `scan --pss restricted` without findings (test/admission/manifests.test.ts runs it).
 */
import jsYaml from 'js-yaml';
import type { Registry } from '../../core/engine/registry.js';
import { activeRules, type RuleSetting } from '../../core/engine/run.js';
import { WORKLOAD_KINDS } from '../../core/k8s/pod-spec.js';
import { isObject, type K8sObject } from '../../core/k8s/object.js';
import { CONTEXT_RULES } from './settings.js';

export interface ManifestOptions {
  namespace: string;
  image: string;
  replicas: number;
  /** `Ignore` (default, safe for a first install) or `Fail` once the webhook is trusted. */
  failurePolicy: 'Ignore' | 'Fail';
  timeoutSeconds: number;
  /** TLS from cert-manager (Issuer, Certificate, CA injection) instead of a caBundle. */
  certManager: boolean;
  /** base64 CA bundle for self-managed TLS (printed by `kubeward admission certs`). */
  caBundle?: string;
  /** Policy files to ship in a ConfigMap and enforce: file name -> YAML text. */
  policyFiles?: ReadonlyArray<{ name: string; text: string }>;
  /** Where the API server connects from (NetworkPolicy ipBlocks); it differs between clusters. */
  apiServerCidrs: readonly string[];
  /** Namespace of the Prometheus that scrapes the metrics port. */
  metricsNamespace: string;
  /**
   * When not empty, the webhook answers only the API server's client certificate with one of these names, verified
   * against the `ca.crt` of the TLS Secret (cert-manager writes it; `certs --client` says how to add it).
   */
  clientNames?: readonly string[];
  /** Check ids and settings, to subscribe the webhook to the resources the enabled checks look at. */
  registry: Registry;
  rules?: Readonly<Record<string, RuleSetting>>;
  version: string;
}

export const SERVICE_NAME = 'kubeward-webhook';
export const SERVICE_ACCOUNT = 'kubeward';
export const TLS_SECRET = 'kubeward-webhook-tls';
export const WEBHOOK_NAME = 'validate.kubeward.io';
export const OPT_OUT_LABEL = 'kubeward.io/ignore';
const HTTPS_PORT = 8443;
const METRICS_PORT = 8080;
const POLICY_DIR = '/etc/kubeward/policies';
const TLS_DIR = '/etc/kubeward/tls';

/** API group and plural resource of the built-in kinds the checks look at. */
const KIND_RESOURCES: Record<string, { group: string; resource: string }> = {
  Pod: { group: '', resource: 'pods' },
  ReplicationController: { group: '', resource: 'replicationcontrollers' },
  PodTemplate: { group: '', resource: 'podtemplates' },
  Service: { group: '', resource: 'services' },
  ServiceAccount: { group: '', resource: 'serviceaccounts' },
  ConfigMap: { group: '', resource: 'configmaps' },
  Secret: { group: '', resource: 'secrets' },
  Namespace: { group: '', resource: 'namespaces' },
  PersistentVolume: { group: '', resource: 'persistentvolumes' },
  PersistentVolumeClaim: { group: '', resource: 'persistentvolumeclaims' },
  Deployment: { group: 'apps', resource: 'deployments' },
  ReplicaSet: { group: 'apps', resource: 'replicasets' },
  StatefulSet: { group: 'apps', resource: 'statefulsets' },
  DaemonSet: { group: 'apps', resource: 'daemonsets' },
  Job: { group: 'batch', resource: 'jobs' },
  CronJob: { group: 'batch', resource: 'cronjobs' },
  Ingress: { group: 'networking.k8s.io', resource: 'ingresses' },
  NetworkPolicy: { group: 'networking.k8s.io', resource: 'networkpolicies' },
  Role: { group: 'rbac.authorization.k8s.io', resource: 'roles' },
  RoleBinding: { group: 'rbac.authorization.k8s.io', resource: 'rolebindings' },
  ClusterRole: { group: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
  ClusterRoleBinding: { group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings' },
  PodDisruptionBudget: { group: 'policy', resource: 'poddisruptionbudgets' },
  HorizontalPodAutoscaler: { group: 'autoscaling', resource: 'horizontalpodautoscalers' },
  RuntimeClass: { group: 'node.k8s.io', resource: 'runtimeclasses' },
  IngressClass: { group: 'networking.k8s.io', resource: 'ingressclasses' },
};

/** Never sent to webhooks (the good-practices doc): virtual and review resources, leases. */
const NEVER_MATCHED = new Set(['tokenreviews', 'subjectaccessreviews', 'selfsubjectaccessreviews', 'localsubjectaccessreviews', 'selfsubjectrulesreviews', 'leases', 'events']);

interface WebhookRule {
  apiGroups: string[];
  apiVersions: string[];
  operations: string[];
  resources: string[];
  scope: string;
}

function labels(component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': 'kubeward', 'app.kubernetes.io/component': component, 'app.kubernetes.io/part-of': 'kubeward' };
}

const SELECTOR = { 'app.kubernetes.io/name': 'kubeward', 'app.kubernetes.io/component': 'webhook' };

/** The resources the webhook subscribes to: those the enabled checks read, plus those the policies match. */
export function webhookRules(options: Pick<ManifestOptions, 'registry' | 'rules' | 'policyFiles'>): WebhookRule[] {
  const kinds = new Set<string>();
  for (const { rule } of activeRules(options.registry, options.rules)) {
    if (CONTEXT_RULES.has(rule.id)) continue;
    const { appliesTo } = rule.meta;
    if (appliesTo === 'workloads' || appliesTo === 'all') for (const kind of WORKLOAD_KINDS) kinds.add(kind);
    if (Array.isArray(appliesTo)) for (const kind of appliesTo) kinds.add(kind);
  }
  const byGroup = new Map<string, Set<string>>();
  const add = (group: string, resource: string) => {
    if (NEVER_MATCHED.has(resource.split('/')[0])) return;
    let set = byGroup.get(group);
    if (!set) byGroup.set(group, (set = new Set()));
    set.add(resource);
  };
  for (const kind of kinds) {
    const target = KIND_RESOURCES[kind];
    if (target) add(target.group, target.resource);
  }
  // Pod Security also reviews ephemeral containers added to running pods.
  add('', 'pods');
  add('', 'pods/ephemeralcontainers');
  const rules: WebhookRule[] = [...byGroup.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, resources]) => ({ apiGroups: [group], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: [...resources].sort(), scope: '*' }));
  for (const rule of policyResourceRules(options.policyFiles ?? [])) {
    const covered = rules.some((r) => r.apiGroups[0] === rule.apiGroups[0] && rule.resources.every((x) => r.resources.includes(x)) && rule.operations.every((op) => r.operations.includes(op)));
    if (!covered) rules.push(rule);
  }
  return rules;
}

/** resourceRules of the ValidatingAdmissionPolicies in the policy files, widened to every version. */
function policyResourceRules(files: ReadonlyArray<{ name: string; text: string }>): WebhookRule[] {
  const rules: WebhookRule[] = [];
  for (const file of files) {
    let documents: unknown[];
    try {
      documents = jsYaml.loadAll(file.text);
    } catch {
      continue;
    }
    for (const document of documents) {
      if (!isObject(document) || document.kind !== 'ValidatingAdmissionPolicy') continue;
      const resourceRules = document.spec?.matchConstraints?.resourceRules;
      if (!Array.isArray(resourceRules)) continue;
      for (const rule of resourceRules) {
        if (!isObject(rule)) continue;
        const resources = (Array.isArray(rule.resources) ? rule.resources : []).filter((r: unknown): r is string => typeof r === 'string' && !NEVER_MATCHED.has(r.split('/')[0]));
        if (resources.length === 0) continue;
        for (const group of Array.isArray(rule.apiGroups) ? rule.apiGroups : []) {
          rules.push({ apiGroups: [String(group)], apiVersions: ['*'], operations: Array.isArray(rule.operations) ? rule.operations.map(String) : ['CREATE', 'UPDATE'], resources, scope: '*' });
        }
      }
    }
  }
  return rules;
}

function configMapKey(name: string): string {
  return name.replace(/[^-._a-zA-Z0-9]+/g, '-');
}

export function buildManifests(options: ManifestOptions): K8sObject[] {
  const ns = options.namespace;
  const objects: K8sObject[] = [];
  const meta = (name: string, component: string, extra: Record<string, unknown> = {}) => ({ name, namespace: ns, labels: labels(component), ...extra });

  objects.push({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: ns,
      labels: {
        ...labels('webhook'),
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'latest',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
      },
    },
  });
  objects.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(SERVICE_ACCOUNT, 'webhook'), automountServiceAccountToken: false });
  objects.push({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'kubeward-webhook', labels: labels('webhook') },
    rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }],
  });
  objects.push({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'kubeward-webhook', labels: labels('webhook') },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kubeward-webhook' },
    subjects: [{ kind: 'ServiceAccount', name: SERVICE_ACCOUNT, namespace: ns }],
  });

  const policyFiles = options.policyFiles ?? [];
  if (policyFiles.length > 0) {
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta('kubeward-policies', 'webhook'),
      data: Object.fromEntries(policyFiles.map((file) => [configMapKey(file.name), file.text])),
    });
  }

  const args = [
    'admission', 'serve',
    `--tls-cert=${TLS_DIR}/tls.crt`, `--tls-key=${TLS_DIR}/tls.key`,
    `--port=${HTTPS_PORT}`, `--metrics-port=${METRICS_PORT}`,
    `--self-service-account=${SERVICE_ACCOUNT}`,
    '--shutdown-delay=5s', '--drain-timeout=15s',
    ...(policyFiles.length > 0 ? [`--policy=${POLICY_DIR}`] : []),
    ...((options.clientNames ?? []).length > 0 ? [`--client-ca=${TLS_DIR}/ca.crt`, ...(options.clientNames ?? []).map((name) => `--client-name=${name}`)] : []),
  ];
  const volumes: unknown[] = [
    { name: 'tls', secret: { secretName: TLS_SECRET, defaultMode: 0o440 } },
    // The API token, projected by hand so that only this pod gets one (the ServiceAccount does not automount).
    {
      name: 'api-access',
      projected: {
        defaultMode: 0o440,
        sources: [
          { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
          // Published by the control plane in every namespace (config-reference-missing knows it).
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    },
  ];
  const volumeMounts: unknown[] = [
    { name: 'tls', mountPath: TLS_DIR, readOnly: true },
    { name: 'api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
  ];
  if (policyFiles.length > 0) {
    volumes.push({ name: 'policies', configMap: { name: 'kubeward-policies' } });
    volumeMounts.push({ name: 'policies', mountPath: POLICY_DIR, readOnly: true });
  }
  const probe = (path: string, periodSeconds: number) => ({ httpGet: { path, port: 'https', scheme: 'HTTPS' }, periodSeconds, timeoutSeconds: 2, failureThreshold: 3 });
  objects.push({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(SERVICE_NAME, 'webhook'),
    spec: {
      replicas: options.replicas,
      revisionHistoryLimit: 5,
      selector: { matchLabels: SELECTOR },
      // Never below the desired count during a rollout: a new pod is ready before an old one drains.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: { ...labels('webhook'), 'app.kubernetes.io/version': options.version } },
        spec: {
          serviceAccountName: SERVICE_ACCOUNT,
          automountServiceAccountToken: false,
          priorityClassName: 'system-cluster-critical',
          terminationGracePeriodSeconds: 30,
          securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } },
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: SELECTOR } },
            { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: SELECTOR } },
          ],
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: SELECTOR } } }],
            },
          },
          containers: [{
            name: 'webhook',
            image: options.image,
                  imagePullPolicy: options.image.includes('@sha256:') ? 'IfNotPresent' : 'Always',
            args,
            env: [{ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } }],
            ports: [
              { name: 'https', containerPort: HTTPS_PORT, protocol: 'TCP' },
              { name: 'metrics', containerPort: METRICS_PORT, protocol: 'TCP' },
            ],
            readinessProbe: probe('/readyz', 2),
            livenessProbe: probe('/healthz', 10),
            startupProbe: { ...probe('/healthz', 2), failureThreshold: 30 },
            resources: {
              requests: { cpu: '100m', memory: '128Mi', 'ephemeral-storage': '64Mi' },
              limits: { cpu: '1', memory: '256Mi', 'ephemeral-storage': '64Mi' },
            },
            securityContext: {
              allowPrivilegeEscalation: false,
              privileged: false,
              readOnlyRootFilesystem: true,
              runAsNonRoot: true,
              capabilities: { drop: ['ALL'] },
            },
            volumeMounts,
          }],
          volumes,
        },
      },
    },
  });
  objects.push({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta(SERVICE_NAME, 'webhook'),
    spec: { minAvailable: 1, selector: { matchLabels: SELECTOR } },
  });
  objects.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(SERVICE_NAME, 'webhook'),
    spec: {
      type: 'ClusterIP',
      selector: SELECTOR,
      ports: [
        { name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' },
        { name: 'metrics', port: METRICS_PORT, targetPort: 'metrics', protocol: 'TCP' },
      ],
    },
  });
  objects.push(...networkPolicies(options));
  objects.push(...namespaceLimits(ns));
  if (options.certManager) objects.push(...certManagerObjects(ns, options.clientNames ?? []));
  objects.push(validatingWebhookConfiguration(options));
  return objects;
}

/** Default deny for the namespace, then what the webhook needs: the API server and Prometheus in, DNS and the API server out. */
function networkPolicies(options: ManifestOptions): K8sObject[] {
  const ns = options.namespace;
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: ns, labels: labels('webhook') },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: SERVICE_NAME, namespace: ns, labels: labels('webhook') },
      spec: {
        podSelector: { matchLabels: SELECTOR },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          { from: options.apiServerCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ port: HTTPS_PORT, protocol: 'TCP' }] },
          { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': options.metricsNamespace } } }], ports: [{ port: METRICS_PORT, protocol: 'TCP' }] },
        ],
        egress: [
          { ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] },
          { to: options.apiServerCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ port: 443, protocol: 'TCP' }, { port: 6443, protocol: 'TCP' }] },
        ],
      },
    },
  ];
}

/** Bounds for the namespace: the webhook's pods fit well inside them. */
function namespaceLimits(ns: string): K8sObject[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'kubeward', namespace: ns, labels: labels('webhook') },
      spec: { hard: { pods: '20', 'requests.cpu': '4', 'requests.memory': '4Gi', 'limits.cpu': '16', 'limits.memory': '8Gi', 'requests.ephemeral-storage': '4Gi', 'limits.ephemeral-storage': '8Gi' } },
    },
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'kubeward', namespace: ns, labels: labels('webhook') },
      spec: {
        limits: [{
          type: 'Container',
          default: { cpu: '1', memory: '256Mi', 'ephemeral-storage': '64Mi' },
          defaultRequest: { cpu: '100m', memory: '128Mi', 'ephemeral-storage': '64Mi' },
          max: { cpu: '2', memory: '1Gi', 'ephemeral-storage': '1Gi' },
        }],
      },
    },
  ];
}

/** The Secret cert-manager writes the API server's client certificate to (with `clientNames`). */
export const APISERVER_CLIENT_SECRET = 'kubeward-apiserver-client';

/**
 * A self-signed root, a CA Issuer and the serving Certificate; cainjector fills the caBundle. With client names,
 * also the API server's client certificate from the same CA (its Secret is copied to the control-plane hosts).
 */
function certManagerObjects(ns: string, clientNames: readonly string[]): K8sObject[] {
  const meta = (name: string) => ({ name, namespace: ns, labels: labels('webhook') });
  const client: K8sObject[] = clientNames.length === 0 ? [] : [{
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: meta(APISERVER_CLIENT_SECRET),
    spec: {
      secretName: APISERVER_CLIENT_SECRET,
      commonName: clientNames[0],
      duration: '8760h',
      renewBefore: '720h',
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
      usages: ['client auth', 'digital signature'],
      issuerRef: { name: 'kubeward-ca', kind: 'Issuer', group: 'cert-manager.io' },
    },
  }];
  return [
    { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: meta('kubeward-selfsigned'), spec: { selfSigned: {} } },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: meta('kubeward-ca'),
      spec: { isCA: true, commonName: 'kubeward-ca', secretName: 'kubeward-ca', duration: '87600h', privateKey: { algorithm: 'ECDSA', size: 256 }, issuerRef: { name: 'kubeward-selfsigned', kind: 'Issuer', group: 'cert-manager.io' } },
    },
    { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: meta('kubeward-ca'), spec: { ca: { secretName: 'kubeward-ca' } } },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: meta(SERVICE_NAME),
      spec: {
        secretName: TLS_SECRET,
        dnsNames: [`${SERVICE_NAME}.${ns}.svc`, `${SERVICE_NAME}.${ns}.svc.cluster.local`],
        duration: '2160h',
        renewBefore: '360h',
        privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
        usages: ['server auth', 'digital signature', 'key encipherment'],
        issuerRef: { name: 'kubeward-ca', kind: 'Issuer', group: 'cert-manager.io' },
      },
    },
    ...client,
  ];
}

function validatingWebhookConfiguration(options: ManifestOptions): K8sObject {
  const ns = options.namespace;
  const clientConfig: Record<string, unknown> = { service: { name: SERVICE_NAME, namespace: ns, path: '/validate', port: 443 } };
  if (!options.certManager && options.caBundle) clientConfig.caBundle = options.caBundle;
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: {
      name: 'kubeward',
      labels: labels('webhook'),
      ...(options.certManager ? { annotations: { 'cert-manager.io/inject-ca-from': `${ns}/${SERVICE_NAME}` } } : {}),
    },
    webhooks: [{
      name: WEBHOOK_NAME,
      admissionReviewVersions: ['v1'],
      sideEffects: 'None',
      failurePolicy: options.failurePolicy,
      timeoutSeconds: options.timeoutSeconds,
      matchPolicy: 'Equivalent',
      clientConfig,
      namespaceSelector: {
        matchExpressions: [
          { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'kube-node-lease', ns] },
          { key: OPT_OUT_LABEL, operator: 'DoesNotExist' },
        ],
      },
      matchConditions: [{
        name: 'not-node-or-self',
        expression: `!request.userInfo.username.startsWith('system:node:') && request.userInfo.username != 'system:serviceaccount:${ns}:${SERVICE_ACCOUNT}'`,
      }],
      rules: webhookRules(options),
    }],
  };
}

/** YAML documents separated by `---`, in install order. */
export function renderManifests(objects: readonly K8sObject[]): string {
  return objects.map((object) => jsYaml.dump(object, { noRefs: true, lineWidth: -1, sortKeys: false })).join('---\n');
}
