/**
 * Publishes a cluster scan as PolicyReports (conventions §1.3): one per namespace plus one cluster-wide report, in
 * openreports.io/v1alpha1 when the cluster serves it, else wgpolicyk8s.io/v1alpha2. Same names every run, written
 * with create-or-update, and kubeward's reports that the run did not write are deleted. Also prints the RBAC a scan needs.
 */
import { stringify } from 'yaml';
import { UsageError } from '../core/errors.js';
import { buildPolicyReports, type PolicyReportDocument } from '../report/policyreport.js';
import type { ScanReport } from '../report/model.js';
import { ClusterCodes, createApiClient, loadKubeConfig, statusText, type ApiClient, type ApiResponse, type ConnectOptions } from './cluster.js';

export const MANAGED_BY_SELECTOR = 'app.kubernetes.io/managed-by=kubeward';

/** The two report APIs, newest first: auto-detection prefers the first one the cluster serves. */
export const REPORT_APIS = {
  openreports: { group: 'openreports.io', version: 'v1alpha1', namespaced: 'reports', cluster: 'clusterreports' },
  wgpolicyk8s: { group: 'wgpolicyk8s.io', version: 'v1alpha2', namespaced: 'policyreports', cluster: 'clusterpolicyreports' },
} as const;
export type ReportApiName = keyof typeof REPORT_APIS;

/**
 * etcd refuses objects over 1.5 MiB. A report above this size keeps its summary and non-pass results; the pass
 * results are left out and the report says so in an annotation.
 */
const MAX_REPORT_BYTES = 1_000_000;
const TRIMMED_ANNOTATION = 'kubeward.io/results-trimmed';

export interface ApplyReportsOptions extends ConnectOptions {
  /** `auto` (default) picks openreports.io when served, else wgpolicyk8s.io. */
  api?: 'auto' | ReportApiName;
  /** The scan covered only this namespace: write and clean up only its report. */
  namespace?: string;
}

export interface ApplyReportsResult {
  api: ReportApiName;
  /** `namespace/name` or `name` of each report, by what happened to it. */
  created: string[];
  updated: string[];
  unchanged: string[];
  deleted: string[];
}

function reportsError(message: string): UsageError {
  return new UsageError(ClusterCodes.REPORTS_APPLY, message);
}

function failure(action: string, response: ApiResponse): Error {
  const { reason, message } = statusText(response);
  return reportsError(`could not ${action}: ${response.status} ${reason}${message ? ` (${message})` : ''}`);
}

async function serves(client: ApiClient, api: ReportApiName): Promise<boolean> {
  const { group, version, namespaced } = REPORT_APIS[api];
  const response = await client.request('GET', `/apis/${group}/${version}`);
  return response.status === 200 && Array.isArray(response.body?.resources) && response.body.resources.some((r: any) => r?.name === namespaced);
}

function collectionPath(api: ReportApiName, namespace: string | undefined): string {
  const { group, version, namespaced, cluster } = REPORT_APIS[api];
  return namespace === undefined ? `/apis/${group}/${version}/${cluster}` : `/apis/${group}/${version}/namespaces/${encodeURIComponent(namespace)}/${namespaced}`;
}

function keyOf(namespace: string | undefined, name: string): string {
  return namespace === undefined ? name : `${namespace}/${name}`;
}

/** Keeps a report under the size etcd accepts: without pass results when it must, the summary unchanged. */
export function fitReport(document: PolicyReportDocument): PolicyReportDocument & { metadata: { annotations?: Record<string, string> } } {
  if (Buffer.byteLength(JSON.stringify(document)) <= MAX_REPORT_BYTES) return document;
  const results = document.results.filter((result) => result.result !== 'pass');
  return {
    ...document,
    metadata: { ...document.metadata, annotations: { [TRIMMED_ANNOTATION]: `${document.results.length - results.length} pass results left out to stay under the object size limit; the summary counts them` } },
    results,
  };
}

/** What a report says, without the fields the API server adds: equal content means no write. */
function sameContent(existing: any, wanted: any): boolean {
  const pick = (o: any) => JSON.stringify({ labels: o?.metadata?.labels ?? {}, annotations: o?.metadata?.annotations ?? {}, source: o?.source, summary: o?.summary, results: o?.results ?? [] });
  return pick(existing) === pick(wanted);
}

