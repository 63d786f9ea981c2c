/**
 * Formatter entry point: ScanReport -> text in the requested format. Every formatter is a pure function of the
 * report and these options; the CLI decides colour (TTY, NO_COLOR) and where the text goes.
 */
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import type { ScanReport } from './model.js';
import { formatPolicyReport } from './policyreport.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'html', 'policyreport'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface FormatOptions {
  /** ANSI colours in text output (the CLI decides from TTY and NO_COLOR). */
  color?: boolean;
  /** Write openreports.io/v1alpha1 instead of wgpolicyk8s.io/v1alpha2. */
  openReports?: boolean;
  /** Only failed results in human output (text and HTML); suppressed findings still count in the summary. */
  onlyFailed?: boolean;
}

export function formatReport(report: ScanReport, format: ReportFormat, options: FormatOptions = {}): string {
  switch (format) {
    case 'text':
      return formatText(report, { color: options.color ?? false, onlyFailed: options.onlyFailed ?? false });
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'junit':
      return formatJunit(report);
    case 'html':
      return formatHtml(report, { onlyFailed: options.onlyFailed ?? false });
    case 'policyreport':
      return formatPolicyReport(report, { openReports: options.openReports ?? false });
  }
}
