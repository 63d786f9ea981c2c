import { describe, expect, it } from 'vitest';
import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './runtime-socket-mount.rule.js';

function withHostPath(path: string, type?: string) {
  return pod((p) => { p.spec.volumes = [{ name: 'host', hostPath: { path, ...(type ? { type } : {}) } }]; });
}

ruleTester(rule).run({
  valid: [
    pod(),
    { name: '/var/log holds no runtime socket', object: withHostPath('/var/log') },
    { name: 'an unrelated socket', object: withHostPath('/var/run/datadog/apm.socket', 'Socket') },
    { name: 'the root is left to host-path-sensitive', object: withHostPath('/') },
    { name: 'a sibling directory of the socket', object: withHostPath('/run/containerd-logs') },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `docker.sock in a ${kind}`,
      object: asWorkload(withHostPath('/var/run/docker.sock'), kind),
      errors: [{ messageId: 'socket', path: `${podSpecPathOf(kind)}.volumes[0].hostPath.path` }],
    })),
    { name: 'containerd socket', object: withHostPath('/run/containerd/containerd.sock', 'Socket'), errors: [{ messageId: 'socket' }] },
    { name: 'CRI-O socket with a trailing slash', object: withHostPath('/var/run/crio/crio.sock/'), errors: [{ messageId: 'socket' }] },
    { name: 'a socket under a custom runtime root, by file name', object: withHostPath('/opt/runtime/run/containerd.sock'), errors: [{ messageId: 'socket' }] },
    { name: 'the directory that holds the socket', object: withHostPath('/run/containerd'), errors: [{ messageId: 'socketDirectory', path: 'spec.volumes[0].hostPath.path' }] },
    { name: 'all of /var/run', object: withHostPath('/var/run'), errors: [{ messageId: 'socketDirectory' }] },
    { name: 'all of /var', object: withHostPath('/var'), errors: [{ messageId: 'socketDirectory' }] },
    {
      name: 'a user-listed socket path',
      object: withHostPath('/srv/engine/engine.sock'),
      options: { sockets: ['/srv/engine/engine.sock'] },
      errors: [{ messageId: 'socket' }],
    },
  ],
});

describe('runtime-socket-mount options', () => {
  it('names the bad key', () => {
    expect(rule.validateOptions!({ sockets: ['docker.sock'] })).toEqual(['sockets: expected an array of absolute paths']);
    expect(rule.validateOptions!({ socketNames: 'docker.sock' })).toEqual(['socketNames: expected an array of file names']);
    expect(rule.validateOptions!({ sockets: ['/run/x.sock'], socketNames: ['x.sock'] })).toEqual([]);
  });
});
