/**
 * Byte-exact reasons and details of every check, ported by hand from PSA's `policy/check_*_test.go` tables
 * (expectReason / expectDetail) plus cases for the version changes and relaxations.
 */
import { describe, expect, it } from 'vitest';
import type { CheckFn } from './check.js';
import { allowPrivilegeEscalation_1_8, allowPrivilegeEscalation_1_25 } from './checks/allow-privilege-escalation.js';
import { appArmorProfile_1_0 } from './checks/app-armor-profile.js';
import { capabilitiesBaseline_1_0 } from './checks/capabilities-baseline.js';
import { capabilitiesRestricted_1_22, capabilitiesRestricted_1_25 } from './checks/capabilities-restricted.js';
import { hostNamespaces_1_0 } from './checks/host-namespaces.js';
import { hostPathVolumes_1_0 } from './checks/host-path-volumes.js';
import { hostPorts_1_0 } from './checks/host-ports.js';
import { hostProbesAndHostLifecycle_1_34 } from './checks/host-probes-and-host-lifecycle.js';
import { privileged_1_0 } from './checks/privileged.js';
import { procMount_1_0, procMount_1_35 } from './checks/proc-mount.js';
import { procMountRestricted_1_35 } from './checks/proc-mount-restricted.js';
import { restrictedVolumes_1_0 } from './checks/restricted-volumes.js';
import { runAsNonRoot_1_0, runAsNonRoot_1_35 } from './checks/run-as-non-root.js';
import { runAsUser_1_23, runAsUser_1_35 } from './checks/run-as-user.js';
import { seLinuxOptions_1_0, seLinuxOptions_1_31 } from './checks/se-linux-options.js';
import { seccompProfileBaseline_1_0, seccompProfileBaseline_1_19 } from './checks/seccomp-profile-baseline.js';
import { seccompProfileRestricted_1_19, seccompProfileRestricted_1_25 } from './checks/seccomp-profile-restricted.js';
import { sysctls_1_0, sysctls_1_27, sysctls_1_29, sysctls_1_32, sysctls_1_37 } from './checks/sysctls.js';
import { windowsHostProcess_1_0 } from './checks/windows-host-process.js';

interface Case {
  name: string;
  check: CheckFn;
  metadata?: Record<string, any>;
  spec: Record<string, any>;
  /** Absent: the pod must be allowed. */
  reason?: string;
  detail?: string;
  paths?: string[];
}

const sc = (securityContext: Record<string, any>) => ({ securityContext });

