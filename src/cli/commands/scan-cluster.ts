/**
 * `kubeward scan --cluster`: the live-cluster half of the scan command. Reads the cluster (src/io/cluster.ts), runs
 * the same pipeline as a manifest scan (analyseInput), and can publish PolicyReports or print the RBAC it needs.
 * scan.ts registers the options and calls scanCluster; this file holds no process state.
 */
import type { Command } from 'commander';
import type { Registry } from '../../core/engine/registry.js';
import { ErrorCodes, UsageError } from '../../core/errors.js';
import type { Severity } from '../../core/finding.js';
import type { ClusterProgress } from '../../io/cluster.js';
import type { ScanReport } from '../../report/model.js';
import { builtinRegistry } from '../../rules/index.js';
import type { CliIo } from '../io.js';
import { analyseInput, prepareScan, type ScanFlags, readPolicies } from './scan.js';

export interface ClusterFlags {
  cluster?: boolean;
  context?: string;
  kubeconfig?: string;
  namespace?: string;
  allNamespaces?: boolean;
  selector?: string;
  applyReports?: boolean;
  printRbac?: boolean;
}

/** Adds the cluster options to the scan command. */
export function registerClusterOptions(command: Command): Command {
  return command
    .option('--cluster', 'scan the cluster of the current kubeconfig context instead of files')
    .option('--context <name>', 'kubeconfig context to scan (default: current-context)')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, then the in-cluster ServiceAccount)')
    .option('-n, --namespace <namespace>', 'scan only this namespace (its objects and the Namespace itself)')
    .option('-A, --all-namespaces', 'scan every namespace and the cluster-scoped objects (the default with --cluster)')
    .option('-l, --selector <selector>', 'scan only objects matching this label selector, e.g. app=web,tier!=db')
    .option('--apply-reports', 'with --cluster: write the results as PolicyReports (one per namespace) and a ClusterPolicyReport')
    .option('--print-rbac', 'print the ClusterRoles a cluster scan (and --apply-reports) needs, then exit');
}

const CLUSTER_ONLY_FLAGS: Array<[keyof ClusterFlags, string]> = [
  ['context', '--context'],
  ['kubeconfig', '--kubeconfig'],
  ['namespace', '--namespace'],
  ['allNamespaces', '--all-namespaces'],
  ['selector', '--selector'],
  ['applyReports', '--apply-reports'],
];

/** Rejects flag combinations that cannot mean anything; scan.ts calls it before choosing manifests or cluster. */
export function validateClusterFlags(flags: ClusterFlags, paths: readonly string[]): void {
  if (flags.printRbac) return;
  if (flags.cluster && paths.length > 0) throw new UsageError(ErrorCodes.USAGE, '--cluster scans the cluster; do not pass paths as well');
  if (!flags.cluster) {
    const used = CLUSTER_ONLY_FLAGS.filter(([key]) => flags[key] !== undefined && flags[key] !== false).map(([, flag]) => flag);
    if (used.length > 0) throw new UsageError(ErrorCodes.USAGE, `${used.join(', ')} ${used.length === 1 ? 'needs' : 'need'} --cluster`);
  }
  if (flags.namespace && flags.allNamespaces) throw new UsageError(ErrorCodes.USAGE, '-n/--namespace and -A/--all-namespaces exclude each other');
  if (flags.applyReports && flags.selector) {
    throw new UsageError(ErrorCodes.USAGE, '--apply-reports cannot be combined with --selector: a report must cover its whole namespace');
  }
}

/** A one-line progress display on a terminal's stderr, erased when the scan ends. */
function progressLine(io: CliIo): { update: (progress: ClusterProgress) => void; clear: () => void } | undefined {
  if (!io.stderrIsTTY) return undefined;
  let shown = false;
  return {
    update(progress) {
      shown = true;
      io.stderr(`\r\u001b[Kkubeward: listed ${progress.done}/${progress.total} resource types, ${progress.objects} objects (${progress.resource})`);
    },
    clear() {
      if (shown) io.stderr('\r\u001b[K');
    },
  };
}

/** The cluster scan behind `scan --cluster`; mirrors scanManifests. `registry` is replaceable for tests. */
export async function scanCluster(
  flags: ScanFlags & ClusterFlags,
  io: CliIo,
  registry: Registry = builtinRegistry(),
): Promise<{ report: ScanReport; failOn: Severity | 'none' }> {
  validateClusterFlags({ ...flags, cluster: true }, []);
  const startedAt = io.now();
  const settings = prepareScan(flags, [], io, registry);
  if (flags.policy && flags.policy.length > 0) settings.policySet = await readPolicies(flags.policy, io);
  const connect = {
    ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
    ...(flags.context ? { context: flags.context } : {}),
    env: io.env,
    cwd: io.cwd,
  };
  // The Kubernetes client is loaded only for a cluster scan: importing it costs every other command ~0.3 s.
  const { readClusterObjects } = await import('../../io/cluster.js');
  const progress = progressLine(io);
  let input;
  try {
    input = await readClusterObjects({
      ...connect,
      ...(flags.namespace ? { namespace: flags.namespace } : {}),
      ...(flags.allNamespaces ? { allNamespaces: true } : {}),
      ...(flags.selector ? { labelSelector: flags.selector } : {}),
      ...(progress ? { onProgress: progress.update } : {}),
    });
  } finally {
    progress?.clear();
  }
  const report = analyseInput(input, { ...settings, startedAt });
  if (flags.applyReports) {
    const { applyPolicyReports } = await import('../../io/policy-reports.js');
    try {
      const applied = await applyPolicyReports(report, {
        ...connect,
        api: flags.openReports ? 'openreports' : 'auto',
        ...(flags.namespace ? { namespace: flags.namespace } : {}),
      });
      io.stderr(`reports (${applied.api}): ${applied.created.length} created, ${applied.updated.length} updated, ${applied.unchanged.length} unchanged, ${applied.deleted.length} stale deleted\n`);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      // The scan itself succeeded: keep its report, and let the error diagnostic set exit code 2.
      report.diagnostics.push({ level: 'error', code: error.code, message: error.message });
    }
  }
  return { report, failOn: settings.failOn };
}
