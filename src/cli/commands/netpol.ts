/**
 * `kubeward netpol list [--exposure]|exposure|diff|can`: NetworkPolicy reachability over manifests. Wires io ->
 * analyser -> report; warnings (input skipped, policy traps) go to stderr. `can` exits 0 for yes and 1 for no.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { ErrorCodes, UsageError } from '../../core/errors.js';
import type { Diagnostic } from '../../core/finding.js';
import type { K8sObject } from '../../core/k8s/object.js';
import { readManifests } from '../../io/manifests.js';
import {
  analyseExposure,
  analyseReachability,
  diffConnections,
  parseProtocolPort,
  peerId,
  workloadMatches,
  type ConnectionFilter,
  type NetpolWarning,
  type ReachabilityReport,
} from '../../analysers/netpol/index.js';
import { formatIpRange, parseIpv4, rangesContain } from '../../analysers/netpol/ip.js';
import type { Endpoint } from '../../analysers/netpol/policy-engine.js';
import { CONNLIST_FORMATS, formatConnlist, type ConnlistFormat } from '../../report/netpol/connlist.js';
import { formatConnlistExposure } from '../../report/netpol/connlist-exposure.js';
import { DIFF_FORMATS, formatDiff, type DiffFormat } from '../../report/netpol/diff.js';
import { EXPOSURE_FORMATS, formatExposure, type ExposureFormat } from '../../report/netpol/exposure.js';
import { ExitCodes, type CliIo } from '../io.js';
import type { CliState } from '../program.js';

const collect = (value: string, previous: string[]) => [...previous, value];

function pickFormat<T extends string>(value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(ErrorCodes.USAGE, `-o: unknown format "${value}" (${allowed.join(' | ')})`);
  return value as T;
}

async function load(paths: readonly string[], io: CliIo): Promise<K8sObject[]> {
  if (paths.length === 0) throw new UsageError(ErrorCodes.USAGE, 'give at least one manifest file or folder');
  // Paths are relative to the CLI's working directory, which in-process callers set through io.cwd.
  const inputs = paths.map((input) => (input === '-' ? input : path.resolve(io.cwd, input)));
  const loaded = await readManifests(inputs, { relativeTo: io.cwd, readStdin: io.readStdin });
  printDiagnostics(loaded.diagnostics, io);
  if (loaded.diagnostics.some((d) => d.level === 'fatal')) throw new UsageError(ErrorCodes.MANIFEST_READ, 'cannot read the input');
  return loaded.objects;
}

function printDiagnostics(diagnostics: readonly Diagnostic[], io: CliIo): void {
  for (const diagnostic of diagnostics) io.stderr(`${diagnostic.level}: ${diagnostic.message}\n`);
}

function printWarnings(warnings: readonly NetpolWarning[], io: CliIo): void {
  for (const warning of warnings) io.stderr(`warning: ${warning.message}\n`);
}

function write(io: CliIo, text: string): void {
  if (text !== '') io.stdout(text.endsWith('\n') ? text : `${text}\n`);
}

interface ListFlags {
  output: string;
  focusWorkload: string[];
  focusWorkloadPeer: string[];
  focusDirection?: string;
  focusConn?: string;
  exposure?: boolean;
  quiet?: boolean;
}

function filterOf(flags: ListFlags): ConnectionFilter {
  const filter: ConnectionFilter = {};
  if (flags.focusWorkload.length > 0) filter.focusWorkloads = flags.focusWorkload.flatMap((v) => v.split(','));
  if (flags.focusWorkloadPeer.length > 0) filter.focusWorkloadPeers = flags.focusWorkloadPeer.flatMap((v) => v.split(','));
  if (flags.focusDirection !== undefined) {
    if (flags.focusDirection !== 'ingress' && flags.focusDirection !== 'egress') throw new UsageError(ErrorCodes.USAGE, '--focus-direction: ingress | egress');
    filter.focusDirection = flags.focusDirection;
  }
  if (flags.focusConn !== undefined) {
    const parsed = parseProtocolPort(flags.focusConn);
    if (!parsed) throw new UsageError(ErrorCodes.USAGE, `--focus-conn ${flags.focusConn}: expected PROTOCOL-PORT, e.g. tcp-8080`);
    filter.focusConnection = parsed;
  }
  return filter;
}

/** Resolves a `can` end: a workload (`name`, `ns/name`) or an IPv4 address. */
function endpointOf(text: string, report: ReachabilityReport, side: 'source' | 'destination'): { endpoint: Endpoint; label: string } {
  const address = parseIpv4(text);
  if (address !== undefined) {
    const atoms = side === 'source' ? report.engine.ingressAtoms : report.engine.egressAtoms;
    const index = atoms.findIndex((range) => rangesContain([range], address));
    return { endpoint: { kind: 'ip', index }, label: `${text} (${formatIpRange(atoms[index])}[External])` };
  }
  const matches = report.model.workloads.filter((workload) => workloadMatches(workload, [text]));
  if (matches.length === 0) throw new UsageError(ErrorCodes.USAGE, `${side} "${text}": no such workload (use name or namespace/name)`);
  if (matches.length > 1) throw new UsageError(ErrorCodes.USAGE, `${side} "${text}" is ambiguous: ${matches.map((w) => w.id).join(', ')}`);
  return { endpoint: { kind: 'class', index: matches[0].classes[0] }, label: matches[0].id };
}

