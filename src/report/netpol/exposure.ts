/**
 * Exposure report formatters (kubeward's own format, txt and json): per workload, whether policies protect
 * it and what the whole cluster and external addresses may exchange with it.
 */
import type { WorkloadExposure } from '../../analysers/netpol/exposure.js';
import { formatIpRange } from '../../analysers/netpol/ip.js';

export const EXPOSURE_FORMATS = ['txt', 'json'] as const;
export type ExposureFormat = (typeof EXPOSURE_FORMATS)[number];

function sorted(exposures: readonly WorkloadExposure[]): WorkloadExposure[] {
  return [...exposures].sort((a, b) => (a.workload.id < b.workload.id ? -1 : a.workload.id > b.workload.id ? 1 : 0));
}

export function formatExposure(exposures: readonly WorkloadExposure[], format: ExposureFormat): string {
  if (format === 'json') {
    return JSON.stringify(
      sorted(exposures).map((e) => ({
        workload: e.workload.id,
        ingress: {
          protected: e.ingressProtected,
          fromEntireCluster: e.fromEntireCluster.toString(),
          fromAnywhere: e.fromAnywhere.toString(),
          fromExternal: e.fromExternal.map((x) => ({ range: formatIpRange(x.range), conn: x.conn.toString() })),
        },
        egress: {
          protected: e.egressProtected,
          toEntireCluster: e.toEntireCluster.toString(),
          toExternal: e.toExternal.map((x) => ({ range: formatIpRange(x.range), conn: x.conn.toString() })),
        },
      })),
      null,
      2,
    );
  }
  const lines: string[] = [];
  for (const e of sorted(exposures)) {
    lines.push(e.workload.id);
    lines.push(`  ingress: ${e.ingressProtected ? 'protected by policies' : 'not protected by any policy'}`);
    if (!e.fromEntireCluster.isEmpty) lines.push(`    from any pod in any namespace: ${e.fromEntireCluster}`);
    if (!e.fromAnywhere.isEmpty) lines.push(`    from every external address (0.0.0.0/0): ${e.fromAnywhere}`);
    else for (const x of e.fromExternal) lines.push(`    from ${formatIpRange(x.range)}: ${x.conn}`);
    lines.push(`  egress: ${e.egressProtected ? 'protected by policies' : 'not protected by any policy'}`);
    if (!e.toEntireCluster.isEmpty) lines.push(`    to any pod in any namespace: ${e.toEntireCluster}`);
    for (const x of e.toExternal) lines.push(`    to ${formatIpRange(x.range)}: ${x.conn}`);
  }
  return lines.join('\n');
}
