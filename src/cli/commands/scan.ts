/**
 * `kubeward scan PATH…` — manifests in (files, folders, `-` for stdin), findings, score and reports out.
 * Wires io -> core -> report; exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/config/input
 * error, 3 a rule crashed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ConfigError, EMPTY_CONFIG, type ResolvedConfig } from '../../core/config.js';
import type { Registry } from '../../core/engine/registry.js';
import { runRules, type Locator, type ObjectEvaluation } from '../../core/engine/run.js';
import { analysePodSecurity } from '../../analysers/pss/index.js';
import { evaluatePoliciesOnObjects, readPolicySet, type PolicySet } from '../../policy/index.js';
import type { K8sObject } from '../../core/k8s/object.js';
import { ErrorCodes, UsageError } from '../../core/errors.js';
import { isSeverity, severityRank, type Diagnostic, type Finding, type Severity } from '../../core/finding.js';
import { applySuppressions, baselineKeys, createBaseline } from '../../core/suppress.js';
import { findConfigFile, loadConfigFile } from '../../io/config-file.js';
import { readNamespaceLabels } from '../../io/namespace-labels.js';
import { readManifests } from '../../io/manifests.js';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../../report/index.js';
import { buildScanReport, objectKey, type ScanReport } from '../../report/model.js';
import { builtinRegistry } from '../../rules/index.js';
import { ExitCodes, type CliIo } from '../io.js';
import { registerClusterOptions, scanCluster, validateClusterFlags, type ClusterFlags } from './scan-cluster.js';
import { VERSION, type CliState } from '../program.js';

export interface ScanFlags {
  format: string;
  output: string[];
  failOn?: string;
  config?: string | false;
  exclude: string[];
  baseline?: string;
  writeBaseline?: string;
  onlyFailed?: boolean;
  color?: boolean;
  openReports?: boolean;
  disallowAnnotationExemptions?: boolean;
  pss?: string;
  namespaceLabels?: string;
  policy?: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

function parseFormat(value: string, flag: string): ReportFormat {
  if (!(REPORT_FORMATS as readonly string[]).includes(value)) {
    throw new UsageError(ErrorCodes.USAGE, `${flag}: unknown format "${value}" (${REPORT_FORMATS.join(' | ')})`);
  }
  return value as ReportFormat;
}

function parseOutputs(values: readonly string[]): Array<{ format: ReportFormat; file: string }> {
  return values.map((value) => {
    const eq = value.indexOf('=');
    if (eq <= 0 || eq === value.length - 1) throw new UsageError(ErrorCodes.USAGE, `--output ${value}: expected FORMAT=FILE, e.g. --output sarif=kubeward.sarif`);
    return { format: parseFormat(value.slice(0, eq), '--output'), file: value.slice(eq + 1) };
  });
}

function parseFailOn(value: string | undefined, config: ResolvedConfig): Severity | 'none' {
  const chosen = value ?? config.failOn ?? 'high';
  if (chosen !== 'none' && !isSeverity(chosen)) throw new UsageError(ErrorCodes.USAGE, `--fail-on: unknown severity "${chosen}" (critical | high | medium | low | info | none)`);
  return chosen;
}

function loadConfig(flags: ScanFlags, paths: readonly string[], io: CliIo): { config: ResolvedConfig; file?: string } {
  const registry = builtinRegistry();
  try {
    if (flags.config === false) return { config: EMPTY_CONFIG };
    if (typeof flags.config === 'string') {
      const file = path.resolve(io.cwd, flags.config);
      return { config: loadConfigFile(file, registry), file };
    }
    const start = paths.find((p) => p !== '-') ?? '.';
    const file = findConfigFile(path.resolve(io.cwd, start));
    return file ? { config: loadConfigFile(file, registry), file } : { config: EMPTY_CONFIG };
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(ErrorCodes.CONFIG_INVALID, error.message);
    throw new UsageError(ErrorCodes.CONFIG_READ, `cannot read configuration: ${(error as Error).message}`);
  }
}

/** The exit code for a finished scan; the worst condition wins. */
export function exitCodeFor(report: ScanReport, failOn: Severity | 'none'): number {
  if (failOn === 'none') return ExitCodes.OK;
  if (report.diagnostics.some((d) => d.code === ErrorCodes.RULE_CRASHED)) return ExitCodes.INTERNAL;
  if (report.diagnostics.some((d) => d.level === 'fatal' || (d.level === 'error' && d.code !== ErrorCodes.RULE_CRASHED))) return ExitCodes.USAGE;
  const threshold = severityRank(failOn);
  return report.results.some((f) => !f.suppressed && severityRank(f.severity) >= threshold) ? ExitCodes.FINDINGS : ExitCodes.OK;
}

