import { asWorkload, pod, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './schema-validation.rule.js';

const service = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec });

ruleTester(rule).run({
  valid: [
    pod(),
    ...WORKLOAD_WRAPPERS.filter((kind) => kind !== 'Rollout').map((kind) => ({ name: `a hardened ${kind}`, object: asWorkload(pod(), kind) })),
    { name: 'quantities may be numbers', object: pod((p) => { p.spec.containers[0].resources = { requests: { cpu: 1, memory: '64Mi' }, limits: { cpu: 0.5 } }; }) },
    { name: 'int-or-string ports take both', object: service({ ports: [{ port: 80, targetPort: 'http' }, { port: 443, targetPort: 8443 }] }) },
    { name: 'null means unset anywhere', object: pod((p) => { p.spec.securityContext = null; p.metadata.creationTimestamp = null; }) },
    { name: 'a custom resource is not judged', object: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { anything: [1, 'x'] } } },
    { name: 'a removed API version is another rule\'s concern', object: { apiVersion: 'extensions/v1beta1', kind: 'Deployment', metadata: { name: 'd' }, spec: { whatever: true } } },
    { name: 'free-form fields (managedFields, RawExtension) take anything', object: pod((p) => { p.metadata.managedFields = [{ manager: 'kubectl', fieldsV1: { 'f:spec': { 'f:anything': {} } } }]; }) },
  ],
  invalid: [
    {
      name: 'a misspelt securityContext in an init container',
      object: pod((p) => { p.spec.initContainers[0].securityContex = { privileged: false }; }),
      errors: [{ messageId: 'unknownField', path: 'spec.initContainers[0].securityContex' }],
    },
    {
      name: 'a misspelt field in a Deployment\'s pod template (ephemeral containers too)',
      object: asWorkload(pod((p) => {
        p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', targetContainerName: 'app', readOnlyRootFileSystem: true }];
      }), 'Deployment'),
      errors: [{ messageId: 'unknownField', path: 'spec.template.spec.ephemeralContainers[0].readOnlyRootFileSystem' }],
    },
    {
      name: 'a port number written as a string, an env value as a number, a label as a boolean',
      object: pod((p) => {
        p.spec.containers[0].ports = [{ containerPort: '8080' }];
        p.spec.containers[0].env = [{ name: 'PORT', value: 8080 }];
        p.metadata.labels = { ...p.metadata.labels, enabled: true };
      }),
      errors: [
        { messageId: 'wrongType', path: 'metadata.labels.enabled' },
        { messageId: 'wrongType', path: 'spec.containers[0].ports[0].containerPort' },
        { messageId: 'wrongType', path: 'spec.containers[0].env[0].value' },
      ],
    },
    {
      name: 'a mapping where a list belongs, in a CronJob',
      object: asWorkload(pod((p) => { p.spec.containers[0].args = { verbose: true }; }), 'CronJob'),
      errors: [{ messageId: 'wrongType', path: 'spec.jobTemplate.spec.template.spec.containers[0].args' }],
    },
    {
      name: 'a fraction where an integer belongs',
      object: service({ ports: [{ port: 80.5 }] }),
      errors: [{ messageId: 'wrongType', path: 'spec.ports[0].port' }],
    },
  ],
});
