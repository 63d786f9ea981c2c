/** Policy versions and namespace labels, as PSA's api/helpers_test.go describes them. */
import { describe, expect, it } from 'vitest';
import { formatFieldError, formatLevelVersion, LATEST, parseVersion, policyFromLabels, PRIVILEGED_POLICY, type Policy } from './levels.js';

describe('parseVersion', () => {
  it.each([
    ['latest', LATEST],
    ['v1.0', 0],
    ['v1.1', 1],
    ['v1.20', 20],
    ['v1.10000', 10000],
  ])('accepts %s', (text, expected) => {
    expect(parseVersion(text)).toBe(expected);
  });

  it.each(['foo', '', 'v2.0', 'v1', '1.1', 'v1.01', 'v1.', 'v1.-1', 'Latest'])('rejects %j', (text) => {
    expect(parseVersion(text)).toBeUndefined();
  });

  it('formats level and version as messages print them', () => {
    expect(formatLevelVersion({ level: 'restricted', version: LATEST })).toBe('restricted:latest');
    expect(formatLevelVersion({ level: 'baseline', version: 25 })).toBe('baseline:v1.25');
  });
});

describe('policyFromLabels', () => {
  const label = (suffix: string) => `pod-security.kubernetes.io/${suffix}`;
  const lv = (policy: Policy) => ({ enforce: formatLevelVersion(policy.enforce), audit: formatLevelVersion(policy.audit), warn: formatLevelVersion(policy.warn) });

  it('keeps the defaults without labels', () => {
    expect(lv(policyFromLabels(undefined).policy)).toEqual({ enforce: 'privileged:latest', audit: 'privileged:latest', warn: 'privileged:latest' });
  });

  it('reads every mode and version', () => {
    const { policy, errors } = policyFromLabels({ [label('enforce')]: 'baseline', [label('enforce-version')]: 'v1.25', [label('audit')]: 'restricted', [label('warn')]: 'restricted', [label('warn-version')]: 'v1.30' });
    expect(errors).toEqual([]);
    expect(lv(policy)).toEqual({ enforce: 'baseline:v1.25', audit: 'restricted:latest', warn: 'restricted:v1.30' });
  });

  it('fails closed for enforce and open for audit and warn, with one error per label', () => {
    const { policy, errors } = policyFromLabels({ [label('enforce')]: 'strict', [label('audit')]: 'loud', [label('warn')]: 'Restricted', [label('audit-version')]: 'v1.05' });
    expect(lv(policy)).toEqual({ enforce: 'restricted:latest', audit: 'privileged:latest', warn: 'privileged:latest' });
    expect(errors.map(formatFieldError)).toEqual([
      'metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted',
      'metadata.labels[pod-security.kubernetes.io/audit]: Invalid value: "loud": must be one of privileged, baseline, restricted',
      'metadata.labels[pod-security.kubernetes.io/audit-version]: Invalid value: "v1.05": must be "latest" or "v1.x"',
      'metadata.labels[pod-security.kubernetes.io/warn]: Invalid value: "Restricted": must be one of privileged, baseline, restricted',
    ]);
  });

  it('defaults an unlabelled warn to a stricter enforce, with its version', () => {
    const { policy } = policyFromLabels({ [label('enforce')]: 'baseline', [label('enforce-version')]: 'v1.24' });
    expect(formatLevelVersion(policy.warn)).toBe('baseline:v1.24');
  });

  it('keeps a labelled warn-version when warn follows enforce', () => {
    const { policy } = policyFromLabels({ [label('enforce')]: 'restricted', [label('warn-version')]: 'v1.30' });
    expect(formatLevelVersion(policy.warn)).toBe('restricted:v1.30');
  });

  it('does not default warn from an invalid enforce label or over an explicit warn', () => {
    expect(formatLevelVersion(policyFromLabels({ [label('enforce')]: 'bogus' }).policy.warn)).toBe('privileged:latest');
    expect(formatLevelVersion(policyFromLabels({ [label('enforce')]: 'restricted', [label('warn')]: 'baseline' }).policy.warn)).toBe('baseline:latest');
  });

  it('starts from configured defaults', () => {
    const defaults: Policy = { ...PRIVILEGED_POLICY, enforce: { level: 'baseline', version: 28 } };
    expect(formatLevelVersion(policyFromLabels({ other: 'x' }, defaults).policy.enforce)).toBe('baseline:v1.28');
  });
});
