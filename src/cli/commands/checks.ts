/**
 * `kubeward checks` lists the built-in checks; `kubeward checks explain ID` prints one check's doc.
 */
import type { Command } from 'commander';
import { ErrorCodes, UsageError } from '../../core/errors.js';
import { readRuleDoc } from '../../io/rule-docs.js';
import { builtinRegistry } from '../../rules/index.js';
import type { Rule } from '../../core/engine/define-rule.js';
import type { CliIo } from '../io.js';
import type { CliState } from '../program.js';

const PEER_NAMES: Record<string, string> = { polaris: 'Polaris', kubeScore: 'kube-score', kubeLinter: 'kube-linter', kubescape: 'Kubescape', trivy: 'Trivy' };

/** The checks index (docs/checks.md): one row per check, generated from the rules' metadata. */
export function renderChecksIndex(rules: readonly Rule[]): string {
  const sorted = [...rules].sort((a, b) => a.meta.category.localeCompare(b.meta.category) || a.id.localeCompare(b.id));
  const rows = sorted.map((rule) => {
    const peers = Object.entries(rule.meta.peers ?? {})
      .filter(([, ids]) => ids && ids.length > 0)
      .map(([tool, ids]) => `${PEER_NAMES[tool] ?? tool}: ${ids!.join(', ')}`)
      .join('; ');
    const title = rule.meta.title.replace(/\|/g, '\\|');
    return `| [\`${rule.id}\`](../src/rules/${rule.id}/${rule.id}.md) | ${rule.meta.category} | ${rule.meta.severity}${rule.meta.optional ? ' (optional)' : ''} | ${title} | ${peers.replace(/\|/g, '\\|')} |`;
  });
  return [
    '# Checks',
    '',
    `Generated from the rules' metadata by \`kubeward checks -o md\`; ${rules.length} checks, ${rules.filter((r) => r.meta.optional).length} of them optional (off unless enabled in \`.kubeward.yaml\`).`,
    '`kubeward checks explain ID` prints a check\'s documentation.',
    '',
    '| check | category | severity | title | same check elsewhere |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

export default function register(program: Command, io: CliIo, _state: CliState): void {
  const checks = program.command('checks').description('List the built-in checks');
  checks
    .option('-o, --output <format>', 'text | json | md', 'text')
    .action((options: { output: string }) => {
      const rules = builtinRegistry().rules;
      if (options.output === 'json') {
        io.stdout(`${JSON.stringify(rules.map((r) => ({ id: r.id, title: r.meta.title, category: r.meta.category, severity: r.meta.severity, optional: Boolean(r.meta.optional), peers: r.meta.peers ?? {} })), null, 2)}\n`);
        return;
      }
      if (options.output === 'md') {
        io.stdout(renderChecksIndex(rules));
        return;
      }
      if (options.output !== 'text') throw new UsageError(ErrorCodes.USAGE, `unknown output format "${options.output}" (text | json | md)`);
      const width = Math.max(...rules.map((r) => r.id.length));
      const lines = [...rules]
        .sort((a, b) => a.meta.category.localeCompare(b.meta.category) || a.id.localeCompare(b.id))
        .map((r) => `${r.id.padEnd(width)}  ${r.meta.severity.padEnd(8)}  ${r.meta.category.padEnd(16)}  ${r.meta.title}${r.meta.optional ? ' (optional)' : ''}`);
      io.stdout(`${lines.join('\n')}\n\n${rules.length} checks. \`kubeward checks explain ID\` prints one check's documentation.\n`);
    });
  checks
    .command('explain <id>')
    .description("Print a check's documentation: what it checks, why it matters, how to fix it")
    .action((id: string) => {
      const rule = builtinRegistry().get(id);
      if (!rule) throw new UsageError(ErrorCodes.UNKNOWN_RULE, `unknown check "${id}"; \`kubeward checks\` lists them`);
      const doc = readRuleDoc(id);
      if (!doc) throw new Error(`check ${id} has no documentation file`);
      io.stdout(`# ${rule.meta.title} (${id})\nseverity: ${rule.meta.severity}   category: ${rule.meta.category}\n${doc.body.trim()}\n`);
    });
}
