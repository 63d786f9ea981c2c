/**
 * Benchmark of `kubeward scan --cluster`: a simulated cluster (N running pods with their Deployments, ReplicaSets,
 * Services, RBAC and nodes) served by the fake API server (a test double), scanned end to end, next to a file scan
 * of the same objects in the same run. Server, cluster scan and file scan each run in their own process, so each
 * scan's peak RSS is its own. `npm run bench` calls benchClusterScan(); a test runs it small and asserts no timing.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import jsYaml from 'js-yaml';
import type { K8sObject } from '../../core/k8s/object.js';

const run = promisify(execFile);
const self = fileURLToPath(import.meta.url);
/** Under tsx or vitest this file is TypeScript; compiled (npm run bench) it is plain JavaScript. */
const nodeArgs = (extra: string[]) => [...(self.endsWith('.ts') ? ['--import', 'tsx'] : []), '--max-old-space-size=4096', self, ...extra];

const PODS_PER_DEPLOYMENT = 5;
const DEPLOYMENTS_PER_NAMESPACE = 10;

function container(name: string, index: number): Record<string, unknown> {
  return {
    name,
    image: `registry.example.com/team/${name}:1.${index % 20}.0`,
    ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'DB_HOST', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'db_host' } } }],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 },
    readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5 },
    volumeMounts: [{ name: 'config', mountPath: '/etc/app' }, { name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
    securityContext: index % 3 === 0
      ? { privileged: index % 9 === 0, allowPrivilegeEscalation: true }
      : { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
  };
}

function podSpec(name: string, index: number, node?: string): Record<string, unknown> {
  return {
    serviceAccountName: 'app',
    ...(node ? { nodeName: node } : {}),
    securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    containers: [container(name, index)],
    volumes: [
      { name: 'config', configMap: { name: 'app-config' } },
      { name: 'kube-api-access', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3607 } }, { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }] } },
    ],
    restartPolicy: 'Always',
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
    terminationGracePeriodSeconds: 30,
    tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
  };
}

