/*
Sysctls can disable security mechanisms or affect all containers on a host, and should be disallowed except
for an allowed "safe" subset. A sysctl is considered safe if it is namespaced in the container or the Pod, and
it is isolated from other Pods or processes on the same Node.

**Restricted Fields:**
spec.securityContext.sysctls[*].name

**Allowed Values:**
'kernel.shm_rmid_forced'
'net.ipv4.ip_local_port_range'
'net.ipv4.tcp_syncookies'
'net.ipv4.ping_group_range'
'net.ipv4.ip_unprivileged_port_start'
'net.ipv4.ip_local_reserved_ports' (since v1.27)
'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl',
'net.ipv4.tcp_keepalive_probes' (since v1.29)
'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem' (since v1.32)
'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat' (since v1.37, unreleased upstream)
*/
import { stringField, type CheckFn, type CheckMeta, type PodSpec } from '../check.js';

export const meta: CheckMeta = { id: 'sysctls', level: 'baseline', ruleId: 'pss-sysctls', category: 'kernel-hardening', title: 'Sysctls' };

function union(base: ReadonlySet<string>, ...added: string[]): ReadonlySet<string> {
  return new Set([...base, ...added]);
}

const ALLOWED_1_0: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start',
]);
const ALLOWED_1_27 = union(ALLOWED_1_0, 'net.ipv4.ip_local_reserved_ports');
const ALLOWED_1_29 = union(ALLOWED_1_27, 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes');
const ALLOWED_1_32 = union(ALLOWED_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem');
const ALLOWED_1_37 = union(ALLOWED_1_32, 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat');

function checkSysctls(spec: PodSpec, allowed: ReadonlySet<string>) {
  const sysctls = spec.securityContext?.sysctls;
  if (!Array.isArray(sysctls)) return undefined;
  let forbidden: string[] | undefined;
  let paths: string[] | undefined;
  for (let i = 0; i < sysctls.length; i++) {
    const name = stringField(sysctls[i]?.name);
    if (allowed.has(name)) continue;
    (forbidden ??= []).push(name);
    (paths ??= []).push(`spec.securityContext.sysctls[${i}].name`);
  }
  if (!forbidden || !paths) return undefined;
  // Spec order, duplicates kept: PSA joins the list as it finds it.
  return { reason: 'forbidden sysctls', detail: forbidden.join(', '), paths };
}

export const sysctls_1_0: CheckFn = (_metadata, spec) => checkSysctls(spec, ALLOWED_1_0);
export const sysctls_1_27: CheckFn = (_metadata, spec) => checkSysctls(spec, ALLOWED_1_27);
export const sysctls_1_29: CheckFn = (_metadata, spec) => checkSysctls(spec, ALLOWED_1_29);
export const sysctls_1_32: CheckFn = (_metadata, spec) => checkSysctls(spec, ALLOWED_1_32);
export const sysctls_1_37: CheckFn = (_metadata, spec) => checkSysctls(spec, ALLOWED_1_37);
