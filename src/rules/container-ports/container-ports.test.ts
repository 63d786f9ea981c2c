import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './container-ports.rule.js';

const duplicateName = pod((p) => { p.spec.containers[0].ports.push({ name: 'http', containerPort: 9090 }); });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'same port number with another protocol', object: pod((p) => { p.spec.containers[0].ports = [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }]; }) },
    { name: 'unnamed ports', object: pod((p) => { p.spec.containers[0].ports = [{ containerPort: 8080 }, { containerPort: 9090 }]; }) },
    { name: 'same name in two containers', object: pod((p) => { p.spec.initContainers[0].ports = [{ name: 'http', containerPort: 9000 }]; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `duplicate port name in a ${kind}`,
      object: asWorkload(duplicateName, kind),
      errors: [{ messageId: 'duplicateName', path: `${podSpecPathOf(kind)}.containers[0].ports[1].name` }],
    })),
    {
      name: 'port 0 and missing port',
      object: pod((p) => { p.spec.containers[0].ports = [{ name: 'a', containerPort: 0 }, { name: 'b' }]; }),
      errors: [{ messageId: 'invalidPort', path: 'spec.containers[0].ports[0].containerPort' }, { messageId: 'invalidPort', path: 'spec.containers[0].ports[1].containerPort' }],
    },
    {
      name: 'name too long and invalid name',
      object: pod((p) => { p.spec.containers[0].ports = [{ name: 'very-long-port-name', containerPort: 8080 }, { name: 'HTTP', containerPort: 8081 }]; }),
      errors: [{ messageId: 'nameTooLong', path: 'spec.containers[0].ports[0].name' }, { messageId: 'invalidName', path: 'spec.containers[0].ports[1].name' }],
    },
    {
      name: 'same port declared by an init container and an app container',
      object: pod((p) => { p.spec.initContainers[0].ports = [{ name: 'proxy', containerPort: 8080 }]; }),
      errors: [{ messageId: 'duplicatePort', path: 'spec.containers[0].ports[0].containerPort' }],
    },
  ],
});
