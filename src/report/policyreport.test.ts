import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseAllDocuments } from 'yaml';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { KUBERNETES_YAML_SCHEMA } from '../core/yaml/parse.js';
import { formatPolicyReport, type PolicyReportDocument } from './policyreport.js';
import { E2E_MANIFEST, hostileReport, sampleReport, scanManifestText } from './sample-report.js';
import type { ScanReport } from './model.js';

/**
 * The result shape of the wgpolicyk8s.io/v1alpha2 and openreports.io/v1alpha1 CRDs (conventions §1.3):
 * enums for result and severity, `policy` required, `properties` a map of strings.
 */
const RESULT_SCHEMA = {
  type: 'object',
  required: ['policy', 'result', 'source', 'severity', 'category', 'resources', 'timestamp', 'message'],
  additionalProperties: false,
  properties: {
    source: { const: 'kubeward' },
    policy: { type: 'string', minLength: 1 },
    rule: { type: 'string' },
    category: { type: 'string' },
    severity: { enum: ['critical', 'high', 'medium', 'low', 'info'] },
    timestamp: {
      type: 'object',
      required: ['seconds', 'nanos'],
      additionalProperties: false,
      properties: { seconds: { type: 'integer' }, nanos: { type: 'integer', minimum: 0, maximum: 999999999 } },
    },
    result: { enum: ['pass', 'fail', 'warn', 'error', 'skip'] },
    scored: { type: 'boolean' },
    message: { type: 'string' },
    resources: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['apiVersion', 'kind', 'name'],
        additionalProperties: false,
        properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' }, namespace: { type: 'string' } },
      },
    },
    properties: { type: 'object', additionalProperties: { type: 'string' } },
  },
};
const REPORT_SCHEMA = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'summary', 'results'],
  properties: {
    metadata: { type: 'object', required: ['name', 'labels'] },
    summary: {
      type: 'object',
      additionalProperties: false,
      required: ['pass', 'fail', 'warn', 'error', 'skip'],
      properties: Object.fromEntries(['pass', 'fail', 'warn', 'error', 'skip'].map((k) => [k, { type: 'integer', minimum: 0 }])),
    },
    results: { type: 'array', items: RESULT_SCHEMA },
  },
};
const validateDocument = new Ajv2020({ allErrors: true }).compile(REPORT_SCHEMA);

function documentsOf(report: ScanReport, openReports = false): PolicyReportDocument[] {
  const text = formatPolicyReport(report, { openReports });
  const parsed = parseAllDocuments(text, { version: '1.1' });
  if (!Array.isArray(parsed)) throw new Error('expected a YAML stream');
  for (const document of parsed) expect(document.errors).toEqual([]);
  const documents = parsed.map((document) => document.toJS() as PolicyReportDocument);
  // kubectl reads YAML 1.1 (go-yaml v2): it must see the same values, strings staying strings.
  expect(jsYaml.loadAll(text, null, { schema: KUBERNETES_YAML_SCHEMA })).toEqual(documents);
  for (const document of documents) {
    validateDocument(document);
    expect(validateDocument.errors ?? []).toEqual([]);
  }
  return documents;
}