function useColor(flags: ScanFlags, io: CliIo): boolean {
  if (flags.color === false) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.stdoutIsTTY;
}

/** What a scan reads: objects from manifests or a cluster, input diagnostics, and how to locate fields. */
export interface ScanInput {
  objects: K8sObject[];
  diagnostics: Diagnostic[];
  locate?: Locator;
  source: ScanReport['metadata']['source'];
}

export interface AnalyseSettings {
  config: ResolvedConfig;
  flags: ScanFlags;
  startedAt: Date;
  now: () => Date;
  registry: Registry;
  baseline?: Set<string>;
  /** `--pss LEVEL[:VERSION]`: every workload at that level; otherwise against its namespace's labels. */
  pss?: { level: 'baseline' | 'restricted'; version: string };
  namespaceLabels?: Record<string, Record<string, string>>;
  /** `--policy`: ValidatingAdmissionPolicies and Gatekeeper constraints applied alongside the rules. */
  policySet?: PolicySet;
}

/**
 * Findings from analyses outside the rule table (PSS, policies) count as failed evaluations of their objects,
 * so they weigh in the score. The engine shares rule-id arrays between objects, so copy before adding.
 */
function withExtraEvaluations(evaluations: ObjectEvaluation[], extra: readonly Finding[]): ObjectEvaluation[] {
  if (extra.length === 0) return evaluations;
  const byKey = new Map(evaluations.map((evaluation, i) => [objectKey(evaluation.object, evaluation.location), i]));
  const result = [...evaluations];
  for (const finding of extra) {
    const i = byKey.get(objectKey(finding.object, finding.location));
    if (i === undefined || result[i].rules.includes(finding.ruleId)) continue;
    result[i] = { ...result[i], rules: [...result[i].rules, finding.ruleId] };
  }
  return result;
}

const PSS_FLAG = /^(baseline|restricted)(?::(latest|v?\d+\.\d+))?$/;

function parsePssFlag(value: string | undefined): AnalyseSettings['pss'] {
  if (value === undefined) return undefined;
  const match = PSS_FLAG.exec(value);
  if (!match) throw new UsageError(ErrorCodes.USAGE, `--pss ${value}: expected baseline or restricted, optionally with a version (restricted:v1.30, baseline:latest)`);
  const version = match[2] ?? 'latest';
  return { level: match[1] as 'baseline' | 'restricted', version: version === 'latest' || version.startsWith('v') ? version : `v${version}` };
}

