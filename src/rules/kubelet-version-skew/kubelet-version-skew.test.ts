import { describe, expect, it } from 'vitest';
import { ruleTester } from '../../testing/index.js';
import rule, { allowedSkew, parseMinorVersion } from './kubelet-version-skew.rule.js';

const node = (name: string, kubeletVersion?: string) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  ...(kubeletVersion ? { status: { nodeInfo: { kubeletVersion } } } : {}),
});
const apiServerPod = (image: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'kube-apiserver-cp-1', namespace: 'kube-system' },
  spec: { containers: [{ name: 'kube-apiserver', image }] },
  status: { phase: 'Running' },
});
const controlPlane = node('cp-1', 'v1.31.2');

ruleTester(rule).run({
  valid: [
    { name: 'a Node from a manifest (no status)', object: node('n1') },
    { name: 'same version as the newest node', object: controlPlane, objects: [node('w1', 'v1.31.0')] },
    { name: 'three minors behind since 1.28', object: node('w1', 'v1.28.15'), objects: [controlPlane] },
    { name: 'provider suffixes are read', object: node('w1', 'v1.29.8-eks-a737599'), objects: [node('cp', 'v1.31.4+k3s1')] },
    { name: 'two minors behind before 1.28', object: node('w1', 'v1.25.3'), objects: [node('cp', 'v1.27.1')] },
    { name: 'the API server version from its static pod', object: node('w1', 'v1.29.0'), objects: [apiServerPod('registry.k8s.io/kube-apiserver:v1.32.1')] },
  ],
  invalid: [
    {
      name: 'four minors behind the newest kubelet',
      object: node('worker-old', 'v1.27.16'),
      objects: [controlPlane],
      errors: [{ messageId: 'tooOld', path: 'status.nodeInfo.kubeletVersion' }],
    },
    {
      name: 'three minors behind before 1.28 is too many',
      object: node('w1', 'v1.24.3'),
      objects: [node('cp', 'v1.27.1')],
      errors: [{ messageId: 'tooOld' }],
    },
    {
      name: 'behind an API server that is newer than every kubelet',
      object: node('w1', 'v1.29.0'),
      objects: [apiServerPod('registry.k8s.io/kube-apiserver:v1.33.0')],
      errors: [{ messageId: 'tooOld' }],
    },
    {
      name: 'newer than the API server',
      object: node('w1', 'v1.32.0'),
      objects: [apiServerPod('registry.k8s.io/kube-apiserver:v1.31.2')],
      errors: [{ messageId: 'newerThanApiServer' }],
    },
    {
      name: 'a different major version',
      object: node('w1', 'v0.9.0'),
      objects: [controlPlane],
      errors: [{ messageId: 'tooOld' }],
    },
  ],
});

describe('kubelet-version-skew helpers', () => {
  it('parses provider versions', () => {
    expect(parseMinorVersion('v1.30.4+k3s1')).toMatchObject({ major: 1, minor: 30 });
    expect(parseMinorVersion('1.29')).toMatchObject({ major: 1, minor: 29 });
    expect(parseMinorVersion('latest')).toBeUndefined();
  });

  it('allows three minors from 1.28 on, two before', () => {
    expect(allowedSkew({ major: 1, minor: 28, text: 'v1.28.0' })).toBe(3);
    expect(allowedSkew({ major: 1, minor: 27, text: 'v1.27.0' })).toBe(2);
  });
});
