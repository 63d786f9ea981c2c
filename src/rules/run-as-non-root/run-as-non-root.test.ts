import { describe, expect, it } from 'vitest';
import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './run-as-non-root.rule.js';

const rootAllowed = pod((p) => { p.spec.securityContext.runAsNonRoot = false; });

ruleTester(rule).run({
  valid: [
    pod(),
    {
      name: 'set on every container instead of the pod',
      object: pod((p) => {
        delete p.spec.securityContext.runAsNonRoot;
        p.spec.containers[0].securityContext.runAsNonRoot = true;
        p.spec.initContainers[0].securityContext.runAsNonRoot = true;
      }),
    },
    {
      name: 'pod false but every container overrides with true',
      object: pod((p) => {
        p.spec.securityContext.runAsNonRoot = false;
        p.spec.containers[0].securityContext.runAsNonRoot = true;
        p.spec.initContainers[0].securityContext.runAsNonRoot = true;
      }),
    },
    { name: 'user namespace pods are skipped', object: pod((p) => { p.spec.hostUsers = false; delete p.spec.securityContext.runAsNonRoot; }) },
    {
      name: 'a non-zero runAsUser with acceptNonZeroRunAsUser',
      object: pod((p) => { delete p.spec.securityContext.runAsNonRoot; }),
      options: { acceptNonZeroRunAsUser: true },
    },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `pod-level runAsNonRoot: false in a ${kind} is one finding`,
      object: asWorkload(rootAllowed, kind),
      errors: [{ messageId: 'setFalse', path: `${podSpecPathOf(kind)}.securityContext.runAsNonRoot` }],
    })),
    {
      name: 'unset everywhere: one finding per container',
      object: pod((p) => { delete p.spec.securityContext.runAsNonRoot; }),
      errors: [
        { messageId: 'notSet', path: 'spec.initContainers[0].securityContext' },
        { messageId: 'notSet', path: 'spec.containers[0].securityContext' },
      ],
    },
    {
      name: 'a container overrides the pod with false',
      object: pod((p) => { p.spec.initContainers[0].securityContext.runAsNonRoot = false; }),
      errors: [{ messageId: 'setFalse', path: 'spec.initContainers[0].securityContext.runAsNonRoot' }],
    },
    {
      name: 'ephemeral container overriding with false',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { runAsNonRoot: false } }]; }),
      errors: [{ messageId: 'setFalse', path: 'spec.ephemeralContainers[0].securityContext.runAsNonRoot' }],
    },
    {
      name: 'acceptNonZeroRunAsUser still reports uid 0 and a missing runAsUser',
      object: pod((p) => {
        delete p.spec.securityContext.runAsNonRoot;
        delete p.spec.securityContext.runAsUser;
        p.spec.containers[0].securityContext.runAsUser = 0;
      }),
      options: { acceptNonZeroRunAsUser: true },
      errors: [
        { messageId: 'notSet', path: 'spec.initContainers[0].securityContext' },
        { messageId: 'notSet', path: 'spec.containers[0].securityContext' },
      ],
    },
    {
      name: 'no securityContext anywhere points at the containers',
      object: pod((p) => {
        delete p.spec.securityContext;
        delete p.spec.containers[0].securityContext;
        delete p.spec.initContainers[0].securityContext;
      }),
      errors: [
        { messageId: 'notSet', path: 'spec.initContainers[0]' },
        { messageId: 'notSet', path: 'spec.containers[0]' },
      ],
    },
  ],
});

describe('run-as-non-root options', () => {
  it('names the bad key', () => {
    expect(rule.validateOptions!({ acceptNonZeroRunAsUser: 'yes' })).toEqual(['acceptNonZeroRunAsUser: expected true or false']);
    expect(rule.validateOptions!({ acceptNonZeroRunAsUser: true })).toEqual([]);
  });
});
