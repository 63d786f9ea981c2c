import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './service-account-privileged-role.rule.js';

const tokenMounted = pod((p) => { delete p.spec.automountServiceAccountToken; });
const webSubject = { kind: 'ServiceAccount', name: 'web', namespace: 'shop' };
const clusterBinding = (role: string, subjects: unknown[] = [webSubject]) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `web-${role}` },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role }, subjects,
});
const roleBinding = (kind: 'Role' | 'ClusterRole', role: string, subjects: unknown[] = [{ kind: 'ServiceAccount', name: 'web' }]) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: `web-${role}`, namespace: 'shop' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name: role }, subjects,
});
const role = (name: string, rules: unknown[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace: 'shop' }, rules });
const clusterRole = (name: string, rules: unknown[], labels?: Record<string, string>) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, ...(labels ? { labels } : {}) }, rules,
});

ruleTester(rule).run({
  valid: [
    { name: 'no bindings', object: tokenMounted },
    { name: 'cluster-admin, but the pod mounts no token', object: pod(), objects: [clusterBinding('cluster-admin')] },
    { name: 'a read-only role', object: tokenMounted, objects: [role('reader', [{ apiGroups: [''], resources: ['configmaps', 'pods'], verbs: ['get', 'list', 'watch'] }]), roleBinding('Role', 'reader')] },
    { name: 'secrets limited by resourceNames', object: tokenMounted, objects: [role('one-secret', [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['web-tls'], verbs: ['get'] }]), roleBinding('Role', 'one-secret')] },
    { name: 'cluster-admin bound to another ServiceAccount', object: tokenMounted, objects: [clusterBinding('cluster-admin', [{ kind: 'ServiceAccount', name: 'web', namespace: 'other' }])] },
    { name: 'a RoleBinding in another namespace', object: tokenMounted, objects: [{ ...roleBinding('ClusterRole', 'admin'), metadata: { name: 'x', namespace: 'other' } }] },
    { name: 'a binding to a role not in the input', object: tokenMounted, objects: [roleBinding('Role', 'unknown')] },
    {
      name: 'nodes/proxy through a RoleBinding grants nothing',
      object: tokenMounted,
      objects: [clusterRole('proxy', [{ apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] }]), roleBinding('ClusterRole', 'proxy')],
    },
    {
      name: 'the ServiceAccount opts out of the token',
      object: tokenMounted,
      objects: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web', namespace: 'shop' }, automountServiceAccountToken: false }, clusterBinding('cluster-admin')],
    },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `cluster-admin ServiceAccount in a ${kind}`,
      object: asWorkload(tokenMounted, kind),
      objects: [clusterBinding('cluster-admin')],
      errors: [{ messageId: 'privilegedRole', path: `${podSpecPathOf(kind)}.serviceAccountName` }],
    })),
    {
      name: 'admin through a RoleBinding, subject namespace taken from the binding',
      object: tokenMounted,
      objects: [roleBinding('ClusterRole', 'admin')],
      errors: [{ messageId: 'privilegedRole', path: 'spec.serviceAccountName' }],
    },
    {
      name: 'a Role that reads Secrets',
      object: tokenMounted,
      objects: [role('secret-reader', [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }]), roleBinding('Role', 'secret-reader')],
      errors: [{ messageId: 'privilegedRole' }],
    },
    {
      name: 'a wildcard ClusterRole',
      object: tokenMounted,
      objects: [clusterRole('everything', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]), clusterBinding('everything')],
      errors: [{ messageId: 'privilegedRole' }],
    },
    {
      name: 'pods/* matches exec',
      object: tokenMounted,
      objects: [role('debugger', [{ apiGroups: [''], resources: ['*/exec'], verbs: ['create'] }]), roleBinding('Role', 'debugger')],
      errors: [{ messageId: 'privilegedRole' }],
    },
    {
      name: 'an aggregated ClusterRole',
      object: tokenMounted,
      objects: [
        { ...clusterRole('aggregate', []), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate-to-web': 'true' } }] } },
        clusterRole('piece', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['patch'] }], { 'example.com/aggregate-to-web': 'true' }),
        clusterBinding('aggregate'),
      ],
      errors: [{ messageId: 'privilegedRole' }],
    },
    {
      name: 'a binding to every ServiceAccount of the namespace',
      object: tokenMounted,
      objects: [clusterBinding('cluster-admin', [{ kind: 'Group', name: 'system:serviceaccounts:shop' }])],
      errors: [{ messageId: 'privilegedRole' }],
    },
    {
      name: 'a binding to the ServiceAccount user name, with a projected token',
      object: pod((p) => { p.spec.volumes = [{ name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }]; }),
      objects: [clusterBinding('cluster-admin', [{ kind: 'User', name: 'system:serviceaccount:shop:web' }])],
      errors: [{ messageId: 'privilegedRole' }],
    },
    {
      name: 'two bindings, two findings',
      object: pod((p) => { delete p.spec.automountServiceAccountToken; delete p.spec.serviceAccountName; }),
      objects: [clusterBinding('edit', [{ kind: 'ServiceAccount', name: 'default', namespace: 'shop' }]), roleBinding('ClusterRole', 'cluster-admin', [{ kind: 'ServiceAccount', name: 'default' }])],
      errors: [{ messageId: 'privilegedRole', path: 'spec' }, { messageId: 'privilegedRole', path: 'spec' }],
    },
  ],
});
