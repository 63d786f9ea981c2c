import { describe, expect, it } from 'vitest';
import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './host-path-sensitive.rule.js';

function withHostPath(path: string) {
  return pod((p) => { p.spec.volumes = [{ name: 'host', hostPath: { path } }]; });
}

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'a subdirectory of /etc is not /etc', object: withHostPath('/etc/ssl/certs') },
    { name: '/var/log is not in the list', object: withHostPath('/var/log') },
    { name: 'a user list without /proc', object: withHostPath('/proc'), options: { paths: ['/etc'] } },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `the node root in a ${kind}`,
      object: asWorkload(withHostPath('/'), kind),
      errors: [{ messageId: 'sensitive', path: `${podSpecPathOf(kind)}.volumes[0].hostPath.path` }],
    })),
    { name: '/etc with a trailing slash', object: withHostPath('/etc/'), errors: [{ messageId: 'sensitive', path: 'spec.volumes[0].hostPath.path' }] },
    { name: 'a path that resolves to /proc', object: withHostPath('/var/../proc/.'), errors: [{ messageId: 'sensitive' }] },
    { name: '/var/lib/docker (Trivy)', object: withHostPath('/var/lib/docker'), errors: [{ messageId: 'sensitive' }] },
    { name: 'user entry with /** matches below', object: withHostPath('/etc/kubernetes/pki'), options: { paths: ['/etc/**'] }, errors: [{ messageId: 'sensitive' }] },
    {
      name: 'only the sensitive volume of several',
      object: pod((p) => { p.spec.volumes = [{ name: 'logs', hostPath: { path: '/var/log' } }, { name: 'sys', hostPath: { path: '/sys' } }]; }),
      errors: [{ messageId: 'sensitive', path: 'spec.volumes[1].hostPath.path' }],
    },
  ],
});

describe('host-path-sensitive options', () => {
  it('rejects paths that are not absolute', () => {
    expect(rule.validateOptions!({ paths: ['etc'] })).toEqual(['paths: expected an array of absolute paths (strings starting with "/")']);
    expect(rule.validateOptions!({ paths: ['/etc', '/opt/**'] })).toEqual([]);
  });
});
