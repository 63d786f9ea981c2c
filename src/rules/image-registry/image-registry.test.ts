import { describe, expect, it } from 'vitest';
import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './image-registry.rule.js';

const trustExample = { trustedRegistries: ['registry.example.com'] };
const fromHub = pod((p) => { p.spec.containers[0].image = 'nginx:1.27.0'; });

ruleTester(rule).run({
  valid: [
    { name: 'no trusted registries configured: everything passes', object: fromHub },
    { name: 'the minimal pod is from a trusted registry', object: pod(), options: trustExample },
    { name: 'a trusted path prefix', object: pod(), options: { trustedRegistries: ['registry.example.com/team/'] } },
    { name: 'a wildcard subdomain', object: pod(), options: { trustedRegistries: ['*.example.com'] } },
    {
      name: 'official Docker Hub images',
      object: pod((p) => { p.spec.containers[0].image = 'nginx:1.27.0'; p.spec.initContainers[0].image = 'docker.io/library/busybox:1.36'; }),
      options: { trustedRegistries: ['docker.io/library'] },
    },
    { name: 'Docker Hub aliases', object: fromHub, options: { trustedRegistries: ['index.docker.io', 'registry.example.com'] } },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `Docker Hub image in a ${kind}`,
      object: asWorkload(fromHub, kind),
      options: trustExample,
      errors: [{ messageId: 'untrusted', path: `${podSpecPathOf(kind)}.containers[0].image` }],
    })),
    { name: 'a path prefix is matched on whole segments', object: pod(), options: { trustedRegistries: ['registry.example.com/tea'] }, errors: [{ messageId: 'untrusted' }, { messageId: 'untrusted' }] },
    { name: 'a look-alike host', object: pod((p) => { p.spec.containers[0].image = 'registry.example.com.evil.io/team/app:1'; }), options: trustExample, errors: [{ messageId: 'untrusted', path: 'spec.containers[0].image' }] },
    { name: 'a Docker Hub user is not library', object: pod((p) => { p.spec.initContainers[0].image = 'someone/busybox:1.36'; }), options: { trustedRegistries: ['docker.io/library', 'registry.example.com'] }, errors: [{ messageId: 'untrusted', path: 'spec.initContainers[0].image' }] },
    {
      name: 'ephemeral container',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'ghcr.io/tools/debug:1' }]; }),
      options: trustExample,
      errors: [{ messageId: 'untrusted', path: 'spec.ephemeralContainers[0].image' }],
    },
  ],
});

describe('image-registry options', () => {
  it('accepts a list of registries', () => {
    expect(rule.validateOptions!({ trustedRegistries: ['registry.example.com', '*.example.org', 'docker.io/library'] })).toEqual([]);
  });
  it('names the key of a bad value', () => {
    expect(rule.validateOptions!({ trustedRegistries: 'registry.example.com' })).toEqual([expect.stringMatching(/^trustedRegistries: /)]);
    expect(rule.validateOptions!({ trustedRegistries: [''] })).toEqual([expect.stringMatching(/^trustedRegistries: /)]);
    expect(rule.validateOptions!({ trusted: [] })).toEqual([expect.stringMatching(/^trusted: unknown option/)]);
  });
});