/** The shared pipeline: rules, suppressions, report. Manifest and cluster scans both end here. */
export function analyseInput(input: ScanInput, settings: AnalyseSettings): ScanReport {
  const { config, flags, registry } = settings;
  const result = runRules(registry, input.objects, { ...(input.locate ? { locate: input.locate } : {}), rules: config.rules });
  const findings: Finding[] = result.findings;
  const diagnostics: Diagnostic[] = [...input.diagnostics, ...result.diagnostics];
  const podSecurity = analysePodSecurity(input.objects, {
    ...(settings.pss ? { level: settings.pss.level, version: settings.pss.version } : {}),
    ...(settings.namespaceLabels ? { namespaceLabels: settings.namespaceLabels } : {}),
    ...(input.locate ? { locate: input.locate } : {}),
  });
  const policies = settings.policySet
    ? evaluatePoliciesOnObjects(settings.policySet, input.objects, input.locate ? { locate: input.locate } : {})
    : { findings: [], diagnostics: [] };
  const extra = [...podSecurity.findings, ...policies.findings];
  findings.push(...extra);
  diagnostics.push(...podSecurity.diagnostics, ...policies.diagnostics);
  const evaluations = withExtraEvaluations(result.evaluations, extra);
  diagnostics.push(...applySuppressions(findings, input.objects, {
    exemptions: config.exemptions,
    now: settings.startedAt,
    disallowAnnotationExemptions: Boolean(flags.disallowAnnotationExemptions || config.disallowAnnotationExemptions),
    ...(settings.baseline ? { baseline: settings.baseline } : {}),
  }));
  if (input.objects.length === 0) {
    diagnostics.push({ level: 'error', code: ErrorCodes.NO_OBJECTS, message: `no Kubernetes objects found in ${input.source.paths.join(', ') || input.source.context || 'the input'}` });
  }
  return buildScanReport({
    findings,
    diagnostics,
    evaluations,
    rules: registry.rules,
    version: VERSION,
    startedAt: settings.startedAt.toISOString(),
    durationMs: settings.now().getTime() - settings.startedAt.getTime(),
    source: input.source,
  });
}

/** Config, fail-on threshold and baseline for a scan: everything decided before reading the input. */
export function prepareScan(flags: ScanFlags, paths: readonly string[], io: CliIo, registry: Registry): Omit<AnalyseSettings, 'startedAt'> & { failOn: Severity | 'none' } {
  const { config } = loadConfig(flags, paths, io);
  const failOn = parseFailOn(flags.failOn, config);
  let baseline: Set<string> | undefined;
  if (flags.baseline) {
    try {
      baseline = baselineKeys(JSON.parse(readFileSync(path.resolve(io.cwd, flags.baseline), 'utf8')));
    } catch (error) {
      throw new UsageError(ErrorCodes.BASELINE_INVALID, `--baseline ${flags.baseline}: ${(error as Error).message}`);
    }
  }
  const pss = parsePssFlag(flags.pss);
  const namespaceLabels = flags.namespaceLabels ? readNamespaceLabels(path.resolve(io.cwd, flags.namespaceLabels)) : undefined;
  return { config, flags, failOn, registry, now: io.now, ...(baseline ? { baseline } : {}), ...(pss ? { pss } : {}), ...(namespaceLabels ? { namespaceLabels } : {}) };
}

/** Reads `--policy` paths; a path that does not exist is a usage error, a bad policy a diagnostic. */
export async function readPolicies(paths: readonly string[], io: CliIo): Promise<PolicySet> {
  for (const policyPath of paths) {
    if (!existsSync(path.resolve(io.cwd, policyPath))) throw new UsageError(ErrorCodes.USAGE, `--policy ${policyPath}: no such file or directory`);
  }
  return readPolicySet(paths.map((p) => path.resolve(io.cwd, p)), { cwd: io.cwd });
}

/** The manifest scan behind the command; `registry` is replaceable for tests (e.g. a rule that crashes). */
export async function scanManifests(
  paths: readonly string[],
  flags: ScanFlags,
  io: CliIo,
  registry: Registry = builtinRegistry(),
): Promise<{ report: ScanReport; failOn: Severity | 'none' }> {
  const startedAt = io.now();
  const settings = prepareScan(flags, paths, io, registry);
  if (flags.policy && flags.policy.length > 0) settings.policySet = await readPolicies(flags.policy, io);
  const resolved = paths.map((p) => (p === '-' ? p : path.resolve(io.cwd, p)));
  const loaded = await readManifests(resolved, { relativeTo: io.cwd, readStdin: io.readStdin, exclude: [...settings.config.exclude, ...flags.exclude] });
  const fatal = loaded.diagnostics.find((d) => d.level === 'fatal');
  if (fatal) throw new UsageError(ErrorCodes.MANIFEST_READ, fatal.message);
  const report = analyseInput(
    { objects: loaded.objects, diagnostics: loaded.diagnostics, locate: loaded.locate, source: { type: 'manifests', paths: [...paths], files: loaded.files } },
    { ...settings, startedAt },
  );
  return { report, failOn: settings.failOn };
}

