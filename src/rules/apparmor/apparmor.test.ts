import { describe, expect, it } from 'vitest';
import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './apparmor.rule.js';

const unconfinedAnnotation = pod((p) => { p.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' }; });
const unconfinedField = pod((p) => { p.spec.securityContext.appArmorProfile = { type: 'Unconfined' }; });

function metadataPathOf(kind: (typeof WORKLOAD_WRAPPERS)[number]): string {
  return podSpecPathOf(kind).replace(/spec$/, 'metadata');
}

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'runtime/default and localhost annotations', object: pod((p) => {
      p.metadata.annotations = {
        'container.apparmor.security.beta.kubernetes.io/app': 'runtime/default',
        'container.apparmor.security.beta.kubernetes.io/setup': 'localhost/k8s-setup',
      };
    }) },
    { name: 'RuntimeDefault and Localhost fields', object: pod((p) => {
      p.spec.securityContext.appArmorProfile = { type: 'RuntimeDefault' };
      p.spec.containers[0].securityContext.appArmorProfile = { type: 'Localhost', localhostProfile: 'k8s-app' };
    }) },
    { name: 'unrelated annotations', object: pod((p) => { p.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' }; }) },
    {
      name: 'requireProfile is satisfied by a pod field or a per-container annotation',
      object: pod((p) => {
        p.spec.securityContext.appArmorProfile = { type: 'RuntimeDefault' };
        p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }];
      }),
      options: { requireProfile: true },
    },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `unconfined annotation on the pod template of a ${kind}`,
      object: asWorkload(unconfinedAnnotation, kind),
      errors: [{ messageId: 'annotation', path: `${metadataPathOf(kind)}.annotations["container.apparmor.security.beta.kubernetes.io/app"]` }],
    })),
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `pod-level Unconfined field in a ${kind}`,
      object: asWorkload(unconfinedField, kind),
      errors: [{ messageId: 'pod', path: `${podSpecPathOf(kind)}.securityContext.appArmorProfile.type` }],
    })),
    {
      name: 'container fields in init, app and ephemeral containers',
      object: pod((p) => {
        p.spec.initContainers[0].securityContext.appArmorProfile = { type: 'Unconfined' };
        p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { appArmorProfile: { type: 'Unconfined' } } }];
      }),
      errors: [
        { messageId: 'container', path: 'spec.initContainers[0].securityContext.appArmorProfile.type' },
        { messageId: 'container', path: 'spec.ephemeralContainers[0].securityContext.appArmorProfile.type' },
      ],
    },
    {
      name: 'an annotation value PSA does not know',
      object: pod((p) => { p.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/setup': 'docker-default' }; }),
      errors: [{ messageId: 'annotation', path: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/setup"]' }],
    },
    {
      name: 'requireProfile reports containers without any profile',
      object: pod((p) => { p.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'runtime/default' }; }),
      options: { requireProfile: true },
      errors: [{ messageId: 'notSet', path: 'spec.initContainers[0].securityContext' }],
    },
  ],
});

describe('apparmor options', () => {
  it('names the bad key', () => {
    expect(rule.validateOptions!({ requireProfile: 1 })).toEqual(['requireProfile: expected true or false']);
    expect(rule.validateOptions!({ requireProfile: true })).toEqual([]);
  });
});
