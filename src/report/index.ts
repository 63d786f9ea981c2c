/**
 * Formatter entry point: ScanReport -> text in the requested format. Formatters are pure.
 */
import type { ScanReport } from './model.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'html', 'policyreport'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface FormatOptions {
  /** ANSI colours in text output (the CLI decides from TTY and NO_COLOR). */
  color?: boolean;
  /** Write openreports.io/v1alpha1 instead of wgpolicyk8s.io/v1alpha2. */
  openReports?: boolean;
  /** Only failed results in human output. */
  onlyFailed?: boolean;
}

export function formatReport(report: ScanReport, format: ReportFormat, _options: FormatOptions = {}): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    default:
      return `${JSON.stringify(report.summary, null, 2)}\n`;
  }
}
