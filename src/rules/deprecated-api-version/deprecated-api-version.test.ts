import { ruleTester } from '../../testing/index.js';
import rule from './deprecated-api-version.rule.js';

const object = (apiVersion: string, kind: string) => ({ apiVersion, kind, metadata: { name: 'x', namespace: 'shop' } });

ruleTester(rule).run({
  valid: [
    object('apps/v1', 'Deployment'),
    object('networking.k8s.io/v1', 'Ingress'),
    object('policy/v1', 'PodDisruptionBudget'),
    { name: 'a kind the old version did not serve', object: object('policy/v1beta1', 'Eviction') },
    { name: 'before deprecation', object: object('batch/v1beta1', 'CronJob'), options: { kubernetesVersion: '1.20' } },
    { name: 'custom resource', object: object('example.com/v1beta1', 'Widget') },
  ],
  invalid: [
    { name: 'extensions Deployment', object: object('extensions/v1beta1', 'Deployment'), errors: [{ messageId: 'removed', path: 'apiVersion' }] },
    { name: 'apps/v1beta2 StatefulSet', object: object('apps/v1beta2', 'StatefulSet'), errors: [{ messageId: 'removed', path: 'apiVersion' }] },
    { name: 'PodSecurityPolicy', object: object('policy/v1beta1', 'PodSecurityPolicy'), errors: [{ messageId: 'removed', path: 'apiVersion' }] },
    { name: 'v1beta1 Ingress', object: object('networking.k8s.io/v1beta1', 'Ingress'), errors: [{ messageId: 'removed', path: 'apiVersion' }] },
    { name: 'rbac v1beta1 RoleBinding', object: object('rbac.authorization.k8s.io/v1beta1', 'RoleBinding'), errors: [{ messageId: 'removed', path: 'apiVersion' }] },
    { name: 'autoscaling/v2beta2', object: object('autoscaling/v2beta2', 'HorizontalPodAutoscaler'), errors: [{ messageId: 'removed', path: 'apiVersion' }] },
    {
      name: 'deprecated but not yet removed for the target',
      object: object('batch/v1beta1', 'CronJob'),
      options: { kubernetesVersion: '1.23' },
      errors: [{ messageId: 'deprecated', path: 'apiVersion', severity: 'low' }],
    },
    {
      name: 'removed at the target version',
      object: object('batch/v1beta1', 'CronJob'),
      options: { kubernetesVersion: '1.25' },
      errors: [{ messageId: 'removed', path: 'apiVersion', severity: 'medium' }],
    },
    {
      name: 'two-digit minor versions compare as numbers',
      object: object('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema'),
      options: { kubernetesVersion: '1.30' },
      errors: [{ messageId: 'deprecated', path: 'apiVersion' }],
    },
  ],
});
