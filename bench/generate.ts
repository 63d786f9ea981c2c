/**
 * Deterministic generator of a realistic manifest set for the scan benchmark: a mix of workloads, services,
 * config, RBAC and policies across namespaces, some hardened and some not, as multi-document YAML.
 */
import jsYaml from 'js-yaml';
import { seededRandom } from '../src/testing/random.js';

export function generateManifests(count: number, seed = 42): { text: string; objects: number } {
  const rand = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const chance = (p: number) => rand() < p;
  const namespaces = Array.from({ length: Math.max(1, Math.round(count / 200)) }, (_, i) => `team-${i}`);
  const images = ['nginx:1.25.3', 'nginx', 'registry.example.com/shop/api:2.4.1', 'ghcr.io/acme/worker:latest', 'postgres:16@sha256:' + 'ab'.repeat(32), 'redis:7.2', 'busybox'];
  const docs: string[] = [];

  const container = (name: string, hardened: boolean) => ({
    name,
    image: pick(images),
    ...(chance(0.5) ? { imagePullPolicy: pick(['Always', 'IfNotPresent']) } : {}),
    ports: [{ name: 'http', containerPort: pick([8080, 80, 3000, 22]) }],
    env: [
      { name: 'LOG_LEVEL', value: 'info' },
      ...(chance(0.2) ? [{ name: 'DB_PASSWORD', value: 'hunter2-not-real' }] : []),
      { name: 'DB_HOST', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'db_host' } } },
    ],
    ...(hardened || chance(0.5)
      ? { resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } } }
      : {}),
    ...(hardened || chance(0.4)
      ? { livenessProbe: { httpGet: { path: '/healthz', port: 'http' } }, readinessProbe: { httpGet: { path: '/ready', port: 'http' } } }
      : {}),
    securityContext: hardened
      ? { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } }
      : { ...(chance(0.1) ? { privileged: true } : {}), ...(chance(0.3) ? { capabilities: { add: [pick(['NET_ADMIN', 'SYS_ADMIN', 'NET_RAW'])] } } : {}) },
    volumeMounts: [{ name: 'data', mountPath: '/data' }],
  });

  const podSpec = (name: string) => {
    const hardened = chance(0.4);
    return {
      ...(hardened ? { securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } } } : {}),
      ...(chance(0.05) ? { hostNetwork: true } : {}),
      serviceAccountName: chance(0.7) ? name : 'default',
      containers: [container(name, hardened), ...(chance(0.3) ? [container(`${name}-sidecar`, hardened)] : [])],
      ...(chance(0.2) ? { initContainers: [container(`${name}-init`, hardened)] } : {}),
      volumes: [chance(0.1) ? { name: 'data', hostPath: { path: pick(['/var/run/docker.sock', '/var/log', '/etc']) } } : { name: 'data', emptyDir: {} }],
    };
  };

  for (let i = 0; docs.length < count; i++) {
    const namespace = pick(namespaces);
    const name = `app-${i}`;
    const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'shop', tier: pick(['web', 'api', 'worker']) };
    const metadata = { name, namespace, labels, annotations: { 'example.com/owner': `team-${i % 7}` } };
    const template = { metadata: { labels }, spec: podSpec(name) };
    const selector = { matchLabels: { 'app.kubernetes.io/name': name } };
    const roll = rand();
    const add = (object: unknown) => docs.push(jsYaml.dump(object, { lineWidth: 120, noRefs: true }));
    if (roll < 0.3) add({ apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec: { replicas: pick([1, 2, 3]), selector, template } });
    else if (roll < 0.35) add({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata, spec: { serviceName: name, replicas: 3, selector, template } });
    else if (roll < 0.37) add({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata, spec: { selector, template } });
    else if (roll < 0.42) add({ apiVersion: 'batch/v1', kind: 'CronJob', metadata, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { ...template, spec: { ...template.spec, restartPolicy: 'OnFailure' } } } } } });
    else if (roll < 0.62) add({ apiVersion: 'v1', kind: 'Service', metadata, spec: { type: pick(['ClusterIP', 'ClusterIP', 'NodePort', 'LoadBalancer']), selector: { 'app.kubernetes.io/name': `app-${Math.max(0, i - 1)}` }, ports: [{ port: 80, targetPort: 'http' }] } });
    else if (roll < 0.77) add({ apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { 'db_host': 'postgres.db.svc', 'settings.yaml': 'feature: true\nretries: 3\n', ...(chance(0.1) ? { api_token: 'not-a-real-token-0000' } : {}) } });
    else if (roll < 0.82) add({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata, spec: { ...(chance(0.5) ? { tls: [{ hosts: [`${name}.example.com`], secretName: `${name}-tls` }] } : {}), rules: [{ host: `${name}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { number: 80 } } } }] } }] } });
    else if (roll < 0.87) add({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec: { podSelector: chance(0.3) ? {} : selector, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'web' } } }], ports: [{ port: 8080 }] }] } });
    else if (roll < 0.92) add({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata, rules: [{ apiGroups: [''], resources: chance(0.3) ? ['secrets'] : ['configmaps'], verbs: chance(0.2) ? ['*'] : ['get', 'list'] }] });
    else if (roll < 0.95) add({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name }, subjects: [{ kind: 'ServiceAccount', name, namespace }] });
    else add({ apiVersion: 'v1', kind: 'ServiceAccount', metadata, automountServiceAccountToken: chance(0.5) ? false : undefined });
  }
  for (const namespace of namespaces) docs.push(jsYaml.dump({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } }));
  return { text: docs.map((doc) => `---\n${doc}`).join(''), objects: docs.length };
}
