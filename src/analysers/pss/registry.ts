/**
 * The one table of Pod Security checks, with the policy version each behaviour starts at, read top to bottom
 * as the standard's changelog. `compileChecks` validates the table (PSA's `validateChecks`) and precomputes the
 * ordered check list of every level at every minor version, so an evaluation is a single array walk.
 */
import type { CheckFn, CheckLevel, CheckMeta } from './check.js';
import { compareBytes } from './check.js';
import { LATEST, parseVersion, type PolicyVersion } from './levels.js';
import * as allowPrivilegeEscalation from './checks/allow-privilege-escalation.js';
import * as appArmorProfile from './checks/app-armor-profile.js';
import * as capabilitiesBaseline from './checks/capabilities-baseline.js';
import * as capabilitiesRestricted from './checks/capabilities-restricted.js';
import * as hostNamespaces from './checks/host-namespaces.js';
import * as hostPathVolumes from './checks/host-path-volumes.js';
import * as hostPorts from './checks/host-ports.js';
import * as hostProbesAndHostLifecycle from './checks/host-probes-and-host-lifecycle.js';
import * as privileged from './checks/privileged.js';
import * as procMount from './checks/proc-mount.js';
import * as procMountRestricted from './checks/proc-mount-restricted.js';
import * as restrictedVolumes from './checks/restricted-volumes.js';
import * as runAsNonRoot from './checks/run-as-non-root.js';
import * as runAsUser from './checks/run-as-user.js';
import * as seLinuxOptions from './checks/se-linux-options.js';
import * as seccompProfileBaseline from './checks/seccomp-profile-baseline.js';
import * as seccompProfileRestricted from './checks/seccomp-profile-restricted.js';
import * as sysctls from './checks/sysctls.js';
import * as windowsHostProcess from './checks/windows-host-process.js';

export interface VersionedCheck {
  /** The first policy version this behaviour applies to: `v1.N`, never `latest`. */
  since: string;
  check: CheckFn;
  /** Baseline check IDs this restricted behaviour replaces at the restricted level. */
  overrides?: readonly string[];
}

export interface CheckEntry {
  meta: CheckMeta;
  /** Oldest first, strictly increasing. */
  versions: readonly VersionedCheck[];
}

