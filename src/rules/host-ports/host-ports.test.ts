import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './host-ports.rule.js';

const withHostPort = pod((p) => { p.spec.containers[0].ports = [{ containerPort: 8080, hostPort: 80 }]; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'hostPort 0 means none', object: pod((p) => { p.spec.containers[0].ports = [{ containerPort: 8080, hostPort: 0 }]; }) },
    { name: 'containerPort alone', object: pod((p) => { p.spec.containers[0].ports = [{ containerPort: 443 }]; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `host port in a ${kind}`,
      object: asWorkload(withHostPort, kind),
      errors: [{ messageId: 'hostPort', path: `${podSpecPathOf(kind)}.containers[0].ports[0].hostPort` }],
    })),
    {
      name: 'init container with a host port, second port entry',
      object: pod((p) => { p.spec.initContainers[0].ports = [{ containerPort: 9000 }, { containerPort: 53, hostPort: 53, protocol: 'UDP' }]; }),
      errors: [{ messageId: 'hostPort', path: 'spec.initContainers[0].ports[1].hostPort' }],
    },
    {
      name: 'ephemeral container with a host port',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', ports: [{ containerPort: 22, hostPort: 2222 }] }]; }),
      errors: [{ messageId: 'hostPort', path: 'spec.ephemeralContainers[0].ports[0].hostPort' }],
    },
    {
      name: 'two host ports in one container',
      object: pod((p) => { p.spec.containers[0].ports = [{ containerPort: 80, hostPort: 80 }, { containerPort: 443, hostPort: 443 }]; }),
      errors: [
        { messageId: 'hostPort', path: 'spec.containers[0].ports[0].hostPort' },
        { messageId: 'hostPort', path: 'spec.containers[0].ports[1].hostPort' },
      ],
    },
  ],
});
