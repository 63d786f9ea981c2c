/**
 * The check table: PSA's validateChecks rules (errors name the check), the per-version check lists, the
 * overrides and the order results are reported in.
 */
import { describe, expect, it } from 'vitest';
import type { CheckFn, CheckMeta } from './check.js';
import { createPodSecurityEvaluator, defaultEvaluator, formatForbiddenDetail } from './evaluate.js';
import { LATEST } from './levels.js';
import { compileChecks, PSS_CHECKS, validateCheckTable, type CheckEntry } from './registry.js';

const allow: CheckFn = () => undefined;
const meta = (id: string, level: 'baseline' | 'restricted' = 'baseline'): CheckMeta => ({ id, level, ruleId: `pss-${id}`, category: 'privilege', title: id });

function idsAt(level: 'baseline' | 'restricted', minor: number): string[] {
  return defaultEvaluator().compiled.byVersion[level][minor].map((c) => c.meta.id);
}

describe('validateCheckTable', () => {
  const cases: Array<{ name: string; table: CheckEntry[]; error: string }> = [
    { name: 'duplicate id', table: [{ meta: meta('a'), versions: [{ since: 'v1.0', check: allow }] }, { meta: { ...meta('a'), ruleId: 'pss-other' }, versions: [{ since: 'v1.0', check: allow }] }], error: 'multiple checks registered for ID a' },
    { name: 'bad level', table: [{ meta: { ...meta('a'), level: 'privileged' as never }, versions: [{ since: 'v1.0', check: allow }] }], error: 'check a: invalid level privileged' },
    { name: 'no versions', table: [{ meta: meta('a'), versions: [] }], error: 'check a: empty' },
    { name: 'latest as a version', table: [{ meta: meta('a'), versions: [{ since: 'latest', check: allow }] }], error: "check a: version cannot be 'latest'" },
    { name: 'malformed version', table: [{ meta: meta('a'), versions: [{ since: 'v1.05', check: allow }] }], error: 'check a: invalid version "v1.05"' },
    { name: 'duplicate version', table: [{ meta: meta('a'), versions: [{ since: 'v1.2', check: allow }, { since: 'v1.2', check: allow }] }], error: 'check a: duplicate version v1.2' },
    { name: 'decreasing versions', table: [{ meta: meta('a'), versions: [{ since: 'v1.3', check: allow }, { since: 'v1.2', check: allow }] }], error: 'check a: versions must be strictly increasing' },
    { name: 'duplicate rule id', table: [{ meta: meta('a'), versions: [{ since: 'v1.0', check: allow }] }, { meta: { ...meta('b'), ruleId: 'pss-a' }, versions: [{ since: 'v1.0', check: allow }] }], error: 'check b: rule id pss-a is already used' },
    { name: 'baseline override', table: [{ meta: meta('a'), versions: [{ since: 'v1.0', check: allow, overrides: ['b'] }] }, { meta: meta('b'), versions: [{ since: 'v1.0', check: allow }] }], error: 'check a: only restricted checks may set overrides' },
    { name: 'override of a restricted check', table: [{ meta: meta('a', 'restricted'), versions: [{ since: 'v1.0', check: allow, overrides: ['b'] }] }, { meta: meta('b', 'restricted'), versions: [{ since: 'v1.0', check: allow }] }], error: 'check a: overrides restricted check b' },
    { name: 'override of an unknown check', table: [{ meta: meta('a', 'restricted'), versions: [{ since: 'v1.0', check: allow, overrides: ['nope'] }] }], error: 'check a: overrides unknown check nope' },
  ];
  for (const testCase of cases) {
    it(`rejects ${testCase.name}`, () => {
      expect(() => validateCheckTable(testCase.table)).toThrow(testCase.error);
    });
  }

  it('accepts the built-in table', () => {
    expect(() => validateCheckTable(PSS_CHECKS)).not.toThrow();
    expect(PSS_CHECKS).toHaveLength(19);
  });
});

