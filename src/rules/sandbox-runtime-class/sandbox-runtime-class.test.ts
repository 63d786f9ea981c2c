import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './sandbox-runtime-class.rule.js';

const runtimeClass = (name: string, handler = name) => ({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name }, handler });
const namespace = (name: string, labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
const gvisor = pod((p) => { p.spec.runtimeClassName = 'gvisor'; });
const untrusted = { untrustedNamespaces: ['shop'] };

ruleTester(rule).run({
  valid: [
    { name: 'nothing configured: passes', object: pod() },
    { name: 'untrusted namespace with gVisor', object: gvisor, options: untrusted },
    { name: 'untrusted label with kata', object: pod((p) => { p.metadata.labels.tenant = 'external'; p.spec.runtimeClassName = 'kata-qemu'; }), options: { untrustedLabels: { tenant: 'external' } } },
    { name: 'sandbox by handler of a custom RuntimeClass', object: pod((p) => { p.spec.runtimeClassName = 'sandboxed'; }), objects: [runtimeClass('sandboxed', 'runsc')], options: untrusted },
    { name: 'custom sandbox list', object: pod((p) => { p.spec.runtimeClassName = 'firecracker'; }), options: { ...untrusted, sandboxRuntimeClasses: ['firecracker'] } },
    { name: 'trusted namespace', object: pod(), options: { untrustedNamespaces: ['ci'] } },
    { name: 'RuntimeClass exists', object: gvisor, objects: [runtimeClass('gvisor', 'runsc')] },
    { name: 'no RuntimeClass objects in the scan: existence not judged', object: pod((p) => { p.spec.runtimeClassName = 'anything'; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `untrusted ${kind} on the default runtime`,
      object: asWorkload(pod(), kind),
      options: untrusted,
      errors: [{ messageId: 'notSandboxed', path: podSpecPathOf(kind) }],
    })),
    {
      name: 'untrusted label on the pod template, runc class',
      object: asWorkload(pod((p) => { p.metadata.labels.tenant = 'external'; p.spec.runtimeClassName = 'runc'; }), 'Deployment'),
      options: { untrustedLabels: { tenant: 'external' } },
      errors: [{ messageId: 'notSandboxed', path: 'spec.template.spec.runtimeClassName' }],
    },
    {
      name: 'untrusted label on the Namespace object',
      object: pod(),
      objects: [namespace('shop', { tenancy: 'untrusted' })],
      options: { untrustedLabels: { tenancy: 'untrusted' } },
      errors: [{ messageId: 'notSandboxed', path: 'spec' }],
    },
    {
      name: 'referenced RuntimeClass missing',
      object: gvisor,
      objects: [runtimeClass('kata')],
      errors: [{ messageId: 'runtimeClassNotFound', path: 'spec.runtimeClassName', severity: 'low' }],
    },
  ],
});
