/** Rules on pod security: host access, privilege and identity, capabilities and kernel hardening. Sorted by id. */
import apparmor from '../apparmor/apparmor.rule.js';
import capAddAny from '../cap-add-any/cap-add-any.rule.js';
import capDangerous from '../cap-dangerous/cap-dangerous.rule.js';
import capDefaultAdded from '../cap-default-added/cap-default-added.rule.js';
import capDropAll from '../cap-drop-all/cap-drop-all.rule.js';
import capDropNetRaw from '../cap-drop-net-raw/cap-drop-net-raw.rule.js';
import capNetRawAdded from '../cap-net-raw-added/cap-net-raw-added.rule.js';
import capSysAdmin from '../cap-sys-admin/cap-sys-admin.rule.js';
import capSysModule from '../cap-sys-module/cap-sys-module.rule.js';
import cloudCredentialPath from '../cloud-credential-path/cloud-credential-path.rule.js';
import fsGroup from '../fs-group/fs-group.rule.js';
import highGid from '../high-gid/high-gid.rule.js';
import highUid from '../high-uid/high-uid.rule.js';
import hostAliases from '../host-aliases/host-aliases.rule.js';
import hostIpc from '../host-ipc/host-ipc.rule.js';
import hostNetwork from '../host-network/host-network.rule.js';
import hostPath from '../host-path/host-path.rule.js';
import hostPathSensitive from '../host-path-sensitive/host-path-sensitive.rule.js';
import hostPathWritable from '../host-path-writable/host-path-writable.rule.js';
import hostPid from '../host-pid/host-pid.rule.js';
import hostPorts from '../host-ports/host-ports.rule.js';
import hostUsers from '../host-users/host-users.rule.js';
import linuxHardeningNone from '../linux-hardening-none/linux-hardening-none.rule.js';
import mountPropagation from '../mount-propagation/mount-propagation.rule.js';
import noSecurityContext from '../no-security-context/no-security-context.rule.js';
import privilegeEscalation from '../privilege-escalation/privilege-escalation.rule.js';
import privileged from '../privileged/privileged.rule.js';
import procMount from '../proc-mount/proc-mount.rule.js';
import readonlyRootFilesystem from '../readonly-root-filesystem/readonly-root-filesystem.rule.js';
import rootGroup from '../root-group/root-group.rule.js';
import runAsNonRoot from '../run-as-non-root/run-as-non-root.rule.js';
import runAsUid0 from '../run-as-uid-0/run-as-uid-0.rule.js';
import runtimeSocketMount from '../runtime-socket-mount/runtime-socket-mount.rule.js';
import seccompMissing from '../seccomp-missing/seccomp-missing.rule.js';
import seccompUnconfined from '../seccomp-unconfined/seccomp-unconfined.rule.js';
import selinuxCustom from '../selinux-custom/selinux-custom.rule.js';
import unsafeSysctls from '../unsafe-sysctls/unsafe-sysctls.rule.js';
import volumeTypes from '../volume-types/volume-types.rule.js';
import windowsHostProcess from '../windows-host-process/windows-host-process.rule.js';

export const workloadSecurityRules = [
  apparmor,
  capAddAny,
  capDangerous,
  capDefaultAdded,
  capDropAll,
  capDropNetRaw,
  capNetRawAdded,
  capSysAdmin,
  capSysModule,
  cloudCredentialPath,
  fsGroup,
  highGid,
  highUid,
  hostAliases,
  hostIpc,
  hostNetwork,
  hostPath,
  hostPathSensitive,
  hostPathWritable,
  hostPid,
  hostPorts,
  hostUsers,
  linuxHardeningNone,
  mountPropagation,
  noSecurityContext,
  privilegeEscalation,
  privileged,
  procMount,
  readonlyRootFilesystem,
  rootGroup,
  runAsNonRoot,
  runAsUid0,
  runtimeSocketMount,
  seccompMissing,
  seccompUnconfined,
  selinuxCustom,
  unsafeSysctls,
  volumeTypes,
  windowsHostProcess,
] as const;
