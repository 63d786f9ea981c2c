import { describe, expect, it } from 'vitest';
import { pod } from '../../testing/index.js';
import { resolveConfig, ConfigError } from '../config.js';
import { applySuppressions, findingKey } from '../suppress.js';
import type { Finding } from '../finding.js';
import { defineRule, formatMessage } from './define-rule.js';
import { createRegistry } from './registry.js';
import { runRules } from './run.js';

const onPods = defineRule({
  id: 'pod-named-web',
  meta: { title: 't', category: 'hygiene', severity: 'low', description: 'd', remediation: 'r', appliesTo: ['Pod'], messages: { named: 'Pod is named {{name}}.' } },
  defaultOptions: { name: 'web' },
  validateOptions: (options: unknown) => (typeof (options as { name?: unknown }).name === 'string' ? [] : ['name: expected a string']),
  check(object, ctx) {
    return object.metadata?.name === ctx.options.name ? [{ messageId: 'named', path: 'metadata.name', data: { name: ctx.options.name } }] : [];
  },
});

describe('createRegistry', () => {
  it('rejects duplicate and malformed ids, naming the rule', () => {
    expect(() => createRegistry([onPods, onPods])).toThrow('rule pod-named-web: duplicate id');
    expect(() => createRegistry([{ ...onPods, id: 'Bad_Id' }])).toThrow('rule Bad_Id: id must be kebab-case');
    expect(() => createRegistry([{ ...onPods, meta: { ...onPods.meta, severity: 'huge' as never } }])).toThrow('unknown severity huge');
  });
});

describe('runRules', () => {
  it('applies rules by kind, fills messages, merges options and records evaluations', () => {
    const registry = createRegistry([onPods]);
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' } };
    const result = runRules(registry, [pod(), service], { rules: { 'pod-named-web': { options: { name: 'web' }, severity: 'high' } } });
    expect(result.findings).toEqual([expect.objectContaining({ ruleId: 'pod-named-web', severity: 'high', message: 'Pod is named web.', path: 'metadata.name' })]);
    expect(result.evaluations.map((e) => e.rules)).toEqual([['pod-named-web'], []]);
    expect(runRules(registry, [pod()], { rules: { 'pod-named-web': { enabled: false } } }).findings).toEqual([]);
  });

  it('turns an unknown messageId into a crash, not a silent pass', () => {
    const broken = defineRule({ ...onPods, id: 'broken', check: () => [{ messageId: 'nope' as never }] });
    const result = runRules(createRegistry([broken]), [pod()]);
    expect(result.findings).toEqual([]);
    expect(result.diagnostics[0]).toMatchObject({ code: 'E_RULE_CRASHED', ruleId: 'broken' });
    expect(result.evaluations[0]).toMatchObject({ rules: [], crashed: ['broken'] });
  });

  it('leaves unknown placeholders visible', () => {
    expect(formatMessage('a {{x}} {{y}}', { x: 1 })).toBe('a 1 {{y}}');
  });
});

describe('resolveConfig', () => {
  const registry = createRegistry([onPods]);
  it('validates keys, check ids and rule options, naming each problem', () => {
    try {
      resolveConfig({ version: 1, checks: { 'pod-named-web': { options: { name: 3 } }, 'no-such': 'off' }, extra: true }, registry, 'k.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('k.yaml');
      expect((error as ConfigError).problems.join('\n')).toMatch(/extra|Unrecognized/);
    }
    expect(() => resolveConfig({ version: 1, checks: { 'pod-named-web': { options: { name: 3 } }, 'no-such': 'off' } }, registry)).toThrow(/checks\.pod-named-web\.options: name: expected a string[\s\S]*checks\.no-such: unknown check id/);
    expect(() => resolveConfig({ version: 2 }, registry)).toThrow(/version/);
  });
});

describe('suppression', () => {
  const finding = (): Finding => ({ ruleId: 'pod-named-web', severity: 'low', category: 'hygiene', messageId: 'named', message: 'm', object: { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'web' }, path: 'metadata.name', location: { file: 'a.yaml', doc: 0, line: 3, column: 1 } });

  it('keys findings by check, object and path, not by line', () => {
    const moved = { ...finding(), location: { file: 'a.yaml', doc: 0, line: 30, column: 1 } };
    expect(findingKey(moved)).toBe(findingKey(finding()));
    expect(findingKey({ ...finding(), path: 'spec' })).not.toBe(findingKey(finding()));
  });

  it('matches exemptions by namespace, kind, name wildcard and labels; expired ones warn and stop applying', () => {
    const findings = [finding()];
    const diagnostics = applySuppressions(findings, [pod()], {
      now: new Date('2026-06-01T00:00:00Z'),
      exemptions: [
        { checks: ['pod-named-web'], namespaces: ['shop'], reason: 'old', expires: '2026-05-31' },
        { kinds: ['Pod'], names: ['w*'], labels: { app: 'web' }, reason: 'current' },
      ],
    });
    expect(findings[0].suppressed).toEqual({ kind: 'config', reason: 'current' });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'E_EXEMPTION_EXPIRED' })]);
    const other = [finding()];
    applySuppressions(other, [pod()], { now: new Date(), exemptions: [{ labels: { app: 'api' }, reason: 'x' }] });
    expect(other[0].suppressed).toBeUndefined();
  });
});