/** Bookkeeping the API server adds to every object; the scanner drops it, so it should be there to drop. */
function managedFields(manager: string): unknown[] {
  return [{ manager, operation: 'Update', apiVersion: 'v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } } }];
}

/** A deterministic cluster with `pods` running pods (rounded to whole Deployments). */
export function simulatedCluster(pods: number): K8sObject[] {
  // Plain records: owner references carry uids, which the K8sObject helper type does not list.
  const objects: Array<Record<string, any>> = [];
  const deployments = Math.max(1, Math.round(pods / PODS_PER_DEPLOYMENT));
  const namespaces = Math.max(1, Math.ceil(deployments / DEPLOYMENTS_PER_NAMESPACE));
  const nodes = Math.max(3, Math.ceil(pods / 30));
  for (let n = 0; n < nodes; n++) {
    objects.push({
      apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${n}`, labels: { 'kubernetes.io/hostname': `node-${n}` } },
      status: { nodeInfo: { kubeletVersion: n % 50 === 7 ? 'v1.27.9' : 'v1.31.2', containerRuntimeVersion: 'containerd://1.7.22', operatingSystem: 'linux', architecture: 'amd64' } },
    });
  }
  for (let c = 0; c < 20; c++) {
    objects.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: `team-reader-${c}` }, rules: [{ apiGroups: [''], resources: ['pods', 'services'], verbs: ['get', 'list', 'watch'] }] });
    objects.push({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `team-reader-${c}` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: c === 0 ? 'cluster-admin' : `team-reader-${c}` },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: `team-${c}` }],
    });
  }
  let deploymentIndex = 0;
  for (let ns = 0; ns < namespaces; ns++) {
    const namespace = `team-${ns}`;
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: ns % 2 === 0 ? { 'pod-security.kubernetes.io/enforce': 'baseline' } : {} } });
    objects.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'app', namespace } });
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace }, data: { db_host: 'db.example.internal' } });
    objects.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'app', namespace }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] });
    objects.push({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'app', namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'app' }, subjects: [{ kind: 'ServiceAccount', name: 'app', namespace }],
    });
    for (let d = 0; d < DEPLOYMENTS_PER_NAMESPACE && deploymentIndex < deployments; d++, deploymentIndex++) {
      const name = `svc-${d}`;
      const labels = { app: name };
      const hash = `${(deploymentIndex * 7919).toString(36)}a`;
      objects.push({
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace, labels, managedFields: managedFields('kubectl') },
        spec: { replicas: PODS_PER_DEPLOYMENT, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec('app', deploymentIndex) } },
        status: { replicas: PODS_PER_DEPLOYMENT, readyReplicas: PODS_PER_DEPLOYMENT, availableReplicas: PODS_PER_DEPLOYMENT },
      });
      objects.push({
        apiVersion: 'apps/v1', kind: 'ReplicaSet',
        metadata: { name: `${name}-${hash}`, namespace, labels: { ...labels, 'pod-template-hash': hash }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid: `d-${deploymentIndex}`, controller: true }] },
        spec: { replicas: PODS_PER_DEPLOYMENT, selector: { matchLabels: { ...labels, 'pod-template-hash': hash } }, template: { metadata: { labels: { ...labels, 'pod-template-hash': hash } }, spec: podSpec('app', deploymentIndex) } },
        status: { replicas: PODS_PER_DEPLOYMENT },
      });
      for (let p = 0; p < PODS_PER_DEPLOYMENT; p++) {
        const podIndex = deploymentIndex * PODS_PER_DEPLOYMENT + p;
        objects.push({
          apiVersion: 'v1', kind: 'Pod',
          metadata: {
            name: `${name}-${hash}-${p.toString(36)}x${(podIndex % 997).toString(36)}`, namespace, labels: { ...labels, 'pod-template-hash': hash },
            ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${name}-${hash}`, uid: `rs-${deploymentIndex}`, controller: true, blockOwnerDeletion: true }],
            managedFields: managedFields('kube-controller-manager'),
          },
          spec: podSpec('app', deploymentIndex, `node-${podIndex % nodes}`),
          status: {
            phase: 'Running', podIP: `10.${(podIndex >> 16) & 255}.${(podIndex >> 8) & 255}.${podIndex & 255}`, qosClass: 'Burstable', startTime: '2026-01-01T00:00:00Z',
            conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' })),
            containerStatuses: [{ name: 'app', ready: true, restartCount: 0, started: true, image: `registry.example.com/team/app:1.${deploymentIndex % 20}.0`, imageID: `registry.example.com/team/app@sha256:${'ab'.repeat(32)}`, containerID: `containerd://${'cd'.repeat(32)}`, state: { running: { startedAt: '2026-01-01T00:00:05Z' } } }],
          },
        });
      }
      objects.push({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
    }
  }
  return objects as K8sObject[];
}

export interface ScanMeasurement {
  objects: number;
  findings: number;
  wallMs: number;
  objectsPerSecond: number;
  maxRssMb: number;
}

export interface ClusterBenchResult {
  pods: number;
  objects: number;
  clusterScan: ScanMeasurement & { requests: number };
  fileScan: ScanMeasurement & { megabytes: number };
  /** Cluster-scan throughput over file-scan throughput. */
  ratioToFileScan: number;
  targets: { ratioToFileScan: number; maxRssMb: number };
}

