/**
 * `kubeward pss what-if --level L PATH…`: which workloads each namespace would reject or warn about if its
 * enforce label were set to L, offline, with PSA's own messages (a `kubectl label --dry-run=server` that also
 * covers controllers). `kubeward pss validate-config FILE` checks a PodSecurityConfiguration.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { ErrorCodes, UsageError } from '../../core/errors.js';
import { describeRef } from '../../core/k8s/object.js';
import { readManifests } from '../../io/manifests.js';
import {
  formatFieldError, isLevel, parsePodSecurityConfigurationText, parseVersion, whatIfEnforce,
  type PodSecurityConfiguration, type WhatIfReport, type WhatIfWorkload,
} from '../../analysers/pss/index.js';
import type { CliIo } from '../io.js';
import { ExitCodes } from '../io.js';
import type { CliState } from '../program.js';

interface WhatIfFlags {
  level: string;
  version?: string;
  policyVersion?: string;
  namespace?: string;
  output: string;
  config?: string;
}

async function loadConfig(file: string, io: CliIo): Promise<PodSecurityConfiguration> {
  let text: string;
  try {
    text = await readFile(path.resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(ErrorCodes.CONFIG_READ, `cannot read ${file}: ${(error as Error).message}`);
  }
  const parsed = parsePodSecurityConfigurationText(text);
  for (const warning of parsed.warnings) io.stderr(`warning: ${file}: ${formatFieldError(warning)}\n`);
  if (!parsed.ok) throw new UsageError(ErrorCodes.PSS_CONFIG_INVALID, `${file} is not a valid PodSecurityConfiguration:\n${parsed.errors.map((e) => `  ${formatFieldError(e)}`).join('\n')}`);
  return parsed.config;
}

function forbiddenLine(workload: WhatIfWorkload): string {
  if (workload.outcome === 'rejected') return `pods ${JSON.stringify(workload.object.name)} is forbidden: ${workload.message}`;
  if (workload.outcome === 'warned') return `Warning: ${workload.message}`;
  return `exempt (${workload.exemptBecause}): ${workload.message}`;
}

function formatTable(report: WhatIfReport): string {
  const rows = report.namespaces.flatMap((ns) => ns.workloads.map((w) => [ns.namespace, `${w.object.kind}/${w.object.name}`, w.outcome, w.reasons.join(', ')]));
  const evaluated = report.namespaces.reduce((sum, ns) => sum + ns.evaluated, 0);
  const blocked = report.namespaces.reduce((sum, ns) => sum + ns.workloads.filter((w) => w.outcome !== 'exempt').length, 0);
  const lines = [`Pod Security what-if: enforce=${report.levelVersion}`, ''];
  if (rows.length > 0) {
    const header = ['NAMESPACE', 'WORKLOAD', 'OUTCOME', 'REASONS'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const row of [header, ...rows]) lines.push(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  '));
    for (const ns of report.namespaces) {
      if (ns.workloads.length === 0) continue;
      lines.push('', `namespace ${ns.namespace}:`);
      for (const warning of ns.dryRunWarnings) lines.push(`  Warning: ${warning}`);
      for (const workload of ns.workloads) {
        const note = workload.outcome === 'warned' ? ' (admitted with a warning; the pods it creates would be rejected)' : '';
        lines.push(`  ${describeRef(workload.object)}${note}`, `    ${forbiddenLine(workload)}`);
      }
    }
    lines.push('');
  }
  const namespaceCount = report.namespaces.length;
  lines.push(`${blocked} of ${evaluated} workloads in ${namespaceCount} ${namespaceCount === 1 ? 'namespace' : 'namespaces'} would be rejected or warned at ${report.levelVersion}.`);
  return `${lines.join('\n')}\n`;
}

export default function register(program: Command, io: CliIo, state: CliState): void {
  const pss = program.command('pss').description('Pod Security Standards, exactly as Kubernetes Pod Security Admission enforces them');

  pss
    .command('what-if')
    .description('Show which workloads each namespace would reject or warn about if its enforce label were set')
    .argument('<paths...>', 'manifest files or folders; - reads stdin')
    .requiredOption('--level <level>', 'privileged | baseline | restricted')
    .option('--version <version>', 'policy version: latest (default) or v1.N')
    // The root program's -V/--version takes `--version` unless the program enables positional options,
    // so the same flag is also offered under a name nothing else claims.
    .option('--policy-version <version>', 'same as --version')
    .option('--namespace <namespace>', 'only this namespace')
    .option('--config <file>', 'a PodSecurityConfiguration (or AdmissionConfiguration) whose exemptions apply')
    .option('-o, --output <format>', 'table | json', 'table')
    .action(async (paths: string[], flags: WhatIfFlags) => {
      if (!isLevel(flags.level)) throw new UsageError(ErrorCodes.USAGE, `invalid --level "${flags.level}": must be one of privileged, baseline, restricted`);
      const versionText = flags.version ?? flags.policyVersion ?? 'latest';
      const version = parseVersion(versionText);
      if (version === undefined) throw new UsageError(ErrorCodes.USAGE, `invalid --version "${versionText}": must be "latest" or "v1.x"`);
      if (flags.output !== 'table' && flags.output !== 'json') throw new UsageError(ErrorCodes.USAGE, `unknown output format "${flags.output}" (table | json)`);
      const config = flags.config ? await loadConfig(flags.config, io) : undefined;
      const inputs = paths.map((input) => (input === '-' ? input : path.resolve(io.cwd, input)));
      const loaded = await readManifests(inputs, { relativeTo: io.cwd, readStdin: io.readStdin });
      const fatal = loaded.diagnostics.find((d) => d.level === 'fatal');
      if (fatal) throw new UsageError(fatal.code, fatal.message);
      for (const diagnostic of loaded.diagnostics) {
        const where = diagnostic.location ? ` (${diagnostic.location.file}:${diagnostic.location.line})` : '';
        io.stderr(`${diagnostic.level}: ${diagnostic.message}${where}\n`);
      }
      const report = whatIfEnforce(loaded.objects, { level: flags.level, version }, { namespace: flags.namespace, config });
      io.stdout(flags.output === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatTable(report));
      const blocked = report.namespaces.some((ns) => ns.workloads.some((w) => w.outcome !== 'exempt'));
      state.exitCode = blocked ? ExitCodes.FINDINGS : ExitCodes.OK;
    });

  pss
    .command('validate-config')
    .description("Validate Pod Security Admission's PodSecurityConfiguration file")
    .argument('<file>', 'a PodSecurityConfiguration or an AdmissionConfiguration with the PodSecurity plugin')
    .action(async (file: string) => {
      await loadConfig(file, io);
      io.stdout(`${file}: valid PodSecurityConfiguration\n`);
    });
}
