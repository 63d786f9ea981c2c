import { describe, expect, it } from 'vitest';
import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './cloud-credential-path.rule.js';

function withHostPath(path: string) {
  return pod((p) => { p.spec.volumes = [{ name: 'host', hostPath: { path } }]; });
}

ruleTester(rule).run({
  valid: [
    pod(),
    { name: '/var/log', object: withHostPath('/var/log') },
    { name: '/etc itself is left to host-path-sensitive', object: withHostPath('/etc') },
    { name: 'the root is left to host-path-sensitive', object: withHostPath('/') },
    { name: 'a directory next to the credentials', object: withHostPath('/root/.cache') },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `AWS credentials in a ${kind}`,
      object: asWorkload(withHostPath('/root/.aws'), kind),
      errors: [{ messageId: 'credentials', path: `${podSpecPathOf(kind)}.volumes[0].hostPath.path` }],
    })),
    { name: 'a file below the credential directory', object: withHostPath('/root/.aws/credentials'), errors: [{ messageId: 'credentials' }] },
    { name: 'any user home (wildcard segment)', object: withHostPath('/home/ubuntu/.config/gcloud/application_default_credentials.json'), errors: [{ messageId: 'credentials' }] },
    { name: 'Azure cloud provider config on AKS', object: withHostPath('/etc/kubernetes/azure.json'), errors: [{ messageId: 'credentials' }] },
    { name: '/etc/kubernetes contains azure.json', object: withHostPath('/etc/kubernetes'), errors: [{ messageId: 'credentialsBelow', path: 'spec.volumes[0].hostPath.path' }] },
    { name: 'all user homes', object: withHostPath('/home/'), errors: [{ messageId: 'credentialsBelow' }] },
    { name: 'a user-listed path', object: withHostPath('/opt/cloud/creds.json'), options: { paths: ['/opt/cloud'] }, errors: [{ messageId: 'credentials' }] },
  ],
});

describe('cloud-credential-path options', () => {
  it('names the bad key', () => {
    expect(rule.validateOptions!({ paths: [42] })).toEqual(['paths: expected an array of absolute paths (strings starting with "/")']);
    expect(rule.validateOptions!({ paths: ['/opt/creds'] })).toEqual([]);
  });
});