export default function register(program: Command, io: CliIo, state: CliState): void {
  const netpol = program.command('netpol').description('NetworkPolicy reachability: connections, exposure, diff and single checks');

  netpol
    .command('list')
    .description('List allowed connections between workloads and external address ranges (np-guard formats)')
    .argument('<paths...>', 'manifest files or folders (- for stdin)')
    .option('-o, --output <format>', CONNLIST_FORMATS.join(' | '), 'txt')
    .option('--focus-workload <name>', 'only connections of this workload (name or ns/name); repeatable', collect, [])
    .option('--focus-workload-peer <name>', 'with --focus-workload: only connections with this peer; repeatable', collect, [])
    .option('--focus-direction <direction>', 'with --focus-workload: ingress | egress')
    .option('--focus-conn <conn>', 'only connections allowing this protocol and port, e.g. tcp-8080')
    .option('--exposure', 'add exposure analysis: what workloads may exchange with the entire cluster and with pods the manifests do not hold')
    .option('-q, --quiet', 'do not print warnings')
    .action(async (paths: string[], flags: ListFlags) => {
      const format = pickFormat<ConnlistFormat>(flags.output, CONNLIST_FORMATS);
      const filter = filterOf(flags);
      const report = analyseReachability(await load(paths, io), filter, { exposure: flags.exposure === true });
      if (!flags.quiet) printWarnings(report.warnings, io);
      const view = { connections: report.connections, workloads: report.workloads, ...(filter.focusConnection ? { focusConnection: filter.focusConnection } : {}) };
      write(io, report.exposure ? formatConnlistExposure({ ...view, exposure: report.exposure }, format) : formatConnlist(view, format));
    });

  netpol
    .command('exposure')
    .description('Per workload: protected or not, and what any pod in any namespace and external addresses may exchange with it (np-guard format: list --exposure)')
    .argument('<paths...>', 'manifest files or folders (- for stdin)')
    .option('-o, --output <format>', EXPOSURE_FORMATS.join(' | '), 'txt')
    .option('--focus-workload <name>', 'only this workload (name or ns/name); repeatable', collect, [])
    .action(async (paths: string[], flags: { output: string; focusWorkload: string[] }) => {
      const format = pickFormat<ExposureFormat>(flags.output, EXPOSURE_FORMATS);
      const report = analyseExposure(await load(paths, io));
      printWarnings(report.engine.model.warnings, io);
      const names = flags.focusWorkload.flatMap((v) => v.split(','));
      const selected = report.workloads.filter((e) => names.length === 0 || workloadMatches(e.workload, names));
      write(io, formatExposure(selected, format));
    });

  netpol
    .command('diff')
    .description('Compare the connectivity of two sets of manifests (ref1 = A, ref2 = B)')
    .argument('<a>', 'first manifests file or folder (ref1)')
    .argument('<b>', 'second manifests file or folder (ref2)')
    .option('-o, --output <format>', DIFF_FORMATS.join(' | '), 'txt')
    .action(async (a: string, b: string, flags: { output: string }) => {
      const format = pickFormat<DiffFormat>(flags.output, DIFF_FORMATS);
      const before = analyseReachability(await load([a], io));
      const after = analyseReachability(await load([b], io));
      const workloadIds = (report: ReachabilityReport) => new Set(report.workloads.map(peerId));
      const peers = (report: ReachabilityReport) => new Set([...workloadIds(report), ...report.connections.flatMap((c) => [peerId(c.src), peerId(c.dst)])]);
      const diffs = diffConnections(before.connections, after.connections, workloadIds(before), workloadIds(after), { includeUnchanged: format === 'dot' });
      write(io, formatDiff({ diffs, peersBefore: peers(before), peersAfter: peers(after) }, format));
    });

  netpol
    .command('can')
    .description('Can SRC reach DST? Prints yes or no and the policies that decide it; exit 0 for yes, 1 for no')
    .argument('<src>', 'source workload (name or ns/name) or IPv4 address')
    .argument('<dst>', 'destination workload (name or ns/name) or IPv4 address')
    .argument('<paths...>', 'manifest files or folders (- for stdin)')
    .option('--port <port>', 'one port, e.g. 443/TCP, udp-53 or 8080 (TCP); without it, print every allowed port')
    .action(async (src: string, dst: string, paths: string[], flags: { port?: string }) => {
      const report = analyseReachability(await load(paths, io));
      printWarnings(report.warnings, io);
      const source = endpointOf(src, report, 'source');
      const destination = endpointOf(dst, report, 'destination');
      if (source.endpoint.kind === 'ip' && destination.endpoint.kind === 'ip') throw new UsageError(ErrorCodes.USAGE, 'one end must be a workload');
      const { engine } = report;
      const egressSide = source.endpoint.kind === 'class' ? { subject: source.endpoint.index, peer: destination.endpoint } : undefined;
      const ingressSide = destination.endpoint.kind === 'class' ? { subject: destination.endpoint.index, peer: source.endpoint } : undefined;
      if (flags.port === undefined) {
        const egress = egressSide ? engine.allowedInDirection('egress', egressSide.subject, egressSide.peer) : undefined;
        const ingress = ingressSide ? engine.allowedInDirection('ingress', ingressSide.subject, ingressSide.peer) : undefined;
        const allowed = egress && ingress ? egress.intersect(ingress) : (egress ?? ingress)!;
        io.stdout(`${allowed.isEmpty ? 'no' : 'yes'}: ${source.label} => ${destination.label} : ${allowed}\n`);
        if (egress) io.stdout(`  egress allows:  ${egress}\n`);
        if (ingress) io.stdout(`  ingress allows: ${ingress}\n`);
        state.exitCode = allowed.isEmpty ? ExitCodes.FINDINGS : ExitCodes.OK;
        return;
      }
      const port = parseProtocolPort(flags.port);
      if (!port) throw new UsageError(ErrorCodes.USAGE, `--port ${flags.port}: expected e.g. 443/TCP, udp-53 or 8080`);
      const verdicts = [
        ...(egressSide ? [{ direction: 'egress', ...engine.explainDirection('egress', egressSide.subject, egressSide.peer, port.protocol, port.port) }] : []),
        ...(ingressSide ? [{ direction: 'ingress', ...engine.explainDirection('ingress', ingressSide.subject, ingressSide.peer, port.protocol, port.port) }] : []),
      ];
      const allowed = verdicts.every((v) => v.allowed);
      io.stdout(`${allowed ? 'yes' : 'no'}: ${source.label} => ${destination.label} on ${port.protocol}/${port.port}\n`);
      for (const verdict of verdicts) {
        io.stdout(`  ${verdict.direction.padEnd(7)} ${verdict.allowed ? 'allowed by' : 'denied:'} ${verdict.reasons.join('; ')}\n`);
      }
      state.exitCode = allowed ? ExitCodes.OK : ExitCodes.FINDINGS;
    });
}
