import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './probe-unknown-port.rule.js';

const typo = pod((p) => { p.spec.containers[0].livenessProbe.httpGet.port = 'htpp'; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'numeric ports are not checked against ports[]', object: pod((p) => { p.spec.containers[0].livenessProbe.httpGet.port = 9090; }) },
    { name: 'exec probes have no port', object: pod((p) => { p.spec.containers[0].livenessProbe = { exec: { command: ['/bin/true'] } }; }) },
    { name: 'tcpSocket with a declared name', object: pod((p) => { p.spec.containers[0].startupProbe = { tcpSocket: { port: 'http' } }; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `misspelt port name in a ${kind}`,
      object: asWorkload(typo, kind),
      errors: [{ messageId: 'unknownName', path: `${podSpecPathOf(kind)}.containers[0].livenessProbe.httpGet.port` }],
    })),
    {
      name: 'a container without ports',
      object: pod((p) => { delete p.spec.containers[0].ports; }),
      errors: [{ messageId: 'unknownName', path: 'spec.containers[0].livenessProbe.httpGet.port' }, { messageId: 'unknownName', path: 'spec.containers[0].readinessProbe.httpGet.port' }],
    },
    {
      name: 'a sidecar init container',
      object: pod((p) => { p.spec.initContainers[0].restartPolicy = 'Always'; p.spec.initContainers[0].readinessProbe = { tcpSocket: { port: 'proxy' } }; }),
      errors: [{ messageId: 'unknownName', path: 'spec.initContainers[0].readinessProbe.tcpSocket.port' }],
    },
  ],
});
