import { describe, expect, it } from 'vitest';
import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule, { normaliseSysctlName } from './unsafe-sysctls.rule.js';

const unsafe = pod((p) => { p.spec.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '65536' }]; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'safe sysctls of every policy version', object: pod((p) => {
      p.spec.securityContext.sysctls = [
        { name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }, { name: 'net.ipv4.ip_local_reserved_ports', value: '8080' },
        { name: 'net.ipv4.tcp_keepalive_time', value: '600' }, { name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' },
      ];
    }) },
    { name: 'slash notation', object: pod((p) => { p.spec.securityContext.sysctls = [{ name: 'net/ipv4/tcp_syncookies', value: '1' }]; }) },
    { name: 'an allowed unsafe sysctl', object: unsafe, options: { allowed: ['kernel.msgmax'] } },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `kernel.msgmax in a ${kind}`,
      object: asWorkload(unsafe, kind),
      errors: [{ messageId: 'unsafe', path: `${podSpecPathOf(kind)}.securityContext.sysctls[0].name` }],
    })),
    {
      name: 'only the unsafe entries of several',
      object: pod((p) => {
        p.spec.securityContext.sysctls = [
          { name: 'net.ipv4.tcp_syncookies', value: '1' }, { name: 'net.core.somaxconn', value: '1024' }, { name: 'kernel/shm_rmid_forced', value: '1' },
          { name: 'vm.overcommit_memory', value: '1' },
        ];
      }),
      errors: [
        { messageId: 'unsafe', path: 'spec.securityContext.sysctls[1].name' },
        { messageId: 'unsafe', path: 'spec.securityContext.sysctls[3].name' },
      ],
    },
  ],
});

describe('unsafe-sysctls', () => {
  it('normalises names the way the kubelet does', () => {
    expect(normaliseSysctlName('net/ipv4/conf/eth0.100/forwarding')).toBe('net.ipv4.conf.eth0/100.forwarding');
    expect(normaliseSysctlName('net.ipv4.conf.eth0/100.forwarding')).toBe('net.ipv4.conf.eth0/100.forwarding');
    expect(normaliseSysctlName('kernel.shm_rmid_forced')).toBe('kernel.shm_rmid_forced');
  });

  it('validates options', () => {
    expect(rule.validateOptions!({ allowed: 'kernel.msgmax' })).toEqual(['allowed: expected an array of sysctl names']);
    expect(rule.validateOptions!({ allowed: ['kernel.msgmax'] })).toEqual([]);
  });
});
