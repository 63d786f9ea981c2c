/** Rules on pod security: host access, privilege and identity, capabilities and kernel hardening. Sorted by id. */
import hostIpc from '../host-ipc/host-ipc.rule.js';
import hostNetwork from '../host-network/host-network.rule.js';
import hostPid from '../host-pid/host-pid.rule.js';
import privileged from '../privileged/privileged.rule.js';

export const workloadSecurityRules = [hostIpc, hostNetwork, hostPid, privileged] as const;
