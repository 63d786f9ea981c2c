/** Rules on pod security: host access, privilege and identity, capabilities and kernel hardening. Sorted by id. */
import privileged from '../privileged/privileged.rule.js';

export const workloadSecurityRules = [privileged] as const;
