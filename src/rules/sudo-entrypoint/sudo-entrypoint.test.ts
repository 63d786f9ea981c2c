import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './sudo-entrypoint.rule.js';

const sudoCommand = pod((p) => { p.spec.containers[0].command = ['sudo', '-u', 'app', '/app/server']; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'a plain command', object: pod((p) => { p.spec.containers[0].command = ['/app/server', '--port=8080']; }) },
    { name: 'a word that contains sudo', object: pod((p) => { p.spec.containers[0].command = ['/app/pseudoterm', '--sudoers-check']; }) },
    { name: 'sudo as data for a non-shell command', object: pod((p) => { p.spec.containers[0].command = ['/app/audit']; p.spec.containers[0].args = ['--forbid', 'sudo']; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `sudo command in a ${kind}`,
      object: asWorkload(sudoCommand, kind),
      errors: [{ messageId: 'sudo', path: `${podSpecPathOf(kind)}.containers[0].command[0]` }],
    })),
    { name: 'absolute path to sudo', object: pod((p) => { p.spec.containers[0].command = ['/usr/bin/sudo', 'nginx']; }), errors: [{ messageId: 'sudo', path: 'spec.containers[0].command[0]' }] },
    {
      name: 'sudo inside a shell script in args',
      object: pod((p) => { p.spec.initContainers[0].command = ['/bin/sh', '-c']; p.spec.initContainers[0].args = ['chown app /data && sudo -u app /app/migrate']; }),
      errors: [{ messageId: 'sudo', path: 'spec.initContainers[0].args[0]' }],
    },
    {
      name: 'sudo inside sh -c in command',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36', command: ['bash', '-c', 'sudo tcpdump -i any'] }]; }),
      errors: [{ messageId: 'sudo', path: 'spec.ephemeralContainers[0].command[2]' }],
    },
  ],
});
