/** Rules on images, resources, reliability, service accounts and secrets in workloads. Sorted by id. */
import defaultServiceAccount from '../default-service-account/default-service-account.rule.js';
import deprecatedServiceAccountField from '../deprecated-service-account-field/deprecated-service-account-field.rule.js';
import serviceAccountMissing from '../service-account-missing/service-account-missing.rule.js';
import serviceAccountTokenAutomount from '../service-account-token-automount/service-account-token-automount.rule.js';

export const workloadOperationsRules = [
  defaultServiceAccount,
  deprecatedServiceAccountField,
  serviceAccountMissing,
  serviceAccountTokenAutomount,
] as const;
