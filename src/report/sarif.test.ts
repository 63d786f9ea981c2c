import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_KEY, formatSarif } from './sarif.js';
import { E2E_MANIFEST, HOSTILE_TEXT, hostileReport, sampleReport, scanManifestText } from './sample-report.js';

/**
 * The official SARIF 2.1.0 schema (rtm.5, the one json.schemastore.org serves) as shipped by @microsoft/jest-sarif.
 * It is written in draft-04, whose only difference from draft-07 among the keywords it uses is `id` vs `$id`,
 * so it compiles with ajv's draft-07 validator once `id` is renamed. Its `language` pattern has a stray `]` that
 * only non-unicode regular expressions accept (as the draft-04 validators it was written for did): unicodeRegExp off.
 */
function officialSarifValidator() {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const { $schema, id, ...schema } = JSON.parse(readFileSync(file, 'utf8'));
  expect($schema).toBe('http://json-schema.org/draft-04/schema#');
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormats.default(ajv);
  return ajv.compile({ $id: id, ...schema });
}

const validate = officialSarifValidator();

function sarifOf(report = sampleReport()): Sarif.Log {
  return JSON.parse(formatSarif(report));
}

describe('sarif formatter', () => {
  describe('validates against the official SARIF 2.1.0 schema', () => {
    it.each([
      ['the sample report', () => sampleReport()],
      ['a report with hostile text in names and files', () => hostileReport()],
      ['an end-to-end scan with the built-in rules', () => scanManifestText(E2E_MANIFEST, 'deploy.yaml')],
    ])('%s', (_name, build) => {
      const log = sarifOf(build());
      validate(log);
      expect(validate.errors ?? []).toEqual([]);
    });

    it('and the validator does reject invalid SARIF (level "critical", startLine 0)', () => {
      const badLevel = sarifOf();
      (badLevel.runs[0].results![0] as { level: string }).level = 'critical';
      expect(validate(badLevel)).toBe(false);
      const badLine = sarifOf();
      const located = badLine.runs[0].results!.find((result) => result.locations![0].physicalLocation)!;
      located.locations![0].physicalLocation!.region!.startLine = 0;
      expect(validate(badLine)).toBe(false);
    });
  });

  it('is one kubeward run with the schema URI and version', () => {
    const log = sarifOf();
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].tool.driver).toMatchObject({ name: 'kubeward', version: '0.1.0', semanticVersion: '0.1.0' });
  });

  it('describes every rule with texts, help markdown with the remediation, tags and security-severity', () => {
    const rules = sarifOf().runs[0].tool.driver.rules!;
    expect(rules.map((rule) => rule.id)).toEqual(['privileged', 'run-as-non-root', 'resource-limits', 'latest-tag', 'missing-labels', 'cluster-admin-binding']);
    const privileged = rules[0];
    expect(privileged.name).toBe('Privileged');
    expect(privileged.shortDescription!.text).toBe('Containers must not run privileged');
    expect(privileged.fullDescription!.text).toMatch(/^A privileged container runs with all capabilities/);
    expect(privileged.help!.text).toContain('How to fix: Remove securityContext.privileged');
    expect(privileged.help!.markdown).toContain('**How to fix:** Remove securityContext.privileged');
    expect(privileged.help!.markdown).toContain('- [MITRE ATT&CK T1611 Escape to Host](https://attack.mitre.org/techniques/T1611/)');
    expect(privileged.properties!.tags).toEqual(expect.arrayContaining(['security', 'privilege']));
    expect(rules[5].properties!.tags).toEqual(expect.arrayContaining(['security', 'rbac']));

    const bySeverity = Object.fromEntries(rules.map((rule) => [rule.properties!.severity, rule]));
    expect(bySeverity.critical.properties!['security-severity']).toBe('9.5');
    expect(bySeverity.high.properties!['security-severity']).toBe('8.0');
    expect(bySeverity.medium.properties!['security-severity']).toBe('5.5');
    expect(bySeverity.low.properties!['security-severity']).toBe('3.0');
    expect(bySeverity.info.properties).not.toHaveProperty('security-severity');
    expect(bySeverity.info.defaultConfiguration!.level).toBe('note');
    expect(bySeverity.critical.defaultConfiguration!.level).toBe('error');
  });

  it('writes one result per finding with ruleIndex, level, message, region and a sha256 fingerprint', () => {
    const run = sarifOf().runs[0];
    const results = run.results!;
    expect(results).toHaveLength(7);
    for (const result of results) expect(run.tool.driver.rules![result.ruleIndex!].id).toBe(result.ruleId);

    const privileged = results.find((r) => r.ruleId === 'privileged' && r.locations![0].physicalLocation)!;
    expect(privileged.level).toBe('error');
    expect(privileged.message.text).toBe('Container "app" runs privileged.');
    expect(privileged.locations![0].physicalLocation).toEqual({
      artifactLocation: { uri: 'deploy/web.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 24, startColumn: 13 },
    });
    expect(privileged.locations![0].logicalLocations![0].fullyQualifiedName).toBe('shop/Deployment/web');
    expect(privileged.properties!.path).toBe('spec.template.spec.containers[0].securityContext.privileged');
    const expected = createHash('sha256')
      .update('privileged|Deployment|shop|web|spec.template.spec.containers[0].securityContext.privileged')
      .digest('hex');
    expect(privileged.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: expected });

    const levels = Object.fromEntries(results.map((r) => [r.ruleId, r.level]));
    expect(levels).toMatchObject({ 'run-as-non-root': 'error', 'resource-limits': 'warning', 'latest-tag': 'note', 'missing-labels': 'note' });
  });

  it('gives findings without a file a logical namespace/Kind/name location only', () => {
    const results = sarifOf().runs[0].results!;
    const debug = results.find((r) => r.ruleId === 'privileged' && !r.locations![0].physicalLocation)!;
    expect(debug.locations![0].logicalLocations).toEqual([
      { name: 'debug', fullyQualifiedName: 'default/Pod/debug', kind: 'resource' },
    ]);
    const binding = results.find((r) => r.ruleId === 'cluster-admin-binding')!;
    expect(binding.locations![0].logicalLocations![0].fullyQualifiedName).toBe('ClusterRoleBinding/admins');
  });

  it('marks suppressed results: annotations in source, config exemptions external, with the justification', () => {
    const results = sarifOf().runs[0].results!;
    const suppressed = results.filter((r) => r.suppressions);
    expect(suppressed.map((r) => [r.ruleId, r.suppressions![0].kind, r.suppressions![0].justification])).toEqual([
      ['resource-limits', 'external', 'debug pods are short-lived'],
      ['latest-tag', 'inSource', 'pinned by digest in the prod overlay'],
    ]);
    expect(results.filter((r) => !r.suppressions)).toHaveLength(5);
  });

  it('reports diagnostics as tool execution notifications of the invocation', () => {
    const invocation = sarifOf().runs[0].invocations![0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.startTimeUtc).toBe('2026-03-01T12:00:00.250Z');
    expect(invocation.endTimeUtc).toBe('2026-03-01T12:00:01.484Z');
    const notifications = invocation.toolExecutionNotifications!;
    expect(notifications.map((n) => [n.descriptor!.id, n.level])).toEqual([
      ['E_MANIFEST_PARSE', 'error'],
      ['E_RULE_CRASHED', 'error'],
    ]);
    expect(notifications[0].locations![0].physicalLocation!.region).toEqual({ startLine: 3, startColumn: 5 });
    expect(notifications[1].associatedRule).toEqual({ id: 'resource-limits', index: 2 });
  });

  it('percent-encodes file paths into valid URI references, and gives stdin input no physical location', () => {
    const results = sarifOf(hostileReport()).runs[0].results!;
    const uri = results[0].locations![0].physicalLocation!.artifactLocation!.uri!;
    expect(uri.startsWith('dir%20with%20space/')).toBe(true);
    expect(decodeURIComponent(uri)).toBe(`dir with space/${HOSTILE_TEXT}.yaml`);

    const stdin = sampleReport();
    for (const finding of stdin.results) if (finding.location) finding.location.file = '<stdin>';
    const stdinResults = sarifOf(stdin).runs[0].results!;
    expect(stdinResults.every((r) => r.locations![0].physicalLocation === undefined)).toBe(true);
    validate(sarifOf(stdin));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('adds a descriptor for findings whose rule the report does not list', () => {
    const report = sampleReport();
    report.results.push({ ...report.results[0], ruleId: 'pss-restricted-seccomp', source: 'pss', suppressed: undefined });
    const run = sarifOf(report).runs[0];
    const result = run.results!.find((r) => r.ruleId === 'pss-restricted-seccomp')!;
    expect(run.tool.driver.rules![result.ruleIndex!]).toMatchObject({ id: 'pss-restricted-seccomp', help: { text: expect.any(String) } });
    validate(sarifOf(report));
    expect(validate.errors ?? []).toEqual([]);
  });
});
