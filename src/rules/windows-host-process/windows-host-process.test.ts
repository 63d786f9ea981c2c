import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './windows-host-process.rule.js';

const windowsHostProcess = pod((p) => {
  p.spec.os = { name: 'windows' };
  p.spec.hostNetwork = true;
  p.spec.securityContext = { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } };
});

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'hostProcess false', object: pod((p) => { p.spec.securityContext.windowsOptions = { hostProcess: false }; }) },
    { name: 'other windowsOptions only', object: pod((p) => { p.spec.containers[0].securityContext.windowsOptions = { runAsUserName: 'ContainerUser' }; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `pod-level hostProcess in a ${kind}`,
      object: asWorkload(windowsHostProcess, kind),
      errors: [{ messageId: 'pod', path: `${podSpecPathOf(kind)}.securityContext.windowsOptions.hostProcess` }],
    })),
    {
      name: 'container-level hostProcess',
      object: pod((p) => { p.spec.containers[0].securityContext.windowsOptions = { hostProcess: true }; }),
      errors: [{ messageId: 'container', path: 'spec.containers[0].securityContext.windowsOptions.hostProcess' }],
    },
    {
      name: 'init and ephemeral containers',
      object: pod((p) => {
        p.spec.initContainers[0].securityContext.windowsOptions = { hostProcess: true };
        p.spec.ephemeralContainers = [{ name: 'debug', image: 'mcr.microsoft.com/windows/nanoserver:ltsc2022', securityContext: { windowsOptions: { hostProcess: true } } }];
      }),
      errors: [
        { messageId: 'container', path: 'spec.initContainers[0].securityContext.windowsOptions.hostProcess' },
        { messageId: 'container', path: 'spec.ephemeralContainers[0].securityContext.windowsOptions.hostProcess' },
      ],
    },
    {
      name: 'pod and container both set it: both reported',
      object: pod((p) => {
        p.spec.securityContext.windowsOptions = { hostProcess: true };
        p.spec.containers[0].securityContext.windowsOptions = { hostProcess: true };
      }),
      errors: [
        { messageId: 'pod', path: 'spec.securityContext.windowsOptions.hostProcess' },
        { messageId: 'container', path: 'spec.containers[0].securityContext.windowsOptions.hostProcess' },
      ],
    },
  ],
});