/** One scan in this process: what the child prints. */
async function measureScan(mode: 'cluster' | 'files', input: string): Promise<ScanMeasurement> {
  const { memoryIo } = await import('../../cli/io.js');
  const io = memoryIo({ cwd: path.dirname(input), env: {} });
  const flags = { format: 'json', output: [], exclude: [], config: false as const };
  const start = performance.now();
  let report;
  if (mode === 'cluster') {
    const { scanCluster } = await import('../../cli/commands/scan-cluster.js');
    ({ report } = await scanCluster({ ...flags, cluster: true, kubeconfig: input }, io));
  } else {
    const { scanManifests } = await import('../../cli/commands/scan.js');
    ({ report } = await scanManifests([input], flags, io));
  }
  const wallMs = performance.now() - start;
  if (report.diagnostics.some((d) => d.level !== 'warning')) throw new Error(`bench scan failed: ${JSON.stringify(report.diagnostics.slice(0, 3))}`);
  return {
    objects: report.summary.objects,
    findings: report.results.length,
    wallMs: Math.round(wallMs),
    objectsPerSecond: Math.round((report.summary.objects / wallMs) * 1000),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** Serves the objects in `objectsFile` until stdin closes; prints `ready` once the kubeconfig is written. */
async function serve(objectsFile: string, kubeconfigFile: string, requestsFile: string): Promise<void> {
  const { startFakeApiServer } = await import('./server.js');
  const server = await startFakeApiServer({ objects: JSON.parse(readFileSync(objectsFile, 'utf8')), tokens: { bench: { name: 'bench' } } });
  writeFileSync(kubeconfigFile, server.kubeconfig({ token: 'bench' }));
  process.stdout.write('ready\n');
  process.stdin.resume();
  process.stdin.on('end', () => {
    writeFileSync(requestsFile, String(server.requests.length));
    void server.close().then(() => process.exit(0));
  });
}

/** Runs the benchmark; `pods` defaults to the 5,000. */
export async function benchClusterScan(options: { pods?: number } = {}): Promise<ClusterBenchResult> {
  const pods = options.pods ?? 5000;
  const objects = simulatedCluster(pods);
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-cluster-bench-'));
  const objectsFile = path.join(dir, 'objects.json');
  const manifestFile = path.join(dir, 'cluster.yaml');
  const kubeconfigFile = path.join(dir, 'kubeconfig');
  const requestsFile = path.join(dir, 'requests');
  writeFileSync(objectsFile, JSON.stringify(objects));
  const yamlText = objects.map((object) => jsYaml.dump(object, { noRefs: true, lineWidth: -1 })).join('---\n');
  writeFileSync(manifestFile, yamlText);
  const server = spawn(process.execPath, nodeArgs(['--serve', objectsFile, kubeconfigFile, requestsFile]), { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
      server.stdout.on('data', (chunk: Buffer) => { if (chunk.toString().includes('ready')) resolve(); });
    });
    const measure = async (mode: string, input: string) =>
      JSON.parse((await run(process.execPath, nodeArgs(['--measure', mode, input]), { maxBuffer: 1 << 20 })).stdout) as ScanMeasurement;
    const clusterScan = await measure('cluster', kubeconfigFile);
    const fileScan = await measure('files', manifestFile);
    const serverExit = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    server.stdin.end();
    await serverExit;
    return {
      pods,
      objects: objects.length,
      clusterScan: { ...clusterScan, requests: Number(readFileSync(requestsFile, 'utf8')) },
      fileScan: { ...fileScan, megabytes: Number((Buffer.byteLength(yamlText) / 2 ** 20).toFixed(2)) },
      ratioToFileScan: Number((clusterScan.objectsPerSecond / fileScan.objectsPerSecond).toFixed(3)),
      targets: { ratioToFileScan: 0.5, maxRssMb: 1024 },
    };
  } finally {
    if (server.exitCode === null) server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<void> {
  const [mode, ...args] = argv;
  if (mode === '--serve') return serve(args[0], args[1], args[2]);
  if (mode === '--measure') {
    process.stdout.write(JSON.stringify(await measureScan(args[0] as 'cluster' | 'files', args[1])));
    return;
  }
  // No mode: `node cluster-bench.js [PODS]` runs the whole benchmark.
  process.stdout.write(`${JSON.stringify(await benchClusterScan({ pods: Number(mode ?? 5000) }), null, 2)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === self) await main(process.argv.slice(2));
