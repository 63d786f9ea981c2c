/** Rules on images, resources, reliability, service accounts and secrets in workloads. Sorted by id. */

export const workloadOperationsRules = [] as const;
