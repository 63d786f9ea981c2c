/**
 * The webhook's Prometheus metrics (conventions §1.6): requests by decision, kind and operation, a latency
 * histogram sized to the webhook timeout, evaluation errors, bad requests, policies loaded, certificate reloads,
 * plus prom-client's process metrics. Label values are bounded: a kind outside the known set counts as `other`,
 * so hostile reviews cannot grow the series without limit. With --workers the primary sums the workers' metrics.
 */
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const DURATION_BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Kinds that get their own label value; everything else is `other`. */
const KNOWN_KINDS = new Set([
  'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'ReplicationController', 'PodTemplate',
  'Service', 'Ingress', 'NetworkPolicy', 'Namespace', 'ServiceAccount', 'ConfigMap', 'Secret', 'Role', 'RoleBinding',
  'ClusterRole', 'ClusterRoleBinding', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'PersistentVolumeClaim',
  'PersistentVolume', 'Node', 'RuntimeClass', 'IngressClass', 'Gateway', 'HTTPRoute', 'Rollout',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
]);
const OPERATIONS = new Set(['CREATE', 'UPDATE', 'DELETE', 'CONNECT']);

export type Decision = 'allow' | 'warn' | 'deny';
export type ErrorComponent = 'request' | 'checks' | 'pss' | 'policy' | 'namespace' | 'budget';
export type BadRequestReason = 'invalid_json' | 'invalid_review' | 'too_large' | 'timeout' | 'method' | 'not_found' | 'forbidden';

export interface AdmissionMetrics {
  /** One answered review; positional so the hot path allocates no label object (values are bounded here). */
  observeRequest(operation: string, kind: string, decision: Decision, dryRun: boolean, seconds: number): void;
  evaluationError(component: ErrorComponent): void;
  badRequest(reason: BadRequestReason): void;
  certificateReload(result: 'success' | 'failure'): void;
  configurationReload(result: 'success' | 'failure'): void;
  policiesLoaded(counts: Readonly<Record<string, number>>): void;
  readonly registry: Registry;
}

export function boundedKind(kind: unknown): string {
  return typeof kind === 'string' && KNOWN_KINDS.has(kind) ? kind : 'other';
}

export function boundedOperation(operation: unknown): string {
  return typeof operation === 'string' && OPERATIONS.has(operation) ? operation : 'other';
}

export interface MetricsOptions {
  version: string;
  /** prom-client's process metrics (CPU, memory, event loop lag, GC); off in tests to keep them cheap. */
  processMetrics?: boolean;
}

export function createAdmissionMetrics(options: MetricsOptions): AdmissionMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'kubeward_admission_requests_total',
    help: 'AdmissionReviews answered, by operation, kind, decision (allow, warn = allowed with warnings, deny) and dry run.',
    labelNames: ['operation', 'kind', 'decision', 'dry_run'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'kubeward_admission_request_duration_seconds',
    help: 'Time from the first body byte to the response, by operation.',
    labelNames: ['operation'] as const,
    buckets: DURATION_BUCKETS_SECONDS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'kubeward_admission_evaluation_errors_total',
    help: 'Evaluations that failed and were decided by the failure mode, by component.',
    labelNames: ['component'] as const,
    registers: [registry],
  });
  const badRequests = new Counter({
    name: 'kubeward_admission_bad_requests_total',
    help: 'HTTP requests answered with a 4xx, by reason.',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const reloads = new Counter({
    name: 'kubeward_admission_certificate_reloads_total',
    help: 'TLS certificate reloads after the files changed, by result.',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const configurationReloads = new Counter({
    name: 'kubeward_admission_config_reloads_total',
    help: 'Reloads of --config, --policy and --pss-config after their files changed, by result (a failure keeps the previous configuration).',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const loaded = new Gauge({
    name: 'kubeward_admission_policies_loaded',
    help: 'Checks and policies the webhook enforces, by type.',
    labelNames: ['type'] as const,
    aggregator: 'max',
    registers: [registry],
  });
  new Gauge({ name: 'kubeward_build_info', help: 'kubeward version.', labelNames: ['version'] as const, aggregator: 'max', registers: [registry] }).set({ version: options.version }, 1);
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });

  // Children cached by label string: the hot path then does one map lookup and one increment.
  const requestChildren = new Map<string, Counter.Internal>();
  const durationChildren = new Map<string, Histogram.Internal<'operation'>>();
  return {
    registry,
    observeRequest(rawOperation, rawKind, decision, dryRun, seconds) {
      const operation = boundedOperation(rawOperation);
      const kind = boundedKind(rawKind);
      const key = `${operation}|${kind}|${decision}|${dryRun}`;
      let counter = requestChildren.get(key);
      if (!counter) {
        counter = requests.labels({ operation, kind, decision, dry_run: String(dryRun) });
        requestChildren.set(key, counter);
      }
      counter.inc();
      let histogram = durationChildren.get(operation);
      if (!histogram) {
        histogram = duration.labels({ operation });
        durationChildren.set(operation, histogram);
      }
      histogram.observe(seconds);
    },
    evaluationError: (component) => errors.inc({ component }),
    badRequest: (reason) => badRequests.inc({ reason }),
    certificateReload: (result) => reloads.inc({ result }),
    configurationReload: (result) => configurationReloads.inc({ result }),
    policiesLoaded(counts) {
      for (const [type, count] of Object.entries(counts)) loaded.set({ type }, count);
    },
  };
}

/** In a worker: answer the primary's requests for this worker's metrics (prom-client's cluster protocol). */
export function serveMetricsToPrimary(registry: Registry): void {
  // Constructing an AggregatorRegistry in a worker installs prom-client's IPC listener.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}

/** In the primary: the workers' metrics summed (gauges marked `max` take the maximum). */
export function clusterMetricsText(aggregator: { clusterMetrics(): Promise<string> }): Promise<string> {
  return aggregator.clusterMetrics();
}

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;