describe('policyreport formatter', () => {
  it('writes one wgpolicyk8s.io/v1alpha2 PolicyReport per namespace and a ClusterPolicyReport', () => {
    const documents = documentsOf(sampleReport());
    expect(documents.map((d) => [d.apiVersion, d.kind, d.metadata.name, d.metadata.namespace])).toEqual([
      ['wgpolicyk8s.io/v1alpha2', 'PolicyReport', 'kubeward-default', 'default'],
      ['wgpolicyk8s.io/v1alpha2', 'PolicyReport', 'kubeward-shop', 'shop'],
      ['wgpolicyk8s.io/v1alpha2', 'ClusterPolicyReport', 'kubeward-cluster', undefined],
    ]);
    expect(documents[0].metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'kubeward' });
    expect(documents.every((d) => !('source' in d))).toBe(true);
  });

  it('has fail, skip (suppressed), pass and error results with summaries that count them', () => {
    const [defaultNs, shop, cluster] = documentsOf(sampleReport());
    expect(shop.summary).toEqual({ pass: 5, fail: 3, warn: 0, error: 1, skip: 1 });
    expect(defaultNs.summary).toEqual({ pass: 3, fail: 1, warn: 0, error: 0, skip: 1 });
    expect(cluster.summary).toEqual({ pass: 0, fail: 1, warn: 0, error: 0, skip: 0 });
    for (const document of [defaultNs, shop, cluster]) {
      for (const value of ['pass', 'fail', 'warn', 'error', 'skip'] as const) {
        expect(document.results.filter((r) => r.result === value)).toHaveLength(document.summary[value]);
      }
    }
  });

  it('fills each result: source, policy = rule id, category, severity, timestamp, resources, string properties', () => {
    const [, shop] = documentsOf(sampleReport());
    const privileged = shop.results.find((r) => r.policy === 'privileged' && r.result === 'fail')!;
    expect(privileged).toEqual({
      source: 'kubeward',
      policy: 'privileged',
      rule: 'privileged',
      category: 'privilege',
      severity: 'critical',
      timestamp: { seconds: 1772366400, nanos: 250000000 },
      result: 'fail',
      scored: true,
      message: 'Container "app" runs privileged.',
      resources: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' }],
      properties: {
        messageId: 'privileged',
        path: 'spec.template.spec.containers[0].securityContext.privileged',
        file: 'deploy/web.yaml',
        line: '24',
        column: '13',
      },
    });
    expect(new Date(privileged.timestamp.seconds * 1000).toISOString()).toBe('2026-03-01T12:00:00.000Z');

    const skipped = shop.results.find((r) => r.result === 'skip')!;
    expect(skipped).toMatchObject({ policy: 'latest-tag', properties: { suppressedBy: 'annotation', suppressionReason: 'pinned by digest in the prod overlay' } });
    const crashed = shop.results.find((r) => r.result === 'error')!;
    expect(crashed).toMatchObject({ policy: 'resource-limits', resources: [{ name: 'api' }] });
    expect(crashed.message).toMatch(/^rule resource-limits failed on Deployment shop\/api/);
    const passed = shop.results.find((r) => r.result === 'pass' && r.policy === 'privileged')!;
    expect(passed).toMatchObject({ resources: [{ name: 'api' }], severity: 'critical', message: 'Containers must not run privileged: passed.' });
  });

  it('writes openreports.io/v1alpha1 Report and ClusterReport with a top-level source', () => {
    const documents = documentsOf(sampleReport(), true);
    expect(documents.map((d) => [d.apiVersion, d.kind, d.source])).toEqual([
      ['openreports.io/v1alpha1', 'Report', 'kubeward'],
      ['openreports.io/v1alpha1', 'Report', 'kubeward'],
      ['openreports.io/v1alpha1', 'ClusterReport', 'kubeward'],
    ]);
    expect(documents[1].summary).toEqual({ pass: 5, fail: 3, warn: 0, error: 1, skip: 1 });
  });

  it('omits the cluster report when no cluster-scoped object was scanned, and uses no YAML aliases', () => {
    const text = formatPolicyReport(scanManifestText(E2E_MANIFEST, 'deploy.yaml'));
    expect(text).not.toMatch(/^\s*(- )?[\w-]+: [&*][\w-]+\s*$/m);
    const documents = documentsOf(scanManifestText(E2E_MANIFEST, 'deploy.yaml'));
    expect(documents.map((d) => d.metadata.name)).toEqual(['kubeward-default', 'kubeward-shop']);
    expect(documents[1].results.find((r) => r.policy === 'privileged')!.result).toBe('fail');
  });

  it('quotes strings that YAML 1.1 would read as booleans, numbers or timestamps', () => {
    const report = sampleReport();
    const suppressed = report.results.find((f) => f.suppressed?.kind === 'annotation')!;
    suppressed.suppressed!.reason = 'on';
    suppressed.message = '0644';
    const text = formatPolicyReport(report);
    expect(text).toContain("suppressionReason: 'on'");
    expect(text).toContain("message: '0644'");
    expect(text).toContain("suppressionExpires: '2099-01-01'");
    const skip = documentsOf(report)[1].results.find((r) => r.result === 'skip')!;
    expect(skip).toMatchObject({ message: '0644', properties: { suppressionReason: 'on' } });
  });

  it('round-trips hostile text exactly as strings', () => {
    const report = hostileReport();
    const [document] = documentsOf(report);
    const fail = document.results.find((r) => r.result === 'fail')!;
    expect(fail.message).toBe(report.results[0].message);
    expect(fail.resources[0].name).toBe(report.results[0].object.name);
  });
});
