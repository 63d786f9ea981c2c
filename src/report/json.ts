/**
 * `--format json`: the ScanReport as is (`kubeward/v1`), the contract that docs/report-schema.json describes
 * and the dashboard reads.
 */
import type { ScanReport } from './model.js';

export function formatJson(report: ScanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
