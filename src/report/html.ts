/**
 * `--format html`: one self-contained page to hand to someone or attach to a CI run. Score, counts by severity,
 * per-namespace scores, and a findings table with client-side filters by severity, namespace and check. It loads
 * nothing: CSS and script are inline and pinned by a Content-Security-Policy hash, all text is HTML-escaped, and the
 * report travels as JSON in a data block (with `<` escaped) for the "Download JSON" button.
 */
import { createHash } from 'node:crypto';
import { SEVERITIES, type Finding } from '../core/finding.js';
import { compareSeverity, describeObject, namespaceKey, ruleLookup, SUPPRESSION_LABELS } from './common.js';
import { compareFindings, type ScanReport } from './model.js';

export interface HtmlOptions {
  /** Leave suppressed findings out of the table (they still count in the summary). */
  onlyFailed?: boolean;
}

const STYLE = `
:root { --critical: #8b0000; --high: #c0392b; --medium: #b9770e; --low: #1f618d; --info: #5d6d7e; --ok: #1e8449; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; padding: 1.5rem 2rem; color: #1c2833; background: #f7f9fa; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; }
.meta { color: #566573; margin: 0; }
.overview { display: flex; flex-wrap: wrap; gap: 1rem; align-items: stretch; margin-top: 1rem; }
.card { background: #fff; border: 1px solid #d5dbdb; border-radius: 8px; padding: .75rem 1rem; min-width: 8rem; }
.card .value { font-size: 1.6rem; font-weight: 600; display: block; }
.score-good .value { color: var(--ok); } .score-fair .value { color: var(--medium); } .score-poor .value { color: var(--high); }
.sev-critical { color: var(--critical); } .sev-high { color: var(--high); } .sev-medium { color: var(--medium); }
.sev-low { color: var(--low); } .sev-info { color: var(--info); }
table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #d5dbdb; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid #eaeded; }
th { background: #eef2f3; font-weight: 600; }
code, .path { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; }
.path { color: #566573; word-break: break-all; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 4px; color: #fff; font-size: .8em; font-weight: 600; text-transform: uppercase; }
.badge.sev-critical { background: var(--critical); } .badge.sev-high { background: var(--high); }
.badge.sev-medium { background: var(--medium); } .badge.sev-low { background: var(--low); } .badge.sev-info { background: var(--info); }
.badge.suppressed { background: #aab7b8; color: #1c2833; }
tr.suppressed td { color: #808b96; }
.reason { font-style: italic; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin-bottom: .6rem; }
.filters select { margin-left: .3rem; }
meter { width: 8rem; vertical-align: middle; }
ul.diagnostics li { margin: .2rem 0; }
[hidden] { display: none !important; }
`;

const SCRIPT = `
(() => {
  const rows = Array.from(document.querySelectorAll('#findings tbody tr'));
  const severity = document.getElementById('filter-severity');
  const namespace = document.getElementById('filter-namespace');
  const check = document.getElementById('filter-check');
  const suppressed = document.getElementById('filter-suppressed');
  const count = document.getElementById('visible-count');
  const empty = document.getElementById('no-match');
  function apply() {
    let shown = 0;
    for (const row of rows) {
      const visible =
        (!severity.value || row.dataset.severity === severity.value) &&
        (!namespace.value || row.dataset.namespace === namespace.value) &&
        (!check.value || row.dataset.check === check.value) &&
        (suppressed.checked || row.dataset.suppressed !== 'true');
      row.hidden = !visible;
      if (visible) shown++;
    }
    count.textContent = shown + ' of ' + rows.length + ' findings shown';
    empty.hidden = shown !== 0;
  }
  for (const control of [severity, namespace, check, suppressed]) control.addEventListener('change', apply);
  document.getElementById('download-json').addEventListener('click', () => {
    const data = document.getElementById('kubeward-report').textContent;
    const url = URL.createObjectURL(new Blob([data], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'kubeward-report.json';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  apply();
})();
`;

function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

