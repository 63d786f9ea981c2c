import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { formatJson } from './json.js';
import type { ScanReport } from './model.js';
import { E2E_MANIFEST, hostileReport, sampleReport, scanManifestText } from './sample-report.js';
import { scanReportJsonSchema, scanReportSchema } from './schema.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schemaFile = path.join(repoRoot, 'docs/report-schema.json');

// The zod schema and the TypeScript model must describe the same shape, in both directions. (The model's readonly
// arrays are a compile-time promise JSON cannot express; the schema accepts any E_ code, the model only today's.)
type SchemaShape = z.infer<typeof scanReportSchema>;
type Writable<T> = T extends readonly (infer U)[] ? Writable<U>[] : T extends object ? { -readonly [K in keyof T]: Writable<T[K]> } : T;
type WithAnyCode<T extends { diagnostics: unknown[] }> = Omit<T, 'diagnostics'> & { diagnostics: Array<Omit<T['diagnostics'][number], 'code'> & { code: string }> };
const modelFitsSchema = (report: Writable<ScanReport>): SchemaShape => report;
const schemaFitsModel = (report: SchemaShape): WithAnyCode<ScanReport> => report;
void modelFitsSchema;
void schemaFitsModel;

describe('json formatter', () => {
  it('writes the report unchanged, versioned kubeward/v1', () => {
    const report = sampleReport();
    const parsed = JSON.parse(formatJson(report));
    expect(parsed).toEqual(report);
    expect(parsed.apiVersion).toBe('kubeward/v1');
    expect(parsed.kind).toBe('ScanReport');
  });

  it('docs/report-schema.json is the schema generated from src/report/schema.ts (UPDATE_SCHEMA=1 rewrites it)', () => {
    const generated = `${JSON.stringify(scanReportJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(schemaFile, generated);
    expect(readFileSync(schemaFile, 'utf8')).toBe(generated);
  });

  describe('validates against docs/report-schema.json with ajv (draft 2020-12)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    ajvFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));

    it.each([
      ['the sample report', () => sampleReport()],
      ['a report with hostile text', () => hostileReport()],
      ['an end-to-end scan with the built-in rules', () => scanManifestText(E2E_MANIFEST, 'deploy.yaml')],
    ])('%s', (_name, build) => {
      const report = JSON.parse(formatJson(build()));
      const valid = validate(report);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    });

    it('the end-to-end scan found the privileged container and the parse error', () => {
      const report = scanManifestText(E2E_MANIFEST, 'deploy.yaml');
      expect(report.results.map((finding) => [finding.ruleId, finding.object.name, finding.location?.line])).toContainEqual(['privileged', 'web', 10]);
      expect(report.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['E_MANIFEST_PARSE']);
    });

    it('rejects a report with an unknown severity, a missing field or an extra field', () => {
      const base = JSON.parse(formatJson(sampleReport()));
      const badSeverity = structuredClone(base);
      badSeverity.results[0].severity = 'severe';
      const missing = structuredClone(base);
      delete missing.summary.score;
      const extra = structuredClone(base);
      extra.results[0].secretValue = 'x';
      for (const report of [badSeverity, missing, extra]) expect(validate(report)).toBe(false);
    });
  });
});
