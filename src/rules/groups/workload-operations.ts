/** Rules on images, resources, reliability, service accounts and secrets in workloads. Sorted by id. */
import serviceAccountTokenAutomount from '../service-account-token-automount/service-account-token-automount.rule.js';

export const workloadOperationsRules = [
  serviceAccountTokenAutomount,
] as const;
