/**
 * The workload-security rules against the upstream Pod Security Admission fixtures (v1.36, the newest released
 * policy): every fail fixture of a PSA check must be reported by the rule(s) that implement that check, and
 * every pass fixture must be clean under all rules that implement a check of its level. Also: the minimal pod
 * of src/testing passes every rule of the group.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../core/engine/define-rule.js';
import { DEFAULT_RUNTIME_CAPABILITIES } from '../../core/k8s/capabilities.js';
import { fromYaml, pod, runRule } from '../../testing/index.js';
import { workloadSecurityRules } from './workload-security.js';

const PSA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/conformance/psa');
const VERSION = 'v1.36';

interface ManifestEntry {
  file: string;
  level: 'baseline' | 'restricted';
  version: string;
  outcome: 'pass' | 'fail';
  check: string | null;
}

interface Implementation {
  ruleId: string;
  options?: Record<string, unknown>;
}

/** Which rules (with which options) implement each PSA check; any one of them reporting counts as a denial. */
const IMPLEMENTATIONS: Record<string, Implementation[]> = {
  hostNamespaces: [{ ruleId: 'host-network' }, { ruleId: 'host-pid' }, { ruleId: 'host-ipc' }],
  privileged: [{ ruleId: 'privileged' }],
  capabilities_baseline: [{ ruleId: 'cap-add-any', options: { allowed: [...DEFAULT_RUNTIME_CAPABILITIES] } }],
  hostPathVolumes: [{ ruleId: 'host-path' }],
  hostPorts: [{ ruleId: 'host-ports' }],
  appArmorProfile: [{ ruleId: 'apparmor' }],
  seLinuxOptions: [{ ruleId: 'selinux-custom' }],
  procMount: [{ ruleId: 'proc-mount' }],
  seccompProfile_baseline: [{ ruleId: 'seccomp-unconfined' }],
  sysctls: [{ ruleId: 'unsafe-sysctls' }],
  windowsHostProcess: [{ ruleId: 'windows-host-process' }],
  restrictedVolumes: [{ ruleId: 'volume-types' }],
  allowPrivilegeEscalation: [{ ruleId: 'privilege-escalation' }],
  runAsNonRoot: [{ ruleId: 'run-as-non-root' }],
  runAsUser: [{ ruleId: 'run-as-uid-0' }],
  seccompProfile_restricted: [{ ruleId: 'seccomp-missing' }, { ruleId: 'seccomp-unconfined' }],
  capabilities_restricted: [{ ruleId: 'cap-drop-all' }, { ruleId: 'cap-add-any' }],
  procMount_restricted: [{ ruleId: 'proc-mount' }],
};

const BASELINE_CHECKS = ['hostNamespaces', 'privileged', 'capabilities_baseline', 'hostPathVolumes', 'hostPorts', 'appArmorProfile',
  'seLinuxOptions', 'procMount', 'seccompProfile_baseline', 'sysctls', 'windowsHostProcess'];
const RESTRICTED_CHECKS = ['restrictedVolumes', 'allowPrivilegeEscalation', 'runAsNonRoot', 'runAsUser', 'seccompProfile_restricted',
  'capabilities_restricted', 'procMount_restricted'];
/** Restricted checks replace these baseline checks at the restricted level (PSA OverrideCheckIDs). */
const OVERRIDDEN_IN_RESTRICTED = new Set(['hostPathVolumes', 'seccompProfile_baseline', 'capabilities_baseline', 'procMount']);

/**
 * Checks whose pass fixtures at a level must be clean. proc-mount is graded, not silent, for hostUsers: false
 * (baseline v1.35 allows Unmasked there), so it is held to the restricted level only.
 */
function checksOfLevel(level: 'baseline' | 'restricted'): string[] {
  if (level === 'baseline') return BASELINE_CHECKS.filter((check) => check !== 'procMount');
  return [...BASELINE_CHECKS.filter((check) => !OVERRIDDEN_IN_RESTRICTED.has(check)), ...RESTRICTED_CHECKS];
}

const rulesById = new Map<string, Rule>(workloadSecurityRules.map((rule) => [rule.id, rule as Rule]));

function reporters(yaml: string, implementations: Implementation[]): string[] {
  const objects = fromYaml(yaml);
  return implementations
    .filter(({ ruleId, options }) => {
      const rule = rulesById.get(ruleId);
      if (!rule) throw new Error(`no rule ${ruleId} in the workload-security group`);
      return objects.some((object) => runRule(rule, object, objects, options).length > 0);
    })
    .map(({ ruleId }) => ruleId);
}

const manifestPath = path.join(PSA_DIR, 'manifest.json');
const entries: ManifestEntry[] = existsSync(manifestPath)
  ? (JSON.parse(readFileSync(manifestPath, 'utf8')).entries as ManifestEntry[]).filter((entry) => entry.version === VERSION)
  : [];

describe(`workload-security rules on the PSA ${VERSION} fixtures`, () => {
  it('finds the fixtures', () => {
    expect(entries.length, `PSA fixtures under ${PSA_DIR}`).toBeGreaterThan(100);
  });

  const failures = entries.filter((entry) => entry.outcome === 'fail' && entry.check !== null && IMPLEMENTATIONS[entry.check]);
  it.each(failures.map((entry) => [entry.file, entry] as const))('reports fail fixture %s', (_file, entry) => {
    const yaml = readFileSync(path.join(PSA_DIR, entry.file), 'utf8');
    expect(reporters(yaml, IMPLEMENTATIONS[entry.check!]), `${entry.check} not reported`).not.toEqual([]);
  });

  const passes = entries.filter((entry) => entry.outcome === 'pass');
  it.each(passes.map((entry) => [entry.file, entry] as const))('accepts pass fixture %s', (_file, entry) => {
    const yaml = readFileSync(path.join(PSA_DIR, entry.file), 'utf8');
    const implementations = checksOfLevel(entry.level).flatMap((check) => IMPLEMENTATIONS[check]);
    expect(reporters(yaml, implementations)).toEqual([]);
  });
});

describe('workload-security group', () => {
  it('accepts the minimal hardened pod under every rule, optional ones included', () => {
    const object = pod();
    const reported = workloadSecurityRules.filter((rule) => runRule(rule as Rule, object, [object]).length > 0).map((rule) => rule.id);
    expect(reported.filter((id) => id !== 'host-users')).toEqual([]);
  });

  it('is sorted by id', () => {
    const ids = workloadSecurityRules.map((rule) => rule.id);
    expect(ids).toEqual([...ids].sort());
  });
});