export const PSS_CHECKS: readonly CheckEntry[] = [
  // Baseline
  { meta: appArmorProfile.meta, versions: [{ since: 'v1.0', check: appArmorProfile.appArmorProfile_1_0 }] },
  { meta: capabilitiesBaseline.meta, versions: [{ since: 'v1.0', check: capabilitiesBaseline.capabilitiesBaseline_1_0 }] },
  { meta: hostNamespaces.meta, versions: [{ since: 'v1.0', check: hostNamespaces.hostNamespaces_1_0 }] },
  { meta: hostPathVolumes.meta, versions: [{ since: 'v1.0', check: hostPathVolumes.hostPathVolumes_1_0 }] },
  { meta: hostPorts.meta, versions: [{ since: 'v1.0', check: hostPorts.hostPorts_1_0 }] },
  { meta: hostProbesAndHostLifecycle.meta, versions: [{ since: 'v1.34', check: hostProbesAndHostLifecycle.hostProbesAndHostLifecycle_1_34 }] },
  { meta: privileged.meta, versions: [{ since: 'v1.0', check: privileged.privileged_1_0 }] },
  {
    meta: procMount.meta,
    versions: [
      { since: 'v1.0', check: procMount.procMount_1_0 },
      { since: 'v1.35', check: procMount.procMount_1_35 },
    ],
  },
  {
    meta: seLinuxOptions.meta,
    versions: [
      { since: 'v1.0', check: seLinuxOptions.seLinuxOptions_1_0 },
      { since: 'v1.31', check: seLinuxOptions.seLinuxOptions_1_31 },
    ],
  },
  {
    meta: seccompProfileBaseline.meta,
    versions: [
      { since: 'v1.0', check: seccompProfileBaseline.seccompProfileBaseline_1_0 },
      { since: 'v1.19', check: seccompProfileBaseline.seccompProfileBaseline_1_19 },
    ],
  },
  {
    meta: sysctls.meta,
    versions: [
      { since: 'v1.0', check: sysctls.sysctls_1_0 },
      { since: 'v1.27', check: sysctls.sysctls_1_27 },
      { since: 'v1.29', check: sysctls.sysctls_1_29 },
      { since: 'v1.32', check: sysctls.sysctls_1_32 },
      { since: 'v1.37', check: sysctls.sysctls_1_37 },
    ],
  },
  { meta: windowsHostProcess.meta, versions: [{ since: 'v1.0', check: windowsHostProcess.windowsHostProcess_1_0 }] },

  // Restricted
  {
    meta: allowPrivilegeEscalation.meta,
    versions: [
      { since: 'v1.8', check: allowPrivilegeEscalation.allowPrivilegeEscalation_1_8 },
      { since: 'v1.25', check: allowPrivilegeEscalation.allowPrivilegeEscalation_1_25 },
    ],
  },
  {
    meta: capabilitiesRestricted.meta,
    versions: [
      { since: 'v1.22', check: capabilitiesRestricted.capabilitiesRestricted_1_22, overrides: ['capabilities_baseline'] },
      { since: 'v1.25', check: capabilitiesRestricted.capabilitiesRestricted_1_25, overrides: ['capabilities_baseline'] },
    ],
  },
  { meta: procMountRestricted.meta, versions: [{ since: 'v1.35', check: procMountRestricted.procMountRestricted_1_35, overrides: ['procMount'] }] },
  { meta: restrictedVolumes.meta, versions: [{ since: 'v1.0', check: restrictedVolumes.restrictedVolumes_1_0, overrides: ['hostPathVolumes'] }] },
  {
    meta: runAsNonRoot.meta,
    versions: [
      { since: 'v1.0', check: runAsNonRoot.runAsNonRoot_1_0 },
      { since: 'v1.35', check: runAsNonRoot.runAsNonRoot_1_35 },
    ],
  },
  {
    meta: runAsUser.meta,
    versions: [
      { since: 'v1.23', check: runAsUser.runAsUser_1_23 },
      { since: 'v1.35', check: runAsUser.runAsUser_1_35 },
    ],
  },
  {
    meta: seccompProfileRestricted.meta,
    versions: [
      { since: 'v1.19', check: seccompProfileRestricted.seccompProfileRestricted_1_19, overrides: ['seccompProfile_baseline'] },
      { since: 'v1.25', check: seccompProfileRestricted.seccompProfileRestricted_1_25, overrides: ['seccompProfile_baseline'] },
    ],
  },
];

/** A check ready to run at one level and version. */
export interface CompiledCheck {
  meta: CheckMeta;
  check: CheckFn;
}

/** The precomputed check lists: `byVersion[level][minor]`, in PSA's order (baseline IDs, then restricted IDs, each byte-sorted). */
export interface CompiledChecks {
  /** The newest policy version any check defines (what `latest` means), possibly lowered by `maxVersion`. */
  maxVersion: number;
  byVersion: Record<CheckLevel, readonly (readonly CompiledCheck[])[]>;
  checks: readonly CheckMeta[];
}

export class CheckTableError extends Error {
  override name = 'CheckTableError';
}

