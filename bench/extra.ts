/**
 * Benchmarks of the other pipelines (PSS, CEL, NetworkPolicy), added as their analysers land.
 */
export async function runExtraBenchmarks(): Promise<Record<string, unknown>> {
  return {};
}
