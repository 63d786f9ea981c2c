/**
 * The option the NetworkPolicy reachability rules share: `includeUnprotected` also judges workloads that no policy
 * selects (off by default: they accept everything, and the namespace default-deny check reports them already).
 */

export interface IncludeUnprotectedOptions {
  includeUnprotected: boolean;
}

export function includeUnprotectedDefaults(): IncludeUnprotectedOptions {
  return { includeUnprotected: false };
}

export function validateIncludeUnprotected(options: unknown): string[] {
  const value = (options as Record<string, unknown> | undefined)?.includeUnprotected;
  return value === undefined || typeof value === 'boolean' ? [] : ['includeUnprotected must be a boolean'];
}
