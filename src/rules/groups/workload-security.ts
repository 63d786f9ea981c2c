/** Rules on pod security: host access, privilege and identity, capabilities and kernel hardening. Sorted by id. */
import hostAliases from '../host-aliases/host-aliases.rule.js';
import hostIpc from '../host-ipc/host-ipc.rule.js';
import hostNetwork from '../host-network/host-network.rule.js';
import hostPid from '../host-pid/host-pid.rule.js';
import hostPorts from '../host-ports/host-ports.rule.js';
import hostUsers from '../host-users/host-users.rule.js';
import privileged from '../privileged/privileged.rule.js';
import windowsHostProcess from '../windows-host-process/windows-host-process.rule.js';

export const workloadSecurityRules = [
  hostAliases,
  hostIpc,
  hostNetwork,
  hostPid,
  hostPorts,
  hostUsers,
  privileged,
  windowsHostProcess,
] as const;
