import { describe, expect, it } from 'vitest';
import { asWorkload, pod, podSpecPathOf, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import { containersOf } from './containers.js';
import { namespaceOf, refOf } from './object.js';
import { podSpecOf } from './pod-spec.js';
import { effectiveSecurityValue } from './security-context.js';
import { mapSelectorMatches, selectorMatches } from './selectors.js';

describe('podSpecOf', () => {
  it.each(WORKLOAD_WRAPPERS)('finds the pod spec of a %s', (kind) => {
    const view = podSpecOf(asWorkload(pod(), kind));
    expect(view?.specPath).toBe(podSpecPathOf(kind));
    expect(view?.spec.containers[0].name).toBe('app');
    expect(view?.metadata.labels?.['app.kubernetes.io/name']).toBe('web');
  });

  it('returns undefined for objects that run no pods', () => {
    expect(podSpecOf({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { template: { spec: {} } } })).toBeUndefined();
    expect(podSpecOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } })).toBeUndefined();
  });
});

describe('containersOf', () => {
  it('iterates init, regular and ephemeral containers with paths', () => {
    const object = pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }]; });
    const view = podSpecOf(object)!;
    expect(containersOf(view.spec, view.specPath).map((c) => c.path)).toEqual([
      'spec.initContainers[0]', 'spec.containers[0]', 'spec.ephemeralContainers[0]',
    ]);
    expect(containersOf(view.spec, view.specPath, { types: ['containers'] }).map((c) => c.name)).toEqual(['app']);
  });
});

describe('effectiveSecurityValue', () => {
  it('lets the pod-level securityContext satisfy the container and the container override it', () => {
    const object = pod();
    const view = podSpecOf(object)!;
    const [, app] = containersOf(view.spec, view.specPath);
    expect(effectiveSecurityValue(view.spec, view.specPath, app, 'runAsNonRoot')).toEqual({ value: true, path: 'spec.securityContext.runAsNonRoot', from: 'pod' });
    app.container.securityContext.runAsNonRoot = false;
    expect(effectiveSecurityValue(view.spec, view.specPath, app, 'runAsNonRoot')).toEqual({ value: false, path: 'spec.containers[0].securityContext.runAsNonRoot', from: 'container' });
    delete view.spec.securityContext;
    delete app.container.securityContext.runAsNonRoot;
    expect(effectiveSecurityValue(view.spec, view.specPath, app, 'runAsNonRoot').from).toBe('unset');
  });
});

describe('selectors', () => {
  it('matches matchLabels and every matchExpressions operator', () => {
    const labels = { app: 'web', tier: 'front' };
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches(undefined, labels)).toBe(false);
    expect(selectorMatches({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'api' } }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Bogus' }] }, labels)).toBe(false);
  });

  it('treats an empty Service selector as selecting nothing', () => {
    expect(mapSelectorMatches({}, { app: 'web' })).toBe(false);
    expect(mapSelectorMatches({ app: 'web' }, { app: 'web', x: 'y' })).toBe(true);
  });
});

describe('object refs', () => {
  it('defaults namespaced objects to default and leaves cluster-scoped ones without namespace', () => {
    expect(namespaceOf({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } })).toBe('default');
    expect(refOf({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r', namespace: 'ignored' } })).toEqual({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'r' });
  });
});
