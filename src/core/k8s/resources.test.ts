import { describe, expect, it } from 'vitest';
import { containersOf } from './containers.js';
import type { K8sObject } from './object.js';
import { effectiveResource, limitRangeDefault, resourcePath } from './resources.js';

const view = (resources: unknown) => containersOf({ containers: [{ name: 'app', resources }] }, 'spec')[0];
const limitRange = (item: Record<string, unknown>): K8sObject => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l' }, spec: { limits: [{ type: 'Container', ...item }] } });

describe('effectiveResource', () => {
  it('copies a limit into a missing request, as the API server does', () => {
    expect(effectiveResource(view({ limits: { cpu: '1' } }), 'requests', 'cpu')).toBe('1');
    expect(effectiveResource(view({ requests: { cpu: '1' } }), 'limits', 'cpu')).toBeUndefined();
  });
  it('applies LimitRange defaulting: default limit from max, default request from default limit or min', () => {
    expect(limitRangeDefault([limitRange({ max: { memory: '1Gi' } })], 'limits', 'memory')).toBe('1Gi');
    expect(limitRangeDefault([limitRange({ default: { memory: '512Mi' } })], 'requests', 'memory')).toBe('512Mi');
    expect(limitRangeDefault([limitRange({ min: { cpu: '10m' } })], 'requests', 'cpu')).toBe('10m');
    expect(limitRangeDefault([limitRange({ min: { cpu: '10m' } })], 'limits', 'cpu')).toBeUndefined();
  });
});

describe('resourcePath', () => {
  it('points at the closest existing parent', () => {
    expect(resourcePath(view({ requests: {} }), 'requests')).toBe('spec.containers[0].resources.requests');
    expect(resourcePath(view({}), 'limits')).toBe('spec.containers[0].resources');
    expect(resourcePath(view(undefined), 'limits')).toBe('spec.containers[0]');
  });
});
