/**
 * JUnit XML for CI test tabs (Jenkins, GitLab, Azure DevOps): one testsuite per file (per namespace for objects
 * without a file), one testcase per (object × evaluated rule). Failed -> <failure>, suppressed -> <skipped>,
 * crashed -> <error>; input that could not be read becomes an <error> testcase so it cannot pass unnoticed.
 */
import { ErrorCodes } from '../core/errors.js';
import type { Diagnostic, Finding } from '../core/finding.js';
import type { ObjectRef } from '../core/k8s/object.js';
import { compareSeverity, crashLookup, evaluatedObjects, namespaceKey, ruleLookup, SUPPRESSION_LABELS, type RuleOutcome } from './common.js';
import type { RuleSummary, ScanReport } from './model.js';

interface TestCase {
  name: string;
  classname: string;
  /** The XML inside <testcase>, already escaped. */
  body: string;
  result: RuleOutcome['result'];
}

interface TestSuite {
  name: string;
  cases: TestCase[];
  /** Warnings about this suite's input, shown as <system-err>. */
  warnings: string[];
}

/** XML 1.0 forbids these characters even as references; they are dropped. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content: markup characters escaped, forbidden characters dropped. */
export function escapeXmlText(text: string): string {
  return text.replace(XML_FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values: also quotes, and tabs/newlines as references so parsers do not normalise them to spaces. */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** `Deployment/shop/web`, `ClusterRole/admin`. */
function classnameOf(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

export function formatJunit(report: ScanReport): string {
  const lookup = ruleLookup(report);
  const crashOf = crashLookup(report);
  const suites = new Map<string, TestSuite>();
  const suiteFor = (name: string) => {
    let suite = suites.get(name);
    if (!suite) suites.set(name, (suite = { name, cases: [], warnings: [] }));
    return suite;
  };

  for (const evaluated of evaluatedObjects(report)) {
    const suite = suiteFor(evaluated.location?.file ?? namespaceKey(evaluated.object));
    const classname = classnameOf(evaluated.object);
    for (const outcome of evaluated.outcomes) {
      suite.cases.push({
        name: outcome.ruleId,
        classname,
        result: outcome.result,
        body: caseBody(outcome, lookup(outcome.ruleId), outcome.result === 'error' ? crashOf(evaluated.object, outcome.ruleId) : undefined),
      });
    }
  }
  for (const diagnostic of report.diagnostics) {
    if (diagnostic.code === ErrorCodes.RULE_CRASHED) continue;
    const suite = suiteFor(diagnostic.location?.file ?? (diagnostic.object ? namespaceKey(diagnostic.object) : 'kubeward'));
    if (diagnostic.level === 'warning') {
      suite.warnings.push(`${diagnostic.code}: ${diagnostic.message}`);
      continue;
    }
    suite.cases.push({
      name: diagnostic.code,
      classname: diagnostic.location?.file ?? 'kubeward',
      result: 'error',
      body: `<error type="${escapeXmlAttribute(diagnostic.code)}" message="${escapeXmlAttribute(diagnostic.message)}"/>`,
    });
  }

  const all = [...suites.values()];
  const totals = countCases(all.flatMap((suite) => suite.cases));
  const seconds = ((report.metadata.durationMs ?? 0) / 1000).toFixed(3);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kubeward" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${seconds}">`,
  ];
  for (const suite of all) lines.push(...suiteLines(suite, report.metadata.startedAt));
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function countCases(cases: TestCase[]): { tests: number; failures: number; errors: number; skipped: number } {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.result === 'fail').length,
    errors: cases.filter((c) => c.result === 'error').length,
    skipped: cases.filter((c) => c.result === 'skip').length,
  };
}

function suiteLines(suite: TestSuite, timestamp: string): string[] {
  const counts = countCases(suite.cases);
  const lines = [
    `  <testsuite name="${escapeXmlAttribute(suite.name)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="0" timestamp="${escapeXmlAttribute(timestamp)}">`,
  ];
  for (const testCase of suite.cases) {
    const open = `    <testcase name="${escapeXmlAttribute(testCase.name)}" classname="${escapeXmlAttribute(testCase.classname)}" time="0"`;
    lines.push(testCase.body ? `${open}>\n      ${testCase.body}\n    </testcase>` : `${open}/>`);
  }
  if (suite.warnings.length > 0) lines.push(`    <system-err>${escapeXmlText(suite.warnings.join('\n'))}</system-err>`);
  lines.push('  </testsuite>');
  return lines;
}

function findingDetail(finding: Finding): string {
  const where = [finding.path, finding.location ? `${finding.location.file}:${finding.location.line}:${finding.location.column}` : undefined]
    .filter(Boolean)
    .join(' at ');
  return `[${finding.severity}] ${finding.message}${where ? ` (${where})` : ''}`;
}

function caseBody(outcome: RuleOutcome, rule: RuleSummary | undefined, crash: Diagnostic | undefined): string {
  switch (outcome.result) {
    case 'pass':
      return '';
    case 'error': {
      const message = crash?.message ?? `rule ${outcome.ruleId} crashed`;
      return `<error type="${ErrorCodes.RULE_CRASHED}" message="${escapeXmlAttribute(message)}"/>`;
    }
    case 'skip': {
      const reasons = [...new Set(outcome.findings.map((f) => `${SUPPRESSION_LABELS[f.suppressed!.kind]}: ${f.suppressed!.reason}`))];
      return `<skipped message="${escapeXmlAttribute(`suppressed by ${reasons.join('; ')}`)}"/>`;
    }
    case 'fail': {
      const failed = outcome.findings.filter((f) => !f.suppressed).sort((a, b) => compareSeverity(a.severity, b.severity));
      const suppressed = outcome.findings.filter((f) => f.suppressed);
      const details = [
        ...failed.map(findingDetail),
        ...suppressed.map((f) => `[suppressed by ${SUPPRESSION_LABELS[f.suppressed!.kind]}: ${f.suppressed!.reason}] ${findingDetail(f)}`),
        ...(rule ? [`How to fix: ${rule.remediation}`] : []),
      ];
      const message = failed.length === 1 ? failed[0].message : `${failed.length} findings; first: ${failed[0].message}`;
      return `<failure type="${failed[0].severity}" message="${escapeXmlAttribute(message)}">${escapeXmlText(details.join('\n'))}</failure>`;
    }
  }
}
