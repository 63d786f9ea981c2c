/**
 * The `kubeward/v1` ScanReport as a zod schema: the source of the published JSON Schema
 * (`docs/report-schema.json`, draft 2020-12) and a parser for consumers that read saved reports.
 * Objects are strict so that a field added to the model without a schema update fails the schema test.
 */
import { z } from 'zod';
import { SEVERITIES } from '../core/finding.js';
import { REPORT_API_VERSION } from './model.js';

/**
 * Names (`$defs` in the JSON Schema) and descriptions of the schema's parts. A local registry keeps them out of
 * zod's global one, where ids must be unique per process.
 */
const definitions = z.registry<{ id?: string; description?: string }>();

function described<T extends z.ZodType>(schema: T, description: string): T {
  definitions.add(schema as z.ZodType, { description });
  return schema;
}

const severity = z.enum(SEVERITIES);
const count = z.int().min(0);
const score = described(z.int().min(0).max(100), '0–100; see the score formula in src/report/model.ts');

const objectRef = z.strictObject({
  apiVersion: z.string(),
  kind: z.string(),
  namespace: described(z.string().optional(), 'absent for cluster-scoped objects'),
  name: z.string(),
}).register(definitions, { id: 'ObjectRef' });

const sourceLocation = z.strictObject({
  file: z.string(),
  doc: described(z.int().min(0), 'index of the YAML document in the file, 0-based'),
  line: z.int().min(1),
  column: z.int().min(1),
  endLine: z.int().min(1).optional(),
  endColumn: z.int().min(1).optional(),
  origin: described(z.string(), "where the text was rendered from: Helm's `# Source:` or Kustomize's origin path").optional(),
}).register(definitions, { id: 'SourceLocation' });

const suppression = z.strictObject({
  kind: z.enum(['annotation', 'config', 'baseline']),
  reason: z.string(),
  expires: z.string().optional(),
}).register(definitions, { id: 'Suppression' });

const finding = z.strictObject({
  ruleId: z.string(),
  severity,
  category: z.string(),
  messageId: z.string(),
  message: z.string(),
  object: objectRef,
  path: described(z.string().optional(), 'dotted field path inside the object, `[i]` for list items'),
  location: sourceLocation.optional(),
  suppressed: described(suppression.optional(), 'present when the finding is suppressed; it is still reported'),
  source: z.string().optional(),
}).register(definitions, { id: 'Finding' });

const diagnostic = z.strictObject({
  level: z.enum(['warning', 'error', 'fatal']),
  // A pattern, not the enum of today's codes: a report with a newer code still validates against this schema.
  code: described(z.string().regex(/^E_[A-Z0-9_]+$/), 'an error code from docs/errors.md, e.g. E_MANIFEST_PARSE'),
  message: z.string(),
  location: sourceLocation.optional(),
  ruleId: z.string().optional(),
  object: objectRef.optional(),
  cause: z.string().optional(),
}).register(definitions, { id: 'Diagnostic' });

const ruleSummary = z.strictObject({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  severity,
  description: z.string(),
  remediation: z.string(),
  references: z.array(z.strictObject({ title: z.string(), url: z.string().optional() })),
  peers: z.record(z.string(), z.array(z.string())),
  failed: count,
  passed: count,
  suppressed: count,
}).register(definitions, { id: 'RuleSummary' });

const namespaceSummary = z.strictObject({
  namespace: described(z.string(), '`(cluster)` groups cluster-scoped objects'),
  score,
  objects: count,
  fail: count,
  pass: count,
}).register(definitions, { id: 'NamespaceSummary' });

const objectEvaluation = z.strictObject({
  object: objectRef,
  location: sourceLocation.optional(),
  rules: described(z.array(z.string()), 'rules that ran on the object and did not crash'),
  crashed: z.array(z.string()).optional(),
}).register(definitions, { id: 'ObjectEvaluation' });

export const scanReportSchema = z.strictObject({
  apiVersion: z.literal(REPORT_API_VERSION),
  kind: z.literal('ScanReport'),
  metadata: z.strictObject({
    tool: z.strictObject({ name: z.literal('kubeward'), version: z.string() }),
    startedAt: z.iso.datetime(),
    durationMs: z.number().min(0).optional(),
    source: z.strictObject({
      type: z.enum(['manifests', 'cluster']),
      paths: z.array(z.string()),
      files: z.array(z.string()),
      context: z.string().optional(),
    }),
  }),
  summary: z.strictObject({
    objects: count,
    evaluations: count,
    pass: count,
    fail: count,
    skip: count,
    error: count,
    bySeverity: z.strictObject(Object.fromEntries(SEVERITIES.map((s) => [s, count])) as Record<(typeof SEVERITIES)[number], typeof count>),
    findings: count,
    suppressed: count,
    score,
    namespaces: z.array(namespaceSummary),
  }),
  rules: z.array(ruleSummary),
  results: described(z.array(finding), 'findings, suppressed ones included'),
  diagnostics: z.array(diagnostic),
  objects: z.array(objectEvaluation),
});

/** The JSON Schema published as docs/report-schema.json. */
export function scanReportJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scanReportSchema, { target: 'draft-2020-12', metadata: definitions }),
    $id: 'urn:kubeward:schema:scan-report:v1',
    title: 'kubeward ScanReport',
    description: 'Output of `kubeward scan --format json` (apiVersion kubeward/v1).',
  };
}
