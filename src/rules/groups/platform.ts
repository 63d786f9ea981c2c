/** Rules on exposure, namespaces and multi-tenancy, RBAC, sandboxing, scheduling and cross-object links. Sorted by id. */

export const platformRules = [] as const;