export default function register(program: Command, io: CliIo, state: CliState): void {
  const command = program
    .command('scan')
    .description('Check manifests (files, folders, - for stdin) or a live cluster (--cluster) against the built-in checks')
    .argument('[paths...]', 'files or folders (recursive *.yaml, *.yml, *.json); - reads stdin (helm template … | kubeward scan -)')
    .option('-f, --format <format>', `report on stdout: ${REPORT_FORMATS.join(' | ')}`, 'text')
    .option('--output <FORMAT=FILE>', 'also write a report to a file (repeatable), e.g. --output sarif=kubeward.sarif', collect, [])
    .option('--fail-on <severity>', 'lowest severity that fails the run: critical | high | medium | low | info | none (default: high)')
    .option('-c, --config <file>', 'configuration file (default: .kubeward.yaml found upwards from the first path)')
    .option('--no-config', 'ignore .kubeward.yaml files')
    .option('--exclude <glob>', 'skip files matching the glob (repeatable)', collect, [])
    .option('--baseline <file>', 'report only findings that are not in this saved baseline')
    .option('--write-baseline <file>', 'save the current findings as a baseline')
    .option('--only-failed', 'hide suppressed findings in human output')
    .option('--no-color', 'no ANSI colours (NO_COLOR is honoured too)')
    .option('--open-reports', 'policyreport format writes openreports.io/v1alpha1 instead of wgpolicyk8s.io/v1alpha2')
    .option('--pss <level[:version]>', 'evaluate every workload against a Pod Security Standard: baseline | restricted, e.g. restricted:v1.30 (default: each namespace\'s pod-security.kubernetes.io labels)')
    .option('--namespace-labels <file>', 'namespace labels for Pod Security evaluation: a map namespace -> labels, or Namespace objects')
    .option('--policy <path>', 'apply ValidatingAdmissionPolicies (+ bindings) and Gatekeeper ConstraintTemplates (+ constraints) from a file or folder (repeatable)', collect, [])
    .option('--disallow-annotation-exemptions', 'ignore kubeward.io/ignore annotations on objects');
  registerClusterOptions(command);
  command.action(async (paths: string[], flags: ScanFlags & ClusterFlags) => {
    validateClusterFlags(flags, paths);
    if (flags.printRbac) {
      const { printScanRbac } = await import('../../io/policy-reports.js');
      io.stdout(printScanRbac());
      return;
    }
    if (!flags.cluster && paths.length === 0) throw new UsageError(ErrorCodes.USAGE, 'give files or folders to scan (- for stdin), or --cluster');
    const format = parseFormat(flags.format, '--format');
    const outputs = parseOutputs(flags.output);
    const { report, failOn } = flags.cluster ? await scanCluster(flags, io) : await scanManifests(paths, flags, io);
    const formatOptions = { color: useColor(flags, io), openReports: Boolean(flags.openReports), onlyFailed: Boolean(flags.onlyFailed) };
    io.stdout(formatReport(report, format, formatOptions));
    for (const output of outputs) {
      const file = path.resolve(io.cwd, output.file);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, formatReport(report, output.format, { ...formatOptions, color: false }));
    }
    if (flags.writeBaseline) {
      const baseline = createBaseline(report.results);
      writeFileSync(path.resolve(io.cwd, flags.writeBaseline), `${JSON.stringify(baseline, null, 2)}\n`);
      io.stderr(`baseline with ${baseline.findings.length} findings written to ${flags.writeBaseline}\n`);
    }
    if (format !== 'text') {
      for (const diagnostic of report.diagnostics) io.stderr(`${diagnostic.level}: ${diagnostic.message}\n`);
    }
    state.exitCode = exitCodeFor(report, failOn);
  });
}
