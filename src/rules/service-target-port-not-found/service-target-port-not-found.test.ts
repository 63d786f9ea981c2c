import { asWorkload, pod, ruleTester } from '../../testing/index.js';
import rule, { isValidPortName } from './service-target-port-not-found.rule.js';
import { describe, expect, it } from 'vitest';

const service = (ports: unknown[]) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' }, ports } });
const web = asWorkload(pod(), 'Deployment');

ruleTester(rule).run({
  valid: [
    { name: 'named port declared by the app container', object: service([{ port: 80, targetPort: 'http' }]), objects: [web] },
    { name: 'numeric target port', object: service([{ port: 80, targetPort: 8080 }, { port: 81, targetPort: '8081' }]), objects: [web] },
    { name: 'no target port (defaults to port)', object: service([{ port: 80 }]), objects: [web] },
    { name: 'nothing selected in the scan', object: service([{ port: 80, targetPort: 'metrics' }]), objects: [] },
    { name: 'declared by a sidecar init container', object: service([{ port: 9090, targetPort: 'proxy' }]), objects: [asWorkload(pod((p) => { p.spec.initContainers[0].restartPolicy = 'Always'; p.spec.initContainers[0].ports = [{ name: 'proxy', containerPort: 9090 }]; }), 'Deployment')] },
  ],
  invalid: [
    {
      name: 'name not declared',
      object: service([{ port: 80, targetPort: 'http' }, { port: 9090, targetPort: 'metrics' }]),
      objects: [web],
      errors: [{ messageId: 'notFound', path: 'spec.ports[1].targetPort' }],
    },
    {
      name: 'protocol differs',
      object: service([{ port: 80, targetPort: 'http', protocol: 'UDP' }]),
      objects: [web],
      errors: [{ messageId: 'notFound', path: 'spec.ports[0].targetPort' }],
    },
    {
      name: 'invalid name even without workloads',
      object: service([{ port: 80, targetPort: 'HTTP_port' }]),
      errors: [{ messageId: 'invalidName', path: 'spec.ports[0].targetPort' }],
    },
  ],
});

describe('isValidPortName', () => {
  it('follows IANA_SVC_NAME', () => {
    expect(['http', 'h2c', 'grpc-web', 'a1'].every(isValidPortName)).toBe(true);
    expect(['', '8080x-', '-http', 'http--alt', 'HTTP', '1234', 'a-very-long-port-name'].some(isValidPortName)).toBe(false);
  });
});
