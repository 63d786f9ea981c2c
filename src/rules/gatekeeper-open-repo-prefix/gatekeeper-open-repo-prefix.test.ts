import { ruleTester } from '../../testing/index.js';
import rule from './gatekeeper-open-repo-prefix.rule.js';

const constraint = (repos: unknown[]) => ({
  apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'K8sAllowedRepos', metadata: { name: 'repo-is-registry' },
  spec: { match: { kinds: [{ apiGroups: [''], kinds: ['Pod'] }] }, parameters: { repos } },
});

ruleTester(rule).run({
  valid: [
    constraint(['registry.example.com/', 'registry.example.com:5000/team/', 'docker.io/library/']),
    { name: 'full image references', object: constraint(['registry.example.com/team/app:1.4.2', 'registry.example.com/team/app@sha256:abc']) },
    { name: 'no repos', object: constraint([]) },
    { name: 'another constraint kind', object: { ...constraint(['docker.io']), kind: 'K8sRequiredLabels' } },
  ],
  invalid: [
    {
      name: 'bare registry host and team prefix',
      object: constraint(['registry.example.com', 'registry.example.com/', 'ghcr.io/example']),
      errors: [{ messageId: 'openPrefix', path: 'spec.parameters.repos[0]' }, { messageId: 'openPrefix', path: 'spec.parameters.repos[2]' }],
    },
    { name: 'registry with port but no slash', object: constraint(['registry.example.com:5000']), errors: [{ messageId: 'openPrefix', path: 'spec.parameters.repos[0]' }] },
    { name: 'docker hub organisation', object: constraint(['docker.io/myorg']), errors: [{ messageId: 'openPrefix' }] },
  ],
});
