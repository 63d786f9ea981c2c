import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './ssh-port.rule.js';

const sshApp = pod((p) => { p.spec.containers[0].ports.push({ name: 'ssh', containerPort: 22 }); });
const service = (ports: unknown[]) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' }, ports } });

ruleTester(rule).run({
  valid: [
    pod(),
    service([{ port: 80, targetPort: 8080 }]),
    { name: 'port 2222 is not flagged', object: service([{ port: 2222, targetPort: 2222 }]) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `SSH port in a ${kind}`,
      object: asWorkload(sshApp, kind),
      errors: [{ messageId: 'containerPort', path: `${podSpecPathOf(kind)}.containers[0].ports[1].containerPort` }],
    })),
    {
      name: 'SSH port in an init container',
      object: pod((p) => { p.spec.initContainers[0].ports = [{ containerPort: 22 }]; }),
      errors: [{ messageId: 'containerPort', path: 'spec.initContainers[0].ports[0].containerPort' }],
    },
    { name: 'Service port 22', object: service([{ port: 22, targetPort: 2022 }]), errors: [{ messageId: 'servicePort', path: 'spec.ports[0]' }] },
    { name: 'Service target port 22', object: service([{ port: 80 }, { port: 2200, targetPort: 22 }]), errors: [{ messageId: 'servicePort', path: 'spec.ports[1]' }] },
  ],
});
