import { describe, expect, it } from 'vitest';
import { findGrants, resourceMatches, ruleGrant } from './rbac.js';

describe('resourceMatches (evaluation_helpers.go ResourceMatches)', () => {
  it('matches equal names, * and */subresource', () => {
    expect(resourceMatches('pods', 'pods')).toBe(true);
    expect(resourceMatches('*', 'pods/exec')).toBe(true);
    expect(resourceMatches('*/exec', 'pods/exec')).toBe(true);
    expect(resourceMatches('pods', 'pods/exec')).toBe(false);
    expect(resourceMatches('*/exec', 'pods')).toBe(false);
    expect(resourceMatches('pods/*', 'pods/exec')).toBe(false);
  });

  it('treats a requested res/* as every subresource of res', () => {
    expect(resourceMatches('userextras/scopes', 'userextras/*')).toBe(true);
    expect(resourceMatches('users', 'userextras/*')).toBe(false);
  });
});

describe('ruleGrant', () => {
  const query = { groups: [''], resources: ['secrets'], verbs: ['get', 'list'] };

  it('returns the rule tokens that matched', () => {
    expect(ruleGrant({ apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['get', 'create'] }, query)).toEqual({ verbs: ['get'], resources: ['secrets'] });
    expect(ruleGrant({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, query)).toEqual({ verbs: ['*'], resources: ['*'] });
  });

  it('needs group, verb and resource to match', () => {
    expect(ruleGrant({ apiGroups: ['apps'], resources: ['secrets'], verbs: ['get'] }, query)).toBeUndefined();
    expect(ruleGrant({ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }, query)).toBeUndefined();
    expect(ruleGrant({ resources: ['secrets'], verbs: ['get'] }, query)).toBeUndefined();
  });

  it('skips resourceNames-limited rules unless asked', () => {
    const named = { apiGroups: [''], resources: ['secrets'], resourceNames: ['tls'], verbs: ['get'] };
    expect(ruleGrant(named, query)).toBeUndefined();
    expect(ruleGrant(named, query, { includeNamedResources: true })).toEqual({ verbs: ['get'], resources: ['secrets'] });
  });
});

describe('findGrants', () => {
  it('merges several queries per policy rule and keeps rule indexes', () => {
    const role = {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }, { apiGroups: ['', 'apps'], resources: ['pods', 'deployments'], verbs: ['create'] }],
    };
    expect(findGrants(role, [
      { groups: [''], resources: ['pods'], verbs: ['create'] },
      { groups: ['apps'], resources: ['deployments'], verbs: ['create'] },
    ])).toEqual([{ index: 1, path: 'rules[1]', verbs: ['create'], resources: ['pods', 'deployments'] }]);
  });
});
