import { XMLParser } from 'fast-xml-parser';
import type * as Sarif from 'sarif';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatReport, REPORT_FORMATS, type ReportFormat } from './index.js';
import type { ScanReport } from './model.js';
import { E2E_MANIFEST, sampleReport, scanManifestText } from './sample-report.js';

/** Values a manifest may hold in Secret data, env values and annotations; no output may contain any of them. */
const SECRET_VALUES = ['hunter2-S3cr3t-db-pass', 'AKIAZZZZEXAMPLEKEY99', 'ghp_0123456789abcdefghijABCDEFGHIJ012345', 'tls-private-key-material-XYZ'];
const base64 = (text: string) => Buffer.from(text).toString('base64');

const MANIFEST_WITH_SECRETS = `apiVersion: v1
kind: Secret
metadata: {name: db, namespace: shop}
type: Opaque
data:
  password: ${base64(SECRET_VALUES[0])}
stringData:
  token: ${SECRET_VALUES[2]}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  annotations:
    deploy/token: ${SECRET_VALUES[2]}
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext: {privileged: true}
          env:
            - {name: DB_PASSWORD, value: ${SECRET_VALUES[0]}}
            - {name: AWS_ACCESS_KEY_ID, value: ${SECRET_VALUES[1]}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: certs, namespace: shop}
data:
  key.pem: ${SECRET_VALUES[3]}
`;

describe('formatReport', () => {
  it.each(REPORT_FORMATS)('writes %s', (format) => {
    const output = formatReport(sampleReport(), format);
    expect(output.length).toBeGreaterThan(100);
    expect(output.endsWith('\n')).toBe(true);
  });

  describe('never prints object bodies: secret values in a scanned manifest appear in no format', () => {
    const report = scanManifestText(MANIFEST_WITH_SECRETS, 'secrets.yaml');

    it('the scan did report on the objects that hold them', () => {
      expect(report.results.some((f) => f.ruleId === 'privileged' && f.object.name === 'web')).toBe(true);
      expect(report.objects.map((e) => e.object.name)).toEqual(['db', 'web', 'certs']);
    });

    it.each(REPORT_FORMATS.flatMap((format) => [[format, false], [format, true]] as Array<[ReportFormat, boolean]>))(
      '%s (openReports/colour %s)',
      (format, flag) => {
        const output = formatReport(report, format, { color: flag, openReports: flag });
        for (const secret of SECRET_VALUES) {
          expect(output).not.toContain(secret);
          expect(output).not.toContain(base64(secret));
        }
      },
    );
  });

  describe('every format states the same numbers for the same run', () => {
    it.each([
      ['the sample report', () => sampleReport()],
      ['an end-to-end scan', () => scanManifestText(E2E_MANIFEST, 'deploy.yaml')],
    ])('%s', (_name, build) => {
      const report: ScanReport = build();
      const { findings, suppressed, fail, skip } = report.summary;

      const text = formatReport(report, 'text');
      expect(text).toContain(`  Findings: ${findings} (`);
      expect(text).toContain(`; ${suppressed} suppressed`);

      expect(JSON.parse(formatReport(report, 'json')).summary).toEqual(report.summary);

      const sarif: Sarif.Log = JSON.parse(formatReport(report, 'sarif'));
      const results = sarif.runs[0].results!;
      expect(results.filter((r) => !r.suppressions)).toHaveLength(findings);
      expect(results.filter((r) => r.suppressions)).toHaveLength(suppressed);

      const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(formatReport(report, 'junit'));
      expect(Number(junit.testsuites.failures)).toBe(fail);
      expect(Number(junit.testsuites.skipped)).toBe(skip);

      const policyReports = parseAllDocuments(formatReport(report, 'policyreport')) as Array<{ toJS(): { summary: Record<string, number> } }>;
      const totals = policyReports.map((d) => d.toJS().summary).reduce((sum, s) => ({ fail: sum.fail + s.fail, skip: sum.skip + s.skip }), { fail: 0, skip: 0 });
      expect(totals).toEqual({ fail: findings, skip: suppressed });

      const html = formatReport(report, 'html');
      expect(html.match(/<tr data-severity=/g) ?? []).toHaveLength(findings + suppressed);
      expect(html).toContain(`<span class="value">${report.summary.score}/100</span>`);
    });
  });
});