/** Rejects what PSA's validateChecks rejects, naming the check; returns the parsed minor versions per entry. */
export function validateCheckTable(table: readonly CheckEntry[]): number[][] {
  const levels = new Map<string, CheckLevel>();
  const ruleIds = new Set<string>();
  const parsed: number[][] = [];
  for (const entry of table) {
    const { id, level, ruleId } = entry.meta;
    if (levels.has(id)) throw new CheckTableError(`PSS check table: multiple checks registered for ID ${id}`);
    if (level !== 'baseline' && level !== 'restricted') throw new CheckTableError(`PSS check table: check ${id}: invalid level ${String(level)}`);
    levels.set(id, level);
    if (ruleIds.has(ruleId)) throw new CheckTableError(`PSS check table: check ${id}: rule id ${ruleId} is already used`);
    ruleIds.add(ruleId);
    if (entry.versions.length === 0) throw new CheckTableError(`PSS check table: check ${id}: empty`);
    const minors: number[] = [];
    for (const version of entry.versions) {
      if (version.since === 'latest') throw new CheckTableError(`PSS check table: check ${id}: version cannot be 'latest'`);
      const minor = parseVersion(version.since);
      if (minor === undefined) throw new CheckTableError(`PSS check table: check ${id}: invalid version ${JSON.stringify(version.since)}`);
      const previous = minors[minors.length - 1];
      if (previous === minor) throw new CheckTableError(`PSS check table: check ${id}: duplicate version ${version.since}`);
      if (previous !== undefined && minor < previous) throw new CheckTableError(`PSS check table: check ${id}: versions must be strictly increasing (${version.since} after v1.${previous})`);
      minors.push(minor);
    }
    parsed.push(minors);
  }
  for (const entry of table) {
    for (const version of entry.versions) {
      if (!version.overrides?.length) continue;
      if (entry.meta.level !== 'restricted') throw new CheckTableError(`PSS check table: check ${entry.meta.id}: only restricted checks may set overrides`);
      for (const override of version.overrides) {
        const overridden = levels.get(override);
        if (overridden === undefined) throw new CheckTableError(`PSS check table: check ${entry.meta.id}: overrides unknown check ${override}`);
        if (overridden !== 'baseline') throw new CheckTableError(`PSS check table: check ${entry.meta.id}: overrides ${overridden} check ${override}`);
      }
    }
  }
  return parsed;
}

/**
 * Validates the table and builds the check list of each level for every minor version up to the newest one
 * defined. `maxVersion` caps what `latest` means, like PSA under an emulated older API server.
 */
export function compileChecks(table: readonly CheckEntry[] = PSS_CHECKS, options: { maxVersion?: PolicyVersion } = {}): CompiledChecks {
  const minors = validateCheckTable(table);
  let maxVersion = 0;
  for (const entryMinors of minors) maxVersion = Math.max(maxVersion, entryMinors[entryMinors.length - 1]);
  if (options.maxVersion !== undefined && options.maxVersion !== LATEST && options.maxVersion < maxVersion) maxVersion = options.maxVersion;

  const ordered = table
    .map((entry, index) => ({ entry, minors: minors[index] }))
    .sort((a, b) => (a.entry.meta.level === b.entry.meta.level ? compareBytes(a.entry.meta.id, b.entry.meta.id) : a.entry.meta.level === 'baseline' ? -1 : 1));

  const baseline: CompiledCheck[][] = [];
  const restricted: CompiledCheck[][] = [];
  for (let minor = 0; minor <= maxVersion; minor++) {
    const active = ordered.flatMap(({ entry, minors: entryMinors }) => {
      let index = -1;
      for (let i = 0; i < entryMinors.length; i++) if (entryMinors[i] <= minor) index = i;
      return index === -1 ? [] : [{ meta: entry.meta, version: entry.versions[index] }];
    });
    const overridden = new Set(active.filter((a) => a.meta.level === 'restricted').flatMap((a) => a.version.overrides ?? []));
    baseline.push(active.filter((a) => a.meta.level === 'baseline').map((a) => ({ meta: a.meta, check: a.version.check })));
    restricted.push(active.filter((a) => a.meta.level === 'restricted' || !overridden.has(a.meta.id)).map((a) => ({ meta: a.meta, check: a.version.check })));
  }
  return { maxVersion, byVersion: { baseline, restricted }, checks: table.map((entry) => entry.meta) };
}