describe('compiled check lists', () => {
  it('knows policy versions up to v1.37', () => {
    expect(defaultEvaluator().maxVersion).toBe(37);
  });

  it('orders baseline ids byte-sorted', () => {
    expect(idsAt('baseline', 37)).toEqual([
      'appArmorProfile', 'capabilities_baseline', 'hostNamespaces', 'hostPathVolumes', 'hostPorts', 'hostProbesAndHostLifecycle', 'privileged',
      'procMount', 'seLinuxOptions', 'seccompProfile_baseline', 'sysctls', 'windowsHostProcess',
    ]);
  });

  it('puts restricted ids after baseline ids and drops overridden baseline checks', () => {
    expect(idsAt('restricted', 37)).toEqual([
      'appArmorProfile', 'hostNamespaces', 'hostPorts', 'hostProbesAndHostLifecycle', 'privileged', 'seLinuxOptions', 'sysctls', 'windowsHostProcess',
      'allowPrivilegeEscalation', 'capabilities_restricted', 'procMount_restricted', 'restrictedVolumes', 'runAsNonRoot', 'runAsUser', 'seccompProfile_restricted',
    ]);
  });

  it('runs each override only from the version that declares it', () => {
    expect(idsAt('restricted', 0)).toEqual(['appArmorProfile', 'capabilities_baseline', 'hostNamespaces', 'hostPorts', 'privileged', 'procMount', 'seLinuxOptions', 'seccompProfile_baseline', 'sysctls', 'windowsHostProcess', 'restrictedVolumes', 'runAsNonRoot']);
    expect(idsAt('restricted', 18)).toContain('seccompProfile_baseline');
    expect(idsAt('restricted', 19)).not.toContain('seccompProfile_baseline');
    expect(idsAt('restricted', 21)).toContain('capabilities_baseline');
    expect(idsAt('restricted', 22)).not.toContain('capabilities_baseline');
    expect(idsAt('restricted', 34)).toContain('procMount');
    expect(idsAt('restricted', 35)).not.toContain('procMount');
    expect(idsAt('baseline', 35)).toContain('procMount');
  });

  it('adds checks at their first version', () => {
    expect(idsAt('restricted', 7)).not.toContain('allowPrivilegeEscalation');
    expect(idsAt('restricted', 8)).toContain('allowPrivilegeEscalation');
    expect(idsAt('restricted', 22)).not.toContain('runAsUser');
    expect(idsAt('restricted', 23)).toContain('runAsUser');
    expect(idsAt('baseline', 33)).not.toContain('hostProbesAndHostLifecycle');
    expect(idsAt('baseline', 34)).toContain('hostProbesAndHostLifecycle');
  });

  it('uses the newest behaviour at or below the version', () => {
    const compiled = compileChecks();
    const sysctlsAt = (minor: number) => compiled.byVersion.baseline[minor].find((c) => c.meta.id === 'sysctls')!.check;
    const pod = { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem' }] } };
    expect(sysctlsAt(31)({}, pod)).toBeDefined();
    expect(sysctlsAt(32)({}, pod)).toBeUndefined();
    expect(sysctlsAt(36)({}, pod)).toBeUndefined();
  });
});

describe('evaluator versions', () => {
  const hostProbePod = { containers: [{ name: 'a', startupProbe: { httpGet: { host: 'localhost' } } }] };

  it('evaluates latest and versions newer than it as the newest policy', () => {
    const evaluator = defaultEvaluator();
    expect(evaluator.evaluate({ level: 'baseline', version: LATEST }, {}, hostProbePod).allowed).toBe(false);
    expect(evaluator.evaluate({ level: 'baseline', version: 99 }, {}, hostProbePod).allowed).toBe(false);
    expect(evaluator.evaluate({ level: 'baseline', version: 33 }, {}, hostProbePod).allowed).toBe(true);
  });

  it('caps latest at an emulated Kubernetes version (TestHostProbesAndHostLifecycleEmulation)', () => {
    expect(createPodSecurityEvaluator({ maxVersion: 34 }).evaluate({ level: 'baseline', version: LATEST }, {}, hostProbePod).allowed).toBe(false);
    expect(createPodSecurityEvaluator({ maxVersion: 33 }).evaluate({ level: 'baseline', version: LATEST }, {}, hostProbePod).allowed).toBe(true);
    expect(createPodSecurityEvaluator({ maxVersion: 33 }).evaluate({ level: 'baseline', version: 34 }, {}, hostProbePod).allowed).toBe(true);
  });

  it('allows everything at privileged', () => {
    expect(defaultEvaluator().evaluate({ level: 'privileged', version: LATEST }, {}, { hostNetwork: true, containers: [{ name: 'a', securityContext: { privileged: true } }] }).allowed).toBe(true);
  });

  it('aggregates in PSA order: baseline reasons first, then restricted', () => {
    const result = defaultEvaluator().evaluate({ level: 'restricted', version: 30 }, {}, { hostNetwork: true, containers: [{ name: 'app', securityContext: { privileged: true } }] });
    expect(formatForbiddenDetail(result.violations)).toBe(
      'host namespaces (hostNetwork=true), privileged (container "app" must not set securityContext.privileged=true), ' +
        'allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), ' +
        'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), ' +
        'runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), ' +
        'seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
  });

  it('renders a reason without detail without parentheses, and an empty reason as PSA\'s placeholder', () => {
    const silent: CheckFn = () => ({ reason: '', detail: '', paths: [] });
    const evaluator = createPodSecurityEvaluator({ table: [{ meta: meta('silent'), versions: [{ since: 'v1.0', check: silent }] }] });
    const result = evaluator.evaluate({ level: 'baseline', version: LATEST }, {}, {});
    expect(formatForbiddenDetail(result.violations)).toBe('unknown forbidden reason');
  });
});