/** Nothing may load from anywhere; only this page's own style and script run. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${cspHash(STYLE)}`,
  `script-src ${cspHash(SCRIPT)}`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON that cannot end the <script> element it sits in: `<`, `>` and `&` become \u escapes inside strings. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function formatHtml(report: ScanReport, options: HtmlOptions = {}): string {
  const e = escapeHtml;
  const rule = ruleLookup(report);
  const { summary, metadata } = report;
  const findings = report.results
    .filter((finding) => !(options.onlyFailed && finding.suppressed))
    .sort((a, b) => compareSeverity(a.severity, b.severity) || compareFindings(a, b));

  const scoreClass = summary.score >= 90 ? 'score-good' : summary.score >= 70 ? 'score-fair' : 'score-poor';
  const severityCards = SEVERITIES.map(
    (severity) => `<div class="card" data-count="${severity}"><span class="value sev-${severity}">${summary.bySeverity[severity]}</span>${severity}</div>`,
  ).join('\n');

  const namespaceRows = summary.namespaces
    .map(
      (ns) =>
        `<tr><td>${e(ns.namespace)}</td><td><meter min="0" max="100" low="70" high="90" optimum="100" value="${ns.score}"></meter> ${ns.score}</td><td>${ns.objects}</td><td>${ns.fail}</td><td>${ns.pass}</td></tr>`,
    )
    .join('\n');

  const namespaces = [...new Set(findings.map((f) => namespaceKey(f.object)))].sort();
  const checks = [...new Set(findings.map((f) => f.ruleId))].sort();
  const option = (value: string, label = value) => `<option value="${e(value)}">${e(label)}</option>`;

  const findingRows = findings.map((finding) => findingRow(finding, rule(finding.ruleId)?.title, rule(finding.ruleId)?.remediation)).join('\n');

  const diagnostics =
    report.diagnostics.length === 0
      ? '<p>None.</p>'
      : `<ul class="diagnostics">${report.diagnostics
          .map((d) => {
            const where = d.location ? ` <span class="path">${e(`${d.location.file}:${d.location.line}:${d.location.column}`)}</span>` : '';
            return `<li><strong>${e(d.level)}</strong> <code>${e(d.code)}</code>${where} ${e(d.message)}</li>`;
          })
          .join('\n')}</ul>`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(CONTENT_SECURITY_POLICY)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>kubeward scan report</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>kubeward scan report</h1>
<p class="meta">${e(metadata.startedAt)} · kubeward ${e(metadata.tool.version)} · ${e(metadata.source.type)}: ${e(metadata.source.paths.join(', ') || metadata.source.context || '-')}</p>
</header>
<section class="overview" aria-label="Overview">
<div class="card ${scoreClass}" id="score"><span class="value">${summary.score}/100</span>score</div>
${severityCards}
<div class="card" data-count="suppressed"><span class="value">${summary.suppressed}</span>suppressed</div>
<div class="card"><span class="value">${summary.objects}</span>objects</div>
<div class="card"><span class="value">${summary.pass}/${summary.evaluations}</span>checks passed</div>
</section>
<section>
<h2>Namespaces</h2>
<table id="namespaces"><thead><tr><th>Namespace</th><th>Score</th><th>Objects</th><th>Failed checks</th><th>Passed checks</th></tr></thead>
<tbody>
${namespaceRows}
</tbody></table>
</section>
<section>
<h2>Findings</h2>
<div class="filters">
<label>Severity<select id="filter-severity">${option('', 'All')}${SEVERITIES.map((s) => option(s)).join('')}</select></label>
<label>Namespace<select id="filter-namespace">${option('', 'All')}${namespaces.map((ns) => option(ns)).join('')}</select></label>
<label>Check<select id="filter-check">${option('', 'All')}${checks.map((id) => option(id)).join('')}</select></label>
<label><input type="checkbox" id="filter-suppressed" checked> Show suppressed</label>
<span id="visible-count">${findings.length} of ${findings.length} findings shown</span>
<button type="button" id="download-json">Download JSON</button>
</div>
<table id="findings"><thead><tr><th>Severity</th><th>Check</th><th>Object</th><th>Location</th><th>Message</th><th>Fix</th></tr></thead>
<tbody>
${findingRows}
</tbody></table>
<p id="no-match" hidden>No findings match the filters.</p>
</section>
<section>
<h2>Diagnostics</h2>
${diagnostics}
</section>
<script type="application/json" id="kubeward-report">${jsonForScript(report)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function findingRow(finding: Finding, title: string | undefined, remediation: string | undefined): string {
  const e = escapeHtml;
  const location = finding.location ? `${finding.location.file}:${finding.location.line}:${finding.location.column}` : '(no file)';
  const suppression = finding.suppressed
    ? ` <span class="badge suppressed">suppressed</span><div class="reason">by ${e(SUPPRESSION_LABELS[finding.suppressed.kind])}: ${e(finding.suppressed.reason)}</div>`
    : '';
  const attributes = [
    `data-severity="${e(finding.severity)}"`,
    `data-namespace="${e(namespaceKey(finding.object))}"`,
    `data-check="${e(finding.ruleId)}"`,
    `data-suppressed="${finding.suppressed ? 'true' : 'false'}"`,
    ...(finding.suppressed ? ['class="suppressed"'] : []),
  ].join(' ');
  return [
    `<tr ${attributes}>`,
    `<td><span class="badge sev-${e(finding.severity)}">${e(finding.severity)}</span>${suppression}</td>`,
    `<td><code>${e(finding.ruleId)}</code>${title ? `<div>${e(title)}</div>` : ''}</td>`,
    `<td>${e(describeObject(finding.object))}</td>`,
    `<td>${e(location)}${finding.path ? `<div class="path">${e(finding.path)}</div>` : ''}</td>`,
    `<td>${e(finding.message)}</td>`,
    `<td>${remediation ? e(remediation) : ''}</td>`,
    '</tr>',
  ].join('');
}
