/**
 * The cluster-scan benchmark harness runs end to end (small, so it is quick); timing is not asserted here.
 */
import { describe, expect, it } from 'vitest';
import { benchClusterScan, simulatedCluster } from '../../src/testing/fake-apiserver/cluster-bench.js';

describe('cluster scan benchmark', () => {
  it('generates the requested number of running pods with their controllers', () => {
    const objects = simulatedCluster(100);
    const count = (kind: string) => objects.filter((o) => o.kind === kind).length;
    expect([count('Pod'), count('Deployment'), count('ReplicaSet'), count('Service')]).toEqual([100, 20, 20, 20]);
    expect(objects.filter((o) => o.kind === 'Pod').every((o) => o.status?.phase === 'Running')).toBe(true);
  });

  it('scans the same objects from the fake API server and from a file, in separate processes', async () => {
    const result = await benchClusterScan({ pods: 50 });
    expect(result.clusterScan.objects).toBe(result.objects);
    expect(result.fileScan.objects).toBe(result.objects);
    expect(result.clusterScan.findings).toBe(result.fileScan.findings);
    expect(result.clusterScan.requests).toBeGreaterThan(2);
    expect(result.clusterScan.maxRssMb).toBeGreaterThan(0);
  });
});