async function upsert(client: ApiClient, api: ReportApiName, document: PolicyReportDocument, result: ApplyReportsResult): Promise<void> {
  const namespace = document.metadata.namespace;
  const name = document.metadata.name;
  const collection = collectionPath(api, namespace);
  const itemPath = `${collection}/${encodeURIComponent(name)}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await client.request('GET', itemPath);
    if (current.status === 404) {
      const created = await client.request('POST', collection, { body: document });
      if (created.status === 201 || created.status === 200) {
        result.created.push(keyOf(namespace, name));
        return;
      }
      if (created.status === 409) continue; // created meanwhile: update it on the next attempt
      throw failure(`create ${document.kind} ${keyOf(namespace, name)}`, created);
    }
    if (current.status !== 200) throw failure(`read ${document.kind} ${keyOf(namespace, name)}`, current);
    if (sameContent(current.body, document)) {
      result.unchanged.push(keyOf(namespace, name));
      return;
    }
    const replacement = { ...document, metadata: { ...document.metadata, resourceVersion: current.body?.metadata?.resourceVersion } };
    const updated = await client.request('PUT', itemPath, { body: replacement });
    if (updated.status === 200) {
      result.updated.push(keyOf(namespace, name));
      return;
    }
    if (updated.status !== 409) throw failure(`update ${document.kind} ${keyOf(namespace, name)}`, updated);
  }
  throw reportsError(`could not write ${document.kind} ${keyOf(namespace, name)}: it kept changing underneath (409 Conflict three times)`);
}

/** Deletes kubeward's reports of one API that this run did not write, within the scan's scope. */
async function deleteStale(client: ApiClient, api: ReportApiName, written: Set<string>, scopeNamespace: string | undefined, result: ApplyReportsResult): Promise<void> {
  const collections = scopeNamespace === undefined
    ? [{ path: `/apis/${REPORT_APIS[api].group}/${REPORT_APIS[api].version}/${REPORT_APIS[api].namespaced}`, clusterScoped: false }, { path: collectionPath(api, undefined), clusterScoped: true }]
    : [{ path: collectionPath(api, scopeNamespace), clusterScoped: false }];
  for (const collection of collections) {
    let continueToken: string | undefined;
    const stale: Array<{ namespace?: string; name: string }> = [];
    do {
      const listed = await client.request('GET', collection.path, { query: { labelSelector: MANAGED_BY_SELECTOR, limit: '500', continue: continueToken } });
      if (listed.status !== 200) throw failure(`list ${REPORT_APIS[api].group} reports`, listed);
      for (const item of Array.isArray(listed.body?.items) ? listed.body.items : []) {
        const namespace = collection.clusterScoped ? undefined : item?.metadata?.namespace;
        const name = String(item?.metadata?.name ?? '');
        if (!written.has(`${api}|${keyOf(namespace, name)}`)) stale.push({ ...(namespace !== undefined ? { namespace } : {}), name });
      }
      continueToken = listed.body?.metadata?.continue || undefined;
    } while (continueToken);
    for (const report of stale) {
      const deleted = await client.request('DELETE', `${collectionPath(api, report.namespace)}/${encodeURIComponent(report.name)}`);
      if (deleted.status !== 200 && deleted.status !== 202 && deleted.status !== 404) throw failure(`delete stale report ${keyOf(report.namespace, report.name)}`, deleted);
      result.deleted.push(keyOf(report.namespace, report.name));
    }
  }
}

/**
 * Writes the scan's reports to the cluster and removes kubeward's stale ones (labelled
 * `app.kubernetes.io/managed-by: kubeward`; reports of other tools are never touched). Running it twice leaves one
 * report per namespace. Throws a UsageError when no report API is served or a write is refused.
 */
export async function applyPolicyReports(report: ScanReport, options: ApplyReportsOptions): Promise<ApplyReportsResult> {
  const client = createApiClient(loadKubeConfig(options));
  try {
    const served = { openreports: await serves(client, 'openreports'), wgpolicyk8s: await serves(client, 'wgpolicyk8s') };
    const wanted = options.api ?? 'auto';
    const api: ReportApiName | undefined = wanted === 'auto' ? (served.openreports ? 'openreports' : served.wgpolicyk8s ? 'wgpolicyk8s' : undefined) : wanted;
    if (!api || !served[api]) {
      const which = api ? `${REPORT_APIS[api].group}/${REPORT_APIS[api].version}` : 'neither openreports.io/v1alpha1 nor wgpolicyk8s.io/v1alpha2';
      throw reportsError(`cannot apply reports: the cluster serves ${api ? `no ${which}` : which}; install the PolicyReport CRDs (for example with Policy Reporter or Kyverno) first`);
    }
    const documents = buildPolicyReports(report, { openReports: api === 'openreports' })
      .filter((document) => options.namespace === undefined || document.metadata.namespace === options.namespace)
      .map(fitReport);
    const result: ApplyReportsResult = { api, created: [], updated: [], unchanged: [], deleted: [] };
    const written = new Set<string>();
    for (const document of documents) {
      await upsert(client, api, document, result);
      written.add(`${api}|${keyOf(document.metadata.namespace, document.metadata.name)}`);
    }
    for (const other of Object.keys(REPORT_APIS) as ReportApiName[]) {
      if (served[other]) await deleteStale(client, other, written, options.namespace, result);
    }
    return result;
  } finally {
    client.close();
  }
}

/**
 * What `kubeward scan --cluster` lists from the built-in APIs (it lists every listable resource discovery shows;
 * anything the role does not grant becomes a "could not list" warning, never a failure).
 */
export const SCAN_READ_RULES: ReadonlyArray<{ apiGroups: string[]; resources: string[] }> = [
  {
    apiGroups: [''],
    resources: [
      'configmaps', 'endpoints', 'limitranges', 'namespaces', 'nodes', 'persistentvolumeclaims', 'persistentvolumes', 'pods',
      'podtemplates', 'replicationcontrollers', 'resourcequotas', 'secrets', 'serviceaccounts', 'services',
    ],
  },
  { apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings'] },
  { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'] },
  { apiGroups: ['apps'], resources: ['controllerrevisions', 'daemonsets', 'deployments', 'replicasets', 'statefulsets'] },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'] },
  { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'] },
  { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests'] },
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'] },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'] },
  { apiGroups: ['networking.k8s.io'], resources: ['ingressclasses', 'ingresses', 'networkpolicies'] },
  { apiGroups: ['node.k8s.io'], resources: ['runtimeclasses'] },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'] },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterrolebindings', 'clusterroles', 'rolebindings', 'roles'] },
  { apiGroups: ['scheduling.k8s.io'], resources: ['priorityclasses'] },
  { apiGroups: ['storage.k8s.io'], resources: ['csidrivers', 'csinodes', 'storageclasses', 'volumeattachments'] },
];

const RBAC_HEADER = `# RBAC for kubeward (printed by kubeward scan --print-rbac).
#
# kubeward-scan: read-only (get, list) on the built-in resources a cluster scan lists. The scan also lists every
# custom resource the cluster serves (for example argoproj.io rollouts, which embed pod templates): add their
# groups to a rule here; what the role does not grant is reported as "could not list ...", and the scan goes on.
# Note: list on secrets returns their values to the caller. kubeward keeps only metadata and type and never prints
# values; drop "secrets" from the first rule to keep the credential from reading them at all (the
# legacy-service-account-token check then reports "could not list secrets").
#
# kubeward-reports: the extra verbs for kubeward scan --cluster --apply-reports (PolicyReports of both APIs).
#
# Bind them to the identity that runs the scan, for example:
#   kubectl create clusterrolebinding kubeward-scan --clusterrole=kubeward-scan --serviceaccount=kubeward:kubeward
#   kubectl create clusterrolebinding kubeward-reports --clusterrole=kubeward-reports --serviceaccount=kubeward:kubeward
`;

/** The read-only ClusterRole a scan needs, plus the ClusterRole for --apply-reports, as YAML. */
export function printScanRbac(): string {
  const labels = { 'app.kubernetes.io/name': 'kubeward' };
  const scanRole = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'kubeward-scan', labels },
    rules: SCAN_READ_RULES.map((rule) => ({ apiGroups: rule.apiGroups, resources: rule.resources, verbs: ['get', 'list'] })),
  };
  const reportsRole = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'kubeward-reports', labels },
    rules: Object.values(REPORT_APIS).map((api) => ({
      apiGroups: [api.group],
      resources: [api.namespaced, api.cluster],
      verbs: ['get', 'list', 'create', 'update', 'delete'],
    })),
  };
  return `${RBAC_HEADER}${[scanRole, reportsRole].map((document) => stringify(document, { lineWidth: 0 })).join('---\n')}`;
}
