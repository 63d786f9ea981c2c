import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeXmlAttribute, formatJunit } from './junit.js';
import { E2E_MANIFEST, HOSTILE_TEXT, hostileReport, sampleReport, scanManifestText } from './sample-report.js';
import type { ScanReport } from './model.js';

// eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

interface ParsedCase {
  name: string;
  classname: string;
  failure?: { type: string; message: string; '#text'?: string };
  skipped?: { message: string };
  error?: { type: string; message: string };
}
interface ParsedSuite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  testcase?: ParsedCase[];
  'system-err'?: string;
}

function parseJunit(report: ScanReport) {
  const xml = formatJunit(report);
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    htmlEntities: true,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  });
  const root = parser.parse(xml).testsuites as { tests: string; failures: string; errors: string; skipped: string; testsuite: ParsedSuite[] };
  return { xml, root, suites: root.testsuite };
}

describe('junit formatter', () => {
  it('is well-formed XML with one suite per file, per namespace without a file', () => {
    const { suites } = parseJunit(sampleReport());
    expect(suites.map((suite) => suite.name)).toEqual(['deploy/web.yaml', 'rbac.yaml', 'default', 'broken.yaml']);
  });

  it('has one testcase per (object × evaluated rule), and totals that agree with the report summary', () => {
    const report = sampleReport();
    const { root, suites } = parseJunit(report);
    const count = (suite: ParsedSuite) => [suite.tests, suite.failures, suite.errors, suite.skipped].map(Number);
    expect(suites.map(count)).toEqual([
      [10, 3, 1, 1],
      [1, 1, 0, 0],
      [5, 1, 0, 1],
      [1, 0, 1, 0],
    ]);
    for (const suite of suites) {
      const cases = suite.testcase ?? [];
      expect(cases).toHaveLength(Number(suite.tests));
      expect(cases.filter((c) => c.failure)).toHaveLength(Number(suite.failures));
      expect(cases.filter((c) => c.error)).toHaveLength(Number(suite.errors));
      expect(cases.filter((c) => c.skipped)).toHaveLength(Number(suite.skipped));
    }
    // The parse error is the one testcase that is not an evaluation.
    expect(Number(root.tests)).toBe(report.summary.evaluations + 1);
    expect(Number(root.failures)).toBe(report.summary.fail);
    expect(Number(root.skipped)).toBe(report.summary.skip);
    expect(Number(root.errors)).toBe(report.summary.error + 1);
  });

  it('names testcases by rule id and classname Kind/namespace/name, with failure type = severity', () => {
    const { suites } = parseJunit(sampleReport());
    const web = suites[0].testcase!.filter((c) => c.classname === 'Deployment/shop/web');
    expect(web.map((c) => c.name)).toEqual(['privileged', 'run-as-non-root', 'resource-limits', 'latest-tag', 'missing-labels']);
    expect(web[0].failure).toMatchObject({ type: 'critical', message: 'Container "app" runs privileged.' });
    expect(web[0].failure!['#text']).toContain('spec.template.spec.containers[0].securityContext.privileged at deploy/web.yaml:24:13');
    expect(web[0].failure!['#text']).toContain('How to fix: Remove securityContext.privileged');
    expect(web[2]).not.toHaveProperty('failure');
    expect(web[3].skipped).toEqual({ message: 'suppressed by annotation: pinned by digest in the prod overlay' });
    expect(web[4].failure!.type).toBe('info');

    const api = suites[0].testcase!.filter((c) => c.classname === 'Deployment/shop/api');
    expect(api.find((c) => c.name === 'resource-limits')!.error).toMatchObject({
      type: 'E_RULE_CRASHED',
      message: expect.stringContaining('rule resource-limits failed on Deployment shop/api'),
    });
    expect(suites[1].testcase![0].classname).toBe('ClusterRoleBinding/admins');
    expect(suites[3].testcase![0]).toMatchObject({ name: 'E_MANIFEST_PARSE', error: { type: 'E_MANIFEST_PARSE' } });
  });

  it('escapes markup and drops control characters from names, messages and reasons', () => {
    const { xml, suites } = parseJunit(hostileReport());
    expect(xml).not.toMatch(XML_FORBIDDEN);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<img');
    // The parser trims attribute values; HOSTILE_TEXT ends in a space.
    const visible = HOSTILE_TEXT.replace(XML_FORBIDDEN, '').trimEnd();
    const [testcase] = suites[0].testcase!;
    expect(testcase.classname).toBe(`Pod/ns-x/evil${visible}`);
    expect(testcase.failure!.message).toBe(`Container ${visible}  runs privileged.`);
    expect(suites[0].testcase!.find((c) => c.skipped)!.skipped!.message).toBe(`suppressed by annotation: because ${visible}`);
    expect(suites[0]['system-err']).toContain('E_MANIFEST_NO_KIND');
  });

  it('keeps newlines and tabs in attributes as character references', () => {
    expect(escapeXmlAttribute('a\nb\tc "d" \'e\' <f> & \u0000')).toBe('a&#10;b&#9;c &quot;d&quot; &apos;e&apos; &lt;f&gt; &amp; ');
  });

  it('handles an end-to-end scan with the built-in rules', () => {
    const report = scanManifestText(E2E_MANIFEST, 'deploy.yaml');
    const { root, suites } = parseJunit(report);
    expect(suites.map((suite) => suite.name)).toEqual(['deploy.yaml']);
    const privileged = suites[0].testcase!.find((c) => c.name === 'privileged' && c.classname === 'Deployment/shop/web')!;
    expect(privileged.failure!.type).toBe('critical');
    expect(Number(root.tests)).toBe(report.summary.evaluations + 1);
    expect(Number(root.failures)).toBe(report.summary.fail);
  });
});