const cases: Case[] = [
  // privileged
  { name: 'privileged: unset and false are allowed', check: privileged_1_0, spec: { containers: [{ name: 'a' }, { name: 'b', ...sc({ privileged: false }) }] } },
  {
    name: 'privileged: one container',
    check: privileged_1_0,
    spec: { containers: [{ name: 'a' }, { name: 'b', ...sc({ privileged: true }) }] },
    reason: 'privileged',
    detail: 'container "b" must not set securityContext.privileged=true',
    paths: ['spec.containers[1].securityContext.privileged'],
  },
  {
    name: 'privileged: init, regular and ephemeral containers in PSA visiting order',
    check: privileged_1_0,
    spec: { containers: [{ name: 'c', ...sc({ privileged: true }) }], initContainers: [{ name: 'i', ...sc({ privileged: true }) }], ephemeralContainers: [{ name: 'e', ...sc({ privileged: true }) }] },
    reason: 'privileged',
    detail: 'containers "i", "c", "e" must not set securityContext.privileged=true',
  },

  // hostNamespaces
  { name: 'hostNamespaces: false is allowed', check: hostNamespaces_1_0, spec: { hostNetwork: false, hostPID: false, hostIPC: false } },
  { name: 'hostNamespaces: hostNetwork', check: hostNamespaces_1_0, spec: { hostNetwork: true }, reason: 'host namespaces', detail: 'hostNetwork=true', paths: ['spec.hostNetwork'] },
  { name: 'hostNamespaces: all three', check: hostNamespaces_1_0, spec: { hostIPC: true, hostNetwork: true, hostPID: true }, reason: 'host namespaces', detail: 'hostNetwork=true, hostPID=true, hostIPC=true' },

  // capabilities_baseline
  { name: 'capabilities_baseline: default set is allowed', check: capabilitiesBaseline_1_0, spec: { containers: [{ name: 'a', ...sc({ capabilities: { add: ['NET_BIND_SERVICE', 'CHOWN', 'SYS_CHROOT'] } }) }] } },
  {
    name: 'capabilities_baseline: caps sorted and unique across containers',
    check: capabilitiesBaseline_1_0,
    spec: {
      containers: [
        { name: 'a', ...sc({ capabilities: { add: ['FOO', 'BAR'] } }) },
        { name: 'b', ...sc({ capabilities: { add: ['BAR', 'BAZ'] } }) },
        { name: 'c', ...sc({ capabilities: { add: ['CHOWN'] } }) },
      ],
    },
    reason: 'non-default capabilities',
    detail: 'containers "a", "b" must not include "BAR", "BAZ", "FOO" in securityContext.capabilities.add',
    paths: ['spec.containers[0].securityContext.capabilities.add[0]', 'spec.containers[1].securityContext.capabilities.add[0]'],
  },
  {
    name: 'capabilities_baseline: case matters',
    check: capabilitiesBaseline_1_0,
    spec: { containers: [{ name: 'a', ...sc({ capabilities: { add: ['chown'] } }) }] },
    reason: 'non-default capabilities',
    detail: 'container "a" must not include "chown" in securityContext.capabilities.add',
  },

  // hostPathVolumes
  {
    name: 'hostPathVolumes: two volumes',
    check: hostPathVolumes_1_0,
    spec: { volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', hostPath: { path: '/' } }, { name: 'c', hostPath: { path: '/var' } }] },
    reason: 'hostPath volumes',
    detail: 'volumes "b", "c"',
    paths: ['spec.volumes[1].hostPath', 'spec.volumes[2].hostPath'],
  },
  { name: 'hostPathVolumes: hostPath: null is no hostPath', check: hostPathVolumes_1_0, spec: { volumes: [{ name: 'a', hostPath: null, emptyDir: {} }] } },

  // hostPorts
  { name: 'hostPorts: 0 and unset are allowed', check: hostPorts_1_0, spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }, { containerPort: 81, hostPort: 0 }] }] } },
  {
    name: 'hostPorts: ports sorted as strings and unique',
    check: hostPorts_1_0,
    spec: { containers: [{ name: 'a', ports: [{ hostPort: 8080 }, { hostPort: 80 }] }, { name: 'b', ports: [{ hostPort: 80 }, { hostPort: 10 }] }] },
    reason: 'hostPort',
    detail: 'containers "a", "b" use hostPorts 10, 80, 8080',
  },
  {
    name: 'hostPorts: one container, one port',
    check: hostPorts_1_0,
    spec: { initContainers: [{ name: 'init', ports: [{ hostPort: 53 }] }] },
    reason: 'hostPort',
    detail: 'container "init" uses hostPort 53',
    paths: ['spec.initContainers[0].ports[0].hostPort'],
  },

  // appArmorProfile (TestCheckAppArmor_Forbidden)
  { name: 'appArmorProfile: runtime/default, localhost and empty annotations are allowed', check: appArmorProfile_1_0, metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/a': 'runtime/default', 'container.apparmor.security.beta.kubernetes.io/b': 'localhost/foo', 'container.apparmor.security.beta.kubernetes.io/c': '' } }, spec: {} },
  { name: 'appArmorProfile: RuntimeDefault and Localhost types are allowed', check: appArmorProfile_1_0, spec: { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'a', ...sc({ appArmorProfile: { type: 'Localhost', localhostProfile: 'x' } }) }] } },
  { name: 'appArmorProfile: unconfined pod', check: appArmorProfile_1_0, spec: { securityContext: { appArmorProfile: { type: 'Unconfined' } } }, reason: 'forbidden AppArmor profile', detail: 'pod must not set AppArmor profile type to "Unconfined"', paths: ['spec.securityContext.appArmorProfile.type'] },
  {
    name: 'appArmorProfile: unconfined container',
    check: appArmorProfile_1_0,
    spec: { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'foo', ...sc({ appArmorProfile: { type: 'Unconfined' } }) }] },
    reason: 'forbidden AppArmor profile',
    detail: 'container "foo" must not set AppArmor profile type to "Unconfined"',
  },
  {
    name: 'appArmorProfile: pod, containers and annotations together',
    check: appArmorProfile_1_0,
    metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/b': 'unconfined', 'container.apparmor.security.beta.kubernetes.io/a': 'foo' } },
    spec: { securityContext: { appArmorProfile: { type: 'Unconfined' } }, containers: [{ name: 'x', ...sc({ appArmorProfile: { type: 'Unconfined' } }) }, { name: 'y', ...sc({ appArmorProfile: { type: 'Bogus' } }) }] },
    reason: 'forbidden AppArmor profiles',
    // joinQuote does not escape: the annotation's own %q quotes sit inside PSA's quotes.
    detail: 'pod and containers "x", "y" and annotations must not set AppArmor profile type to "Bogus", "Unconfined", "container.apparmor.security.beta.kubernetes.io/a="foo"", "container.apparmor.security.beta.kubernetes.io/b="unconfined""',
  },
  {
    name: 'appArmorProfile: one annotation',
    check: appArmorProfile_1_0,
    metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } },
    spec: {},
    reason: 'forbidden AppArmor profile',
    detail: 'annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/app="unconfined""',
    paths: ['metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]'],
  },

  // seLinuxOptions (TestSELinuxOptions)
  {
    name: 'seLinuxOptions: invalid pod and containers',
    check: seLinuxOptions_1_0,
    spec: {
      securityContext: { seLinuxOptions: { type: 'foo', user: 'bar', role: 'baz' } },
      containers: [
        { name: 'a', ...sc({ seLinuxOptions: { type: 'container_t' } }) },
        { name: 'b', ...sc({ seLinuxOptions: { type: 'container_init_t' } }) },
        { name: 'c', ...sc({ seLinuxOptions: { type: 'container_kvm_t' } }) },
        { name: 'd', ...sc({ seLinuxOptions: { type: 'bar' } }) },
        { name: 'e', ...sc({ seLinuxOptions: { user: 'bar' } }) },
        { name: 'f', ...sc({ seLinuxOptions: { role: 'baz' } }) },
      ],
    },
    reason: 'seLinuxOptions',
    detail: 'pod and containers "d", "e", "f" set forbidden securityContext.seLinuxOptions: types "bar", "foo"; user may not be set; role may not be set',
  },
  {
    name: 'seLinuxOptions: invalid pod',
    check: seLinuxOptions_1_0,
    spec: { securityContext: { seLinuxOptions: { type: 'foo', user: 'bar', role: 'baz' } }, containers: [{ name: 'a', ...sc({ seLinuxOptions: { type: 'container_t' } }) }] },
    reason: 'seLinuxOptions',
    detail: 'pod set forbidden securityContext.seLinuxOptions: type "foo"; user may not be set; role may not be set',
    paths: ['spec.securityContext.seLinuxOptions.type', 'spec.securityContext.seLinuxOptions.user', 'spec.securityContext.seLinuxOptions.role'],
  },
  {
    name: 'seLinuxOptions: user only renders an empty list, as PSA does',
    check: seLinuxOptions_1_0,
    spec: { containers: [{ name: 'a', ...sc({ seLinuxOptions: { user: 'root' } }) }] },
    reason: 'seLinuxOptions',
    detail: 'container "a" set forbidden securityContext.seLinuxOptions: ',
  },
  {
    name: 'seLinuxOptions: container_engine_t is forbidden before v1.31',
    check: seLinuxOptions_1_0,
    spec: { containers: [{ name: 'a', ...sc({ seLinuxOptions: { type: 'container_engine_t' } }) }] },
    reason: 'seLinuxOptions',
    detail: 'container "a" set forbidden securityContext.seLinuxOptions: type "container_engine_t"',
  },
  { name: 'seLinuxOptions: container_engine_t is allowed from v1.31', check: seLinuxOptions_1_31, spec: { containers: [{ name: 'a', ...sc({ seLinuxOptions: { type: 'container_engine_t', level: 's0:c1' } }) }] } },

  // procMount
  { name: 'procMount: Default is allowed', check: procMount_1_0, spec: { containers: [{ name: 'a', ...sc({ procMount: 'Default' }) }] } },
  {
    name: 'procMount: Unmasked',
    check: procMount_1_0,
    spec: { containers: [{ name: 'a', ...sc({ procMount: 'Unmasked' }) }, { name: 'b', ...sc({ procMount: 'Other' }) }] },
    reason: 'procMount',
    detail: 'containers "a", "b" must not set securityContext.procMount to "Other", "Unmasked"',
  },
  {
    name: 'procMount: v1.0 ignores hostUsers',
    check: procMount_1_0,
    spec: { hostUsers: false, containers: [{ name: 'a', ...sc({ procMount: 'Unmasked' }) }] },
    reason: 'procMount',
    detail: 'container "a" must not set securityContext.procMount to "Unmasked"',
  },
  { name: 'procMount: v1.35 allows any value with hostUsers false', check: procMount_1_35, spec: { hostUsers: false, containers: [{ name: 'a', ...sc({ procMount: 'Unmasked' }) }] } },
  {
    name: 'procMount_restricted: keeps the rule with hostUsers false',
    check: procMountRestricted_1_35,
    spec: { hostUsers: false, containers: [{ name: 'a', ...sc({ procMount: 'Unmasked' }) }] },
    reason: 'procMount',
    detail: 'container "a" must not set securityContext.procMount to "Unmasked"',
    paths: ['spec.containers[0].securityContext.procMount'],
  },

  // seccompProfile_baseline
  {
    name: 'seccompProfile_baseline v1.0: forbidden annotations sorted',
    check: seccompProfileBaseline_1_0,
    metadata: { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined', 'container.seccomp.security.alpha.kubernetes.io/a': 'unconfined', 'container.seccomp.security.alpha.kubernetes.io/b': 'runtime/default' } },
    spec: { containers: [{ name: 'a' }, { name: 'b' }] },
    reason: 'seccompProfile',
    detail: 'forbidden annotations container.seccomp.security.alpha.kubernetes.io/a="unconfined", seccomp.security.alpha.kubernetes.io/pod="unconfined"',
  },
  { name: 'seccompProfile_baseline v1.0: docker/default and localhost are allowed', check: seccompProfileBaseline_1_0, metadata: { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'docker/default', 'container.seccomp.security.alpha.kubernetes.io/a': 'localhost/p' } }, spec: { containers: [{ name: 'a' }] } },
  { name: 'seccompProfile_baseline v1.0: fields are not read', check: seccompProfileBaseline_1_0, spec: { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [{ name: 'a' }] } },
  {
    name: 'seccompProfile_baseline v1.19: pod and container',
    check: seccompProfileBaseline_1_19,
    spec: { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [{ name: 'a', ...sc({ seccompProfile: { type: 'Unconfined' } }) }, { name: 'b', ...sc({ seccompProfile: { type: 'RuntimeDefault' } }) }] },
    reason: 'seccompProfile',
    detail: 'pod and container "a" must not set securityContext.seccompProfile.type to "Unconfined"',
  },
  { name: 'seccompProfile_baseline v1.19: unset is allowed', check: seccompProfileBaseline_1_19, spec: { containers: [{ name: 'a' }] } },

  // sysctls (TestSysctls_*)
  { name: 'sysctls v1.0: allowed set', check: sysctls_1_0, spec: { securityContext: { sysctls: [{ name: 'kernel.shm_rmid_forced' }, { name: 'net.ipv4.ip_unprivileged_port_start' }] } } },
  {
    name: 'sysctls v1.0: spec order, duplicates kept',
    check: sysctls_1_0,
    spec: { securityContext: { sysctls: [{ name: 'net.ipv4.ip_local_reserved_ports' }, { name: 'a' }, { name: 'a' }] } },
    reason: 'forbidden sysctls',
    detail: 'net.ipv4.ip_local_reserved_ports, a, a',
    paths: ['spec.securityContext.sysctls[0].name', 'spec.securityContext.sysctls[1].name', 'spec.securityContext.sysctls[2].name'],
  },
  { name: 'sysctls v1.27: ip_local_reserved_ports allowed', check: sysctls_1_27, spec: { securityContext: { sysctls: [{ name: 'net.ipv4.ip_local_reserved_ports' }] } } },
  { name: 'sysctls v1.27: tcp_keepalive_time still forbidden', check: sysctls_1_27, spec: { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_keepalive_time' }] } }, reason: 'forbidden sysctls', detail: 'net.ipv4.tcp_keepalive_time' },
  { name: 'sysctls v1.29: keepalive and fin_timeout allowed', check: sysctls_1_29, spec: { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_keepalive_time' }, { name: 'net.ipv4.tcp_fin_timeout' }, { name: 'net.ipv4.tcp_keepalive_intvl' }, { name: 'net.ipv4.tcp_keepalive_probes' }] } } },
  { name: 'sysctls v1.29: tcp_rmem forbidden', check: sysctls_1_29, spec: { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem' }, { name: 'net.ipv4.tcp_wmem' }] } }, reason: 'forbidden sysctls', detail: 'net.ipv4.tcp_rmem, net.ipv4.tcp_wmem' },
  { name: 'sysctls v1.32: tcp_rmem and tcp_wmem allowed', check: sysctls_1_32, spec: { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem' }, { name: 'net.ipv4.tcp_wmem' }] } } },
  { name: 'sysctls v1.32: tcp_slow_start_after_idle forbidden', check: sysctls_1_32, spec: { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_slow_start_after_idle' }] } }, reason: 'forbidden sysctls', detail: 'net.ipv4.tcp_slow_start_after_idle' },
  { name: 'sysctls v1.37: tcp_slow_start_after_idle and tcp_notsent_lowat allowed', check: sysctls_1_37, spec: { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_slow_start_after_idle' }, { name: 'net.ipv4.tcp_notsent_lowat' }] } } },
  { name: 'sysctls v1.37: others still forbidden', check: sysctls_1_37, spec: { securityContext: { sysctls: [{ name: 'kernel.msgmax' }] } }, reason: 'forbidden sysctls', detail: 'kernel.msgmax' },

  // windowsHostProcess
  {
    name: 'windowsHostProcess: pod and containers',
    check: windowsHostProcess_1_0,
    spec: { securityContext: { windowsOptions: { hostProcess: true } }, containers: [{ name: 'a', ...sc({ windowsOptions: { hostProcess: true } }) }, { name: 'b', ...sc({ windowsOptions: { hostProcess: false } }) }] },
    reason: 'hostProcess',
    detail: 'pod and container "a" must not set securityContext.windowsOptions.hostProcess=true',
    paths: ['spec.securityContext.windowsOptions.hostProcess', 'spec.containers[0].securityContext.windowsOptions.hostProcess'],
  },

  // hostProbesAndHostLifecycle (TestHostProbesAndHostLifecycle)
  { name: 'hostProbesAndHostLifecycle: unset hosts are allowed', check: hostProbesAndHostLifecycle_1_34, spec: { containers: [{ name: 'a', livenessProbe: { httpGet: {} }, readinessProbe: { tcpSocket: {} }, lifecycle: { postStart: { httpGet: {} } } }] } },
  {
    name: 'hostProbesAndHostLifecycle: hosts of one container sorted',
    check: hostProbesAndHostLifecycle_1_34,
    spec: { containers: [{ name: 'a', livenessProbe: { httpGet: { host: '127.0.0.1' } }, readinessProbe: { tcpSocket: { host: '::1' } }, startupProbe: { httpGet: { host: 'localhost' } } }] },
    reason: 'probe or lifecycle host',
    detail: 'container "a" uses probe or lifecycle hosts "127.0.0.1", "::1", "localhost"',
  },
  {
    name: 'hostProbesAndHostLifecycle: multiple containers with multiple invalid hosts',
    check: hostProbesAndHostLifecycle_1_34,
    spec: { containers: [{ name: 'valid' }, { name: 'invalid1', livenessProbe: { httpGet: { host: 'a.com' } } }, { name: 'invalid2', lifecycle: { preStop: { tcpSocket: { host: 'b.com' } } }, startupProbe: { httpGet: { host: 'a.com' } } }] },
    reason: 'probe or lifecycle host',
    detail: 'containers "invalid1", "invalid2" use probe or lifecycle hosts "a.com", "b.com"',
    paths: ['spec.containers[1].livenessProbe.httpGet.host', 'spec.containers[2].startupProbe.httpGet.host', 'spec.containers[2].lifecycle.preStop.tcpSocket.host'],
  },
  {
    name: 'hostProbesAndHostLifecycle: init container',
    check: hostProbesAndHostLifecycle_1_34,
    spec: { initContainers: [{ name: 'init', livenessProbe: { httpGet: { host: 'invalid.init.host' } } }] },
    reason: 'probe or lifecycle host',
    detail: 'container "init" uses probe or lifecycle host "invalid.init.host"',
  },

  // restrictedVolumes (TestRestrictedVolumes)
  {
    name: 'restrictedVolumes: every known type, then unknown',
    check: restrictedVolumes_1_0,
    spec: {
      volumes: [
        { name: 'a1', emptyDir: {} }, { name: 'a2', secret: {} }, { name: 'a3', persistentVolumeClaim: {} }, { name: 'a4', downwardAPI: {} },
        { name: 'a5', configMap: {} }, { name: 'a6', projected: {} }, { name: 'a7', csi: {} }, { name: 'a8', ephemeral: {} }, { name: 'a9', image: {} },
        { name: 'b1', hostPath: {} }, { name: 'b2', gcePersistentDisk: {} }, { name: 'b3', awsElasticBlockStore: {} }, { name: 'b4', gitRepo: {} },
        { name: 'b5', nfs: {} }, { name: 'b6', iscsi: {} }, { name: 'b7', glusterfs: {} }, { name: 'b8', rbd: {} }, { name: 'b9', flexVolume: {} },
        { name: 'b10', cinder: {} }, { name: 'b11', cephfs: {} }, { name: 'b12', flocker: {} }, { name: 'b13', fc: {} }, { name: 'b14', azureFile: {} },
        { name: 'b15', vsphereVolume: {} }, { name: 'b16', quobyte: {} }, { name: 'b17', azureDisk: {} }, { name: 'b18', photonPersistentDisk: {} },
        { name: 'b19', portworxVolume: {} }, { name: 'b20', scaleIO: {} }, { name: 'b21', storageos: {} },
        { name: 'c1', futureVolume: {} },
      ],
    },
    reason: 'restricted volume types',
    detail:
      'volumes "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10", "b11", "b12", "b13", "b14", "b15", "b16", "b17", "b18", "b19", "b20", "b21", "c1"' +
      ' use restricted volume types "awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "fc", "flexVolume", "flocker", "gcePersistentDisk", "gitRepo", "glusterfs", ' +
      '"hostPath", "iscsi", "nfs", "photonPersistentDisk", "portworxVolume", "quobyte", "rbd", "scaleIO", "storageos", "unknown", "vsphereVolume"',
  },
  { name: 'restrictedVolumes: one volume', check: restrictedVolumes_1_0, spec: { volumes: [{ name: 'data', nfs: { server: 'x', path: '/' } }] }, reason: 'restricted volume types', detail: 'volume "data" uses restricted volume type "nfs"', paths: ['spec.volumes[0].nfs'] },

  // allowPrivilegeEscalation
  {
    name: 'allowPrivilegeEscalation: unset and true fail',
    check: allowPrivilegeEscalation_1_8,
    spec: { containers: [{ name: 'a' }, { name: 'b', ...sc({ allowPrivilegeEscalation: true }) }, { name: 'c', ...sc({ allowPrivilegeEscalation: false }) }] },
    reason: 'allowPrivilegeEscalation != false',
    detail: 'containers "a", "b" must set securityContext.allowPrivilegeEscalation=false',
  },
  { name: 'allowPrivilegeEscalation v1.25: windows pods are exempt', check: allowPrivilegeEscalation_1_25, spec: { os: { name: 'windows' }, containers: [{ name: 'a' }] } },
  { name: 'allowPrivilegeEscalation v1.8: windows pods are not exempt', check: allowPrivilegeEscalation_1_8, spec: { os: { name: 'windows' }, containers: [{ name: 'a' }] }, reason: 'allowPrivilegeEscalation != false', detail: 'container "a" must set securityContext.allowPrivilegeEscalation=false' },

  // runAsNonRoot (TestRunAsNonRoot)
  { name: 'runAsNonRoot: pod true covers containers', check: runAsNonRoot_1_0, spec: { securityContext: { runAsNonRoot: true }, containers: [{ name: 'a' }] } },
  { name: 'runAsNonRoot: every container true', check: runAsNonRoot_1_0, spec: { containers: [{ name: 'a', ...sc({ runAsNonRoot: true }) }] } },
  {
    name: 'runAsNonRoot: explicit false wins over unset',
    check: runAsNonRoot_1_0,
    spec: { securityContext: { runAsNonRoot: false }, containers: [{ name: 'a' }, { name: 'b', ...sc({ runAsNonRoot: false }) }, { name: 'c', ...sc({ runAsNonRoot: false }) }, { name: 'd', ...sc({ runAsNonRoot: true }) }] },
    reason: 'runAsNonRoot != true',
    detail: 'pod and containers "b", "c" must not set securityContext.runAsNonRoot=false',
  },
  {
    name: 'runAsNonRoot: unset everywhere',
    check: runAsNonRoot_1_0,
    spec: { containers: [{ name: 'a' }, { name: 'b', ...sc({ runAsNonRoot: true }) }], initContainers: [{ name: 'i' }] },
    reason: 'runAsNonRoot != true',
    detail: 'pod or containers "i", "a" must set securityContext.runAsNonRoot=true',
    paths: ['spec.securityContext.runAsNonRoot', 'spec.initContainers[0].securityContext.runAsNonRoot', 'spec.containers[0].securityContext.runAsNonRoot'],
  },
  { name: 'runAsNonRoot v1.35: hostUsers false is allowed', check: runAsNonRoot_1_35, spec: { hostUsers: false, containers: [{ name: 'a' }] } },
  { name: 'runAsNonRoot v1.0: hostUsers false is not relaxed', check: runAsNonRoot_1_0, spec: { hostUsers: false, containers: [{ name: 'a' }] }, reason: 'runAsNonRoot != true', detail: 'pod or container "a" must set securityContext.runAsNonRoot=true' },

  // runAsUser (TestRunAsUser)
  {
    name: 'runAsUser: pod and containers set 0',
    check: runAsUser_1_23,
    spec: { securityContext: { runAsUser: 0 }, containers: [{ name: 'a', ...sc({ runAsUser: 0 }) }, { name: 'b', ...sc({ runAsUser: 0 }) }, { name: 'c', ...sc({ runAsUser: 1 }) }, { name: 'd' }] },
    reason: 'runAsUser=0',
    detail: 'pod and containers "a", "b" must not set runAsUser=0',
  },
  { name: 'runAsUser: non-zero and unset are allowed', check: runAsUser_1_23, spec: { securityContext: { runAsUser: 1000 }, containers: [{ name: 'a' }] } },
  { name: 'runAsUser v1.35: hostUsers false is allowed', check: runAsUser_1_35, spec: { hostUsers: false, securityContext: { runAsUser: 0 }, containers: [{ name: 'a' }] } },

  // seccompProfile_restricted (TestSeccompProfileRestricted)
  { name: 'seccompProfile_restricted: pod RuntimeDefault', check: seccompProfileRestricted_1_19, spec: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'a' }] } },
  {
    name: 'seccompProfile_restricted: explicit bad values',
    check: seccompProfileRestricted_1_19,
    spec: { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [{ name: 'a' }, { name: 'b', ...sc({ seccompProfile: { type: 'Unconfined' } }) }, { name: 'c', ...sc({ seccompProfile: { type: 'Bogus' } }) }, { name: 'd', ...sc({ seccompProfile: { type: 'Localhost' } }) }] },
    reason: 'seccompProfile',
    detail: 'pod and containers "b", "c" must not set securityContext.seccompProfile.type to "Bogus", "Unconfined"',
  },
  {
    name: 'seccompProfile_restricted: unset',
    check: seccompProfileRestricted_1_19,
    spec: { containers: [{ name: 'a' }, { name: 'b', ...sc({ seccompProfile: { type: 'RuntimeDefault' } }) }, { name: 'c' }] },
    reason: 'seccompProfile',
    detail: 'pod or containers "a", "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
  },
  { name: 'seccompProfile_restricted v1.25: windows pods are exempt', check: seccompProfileRestricted_1_25, spec: { os: { name: 'windows' }, containers: [{ name: 'a' }] } },

  // capabilities_restricted (TestCapabilitiesRestricted)
  {
    name: 'capabilities_restricted: missing drop and forbidden adds',
    check: capabilitiesRestricted_1_22,
    spec: {
      containers: [
        { name: 'a' },
        { name: 'b', ...sc({ capabilities: {} }) },
        { name: 'c', ...sc({ capabilities: { drop: ['all'] } }) },
        { name: 'd', ...sc({ capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } }) },
        { name: 'e', ...sc({ capabilities: { drop: ['ALL'], add: ['FOO', 'NET_BIND_SERVICE', 'BAR'] } }) },
        { name: 'f', ...sc({ capabilities: { add: ['BAR'] } }) },
      ],
    },
    reason: 'unrestricted capabilities',
    detail: 'containers "a", "b", "c", "f" must set securityContext.capabilities.drop=["ALL"]; containers "e", "f" must not include "BAR", "FOO" in securityContext.capabilities.add',
  },
  { name: 'capabilities_restricted v1.25: windows pods are exempt', check: capabilitiesRestricted_1_25, spec: { os: { name: 'windows' }, containers: [{ name: 'a' }] } },
];

describe('PSS checks: reasons and details as PSA renders them', () => {
  it('has no duplicate case names', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  for (const testCase of cases) {
    it(testCase.name, () => {
      const result = testCase.check(testCase.metadata ?? {}, testCase.spec);
      if (testCase.reason === undefined) {
        expect(result).toBeUndefined();
        return;
      }
      expect(result).toBeDefined();
      expect(result!.reason).toBe(testCase.reason);
      expect(result!.detail).toBe(testCase.detail);
      if (testCase.paths) expect(result!.paths).toEqual(testCase.paths);
    });
  }
});
