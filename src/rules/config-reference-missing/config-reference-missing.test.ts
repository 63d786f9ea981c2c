import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './config-reference-missing.rule.js';

const configMap = (name: string, data: Record<string, string> = { mode: 'a' }, namespace = 'shop') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });
const secret = (name: string, data: Record<string, string> = { password: 'c2VjcmV0' }) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'shop' }, data });
const envFromSettings = pod((p) => { p.spec.containers[0].env = [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } }]; });

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'no ConfigMap of the namespace in the input: not checked', object: envFromSettings },
    { name: 'ConfigMaps of other namespaces do not enable the check', object: envFromSettings, objects: [configMap('other', {}, 'other')] },
    { name: 'the ConfigMap and key exist', object: envFromSettings, objects: [configMap('settings')] },
    {
      name: 'optional references are skipped',
      object: pod((p) => {
        p.spec.containers[0].env = [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'nope', key: 'mode', optional: true } } }];
        p.spec.containers[0].envFrom = [{ secretRef: { name: 'nope', optional: true } }];
      }),
      objects: [configMap('settings'), secret('db')],
    },
    {
      name: 'a Secret produced by an ExternalSecret',
      object: pod((p) => { p.spec.volumes = [{ name: 'db', secret: { secretName: 'db-credentials' } }]; }),
      objects: [{ apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'db', namespace: 'shop' }, spec: { target: { name: 'db-credentials' } } }],
    },
    {
      name: 'a Secret produced by a cert-manager Certificate',
      object: pod((p) => { p.spec.volumes = [{ name: 'tls', secret: { secretName: 'web-tls' } }]; }),
      objects: [secret('db'), { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web', namespace: 'shop' }, spec: { secretName: 'web-tls' } }],
    },
    {
      name: 'kube-root-ca.crt exists in every namespace, with its key ca.crt',
      object: pod((p) => {
        p.spec.volumes = [
          { name: 'root-ca', configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { name: 'token', projected: { sources: [{ configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }] } },
        ];
        p.spec.containers[0].env = [{ name: 'CA', valueFrom: { configMapKeyRef: { name: 'kube-root-ca.crt', key: 'ca.crt' } } }];
      }),
      objects: [configMap('settings')],
    },
    { name: 'a key in stringData', object: pod((p) => { p.spec.containers[0].env = [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db', key: 'user' } } }]; }), objects: [{ ...secret('db'), stringData: { user: 'app' } }] },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `missing ConfigMap in a ${kind}`,
      object: asWorkload(envFromSettings, kind),
      objects: [configMap('other')],
      errors: [{ messageId: 'missing', path: `${podSpecPathOf(kind)}.containers[0].env[0].valueFrom.configMapKeyRef` }],
    })),
    {
      name: 'missing key',
      object: envFromSettings,
      objects: [configMap('settings', { level: '1' })],
      errors: [{ messageId: 'keyMissing', path: 'spec.containers[0].env[0].valueFrom.configMapKeyRef' }],
    },
    {
      name: 'missing Secret in an init container envFrom',
      object: pod((p) => { p.spec.initContainers[0].envFrom = [{ secretRef: { name: 'db' } }]; }),
      objects: [secret('api')],
      errors: [{ messageId: 'missing', path: 'spec.initContainers[0].envFrom[0].secretRef' }],
    },
    {
      name: 'volumes, projected sources and items',
      object: pod((p) => {
        p.spec.volumes = [
          { name: 'settings', configMap: { name: 'settings', items: [{ key: 'mode', path: 'mode' }, { key: 'gone', path: 'gone' }] } },
          { name: 'bundle', projected: { sources: [{ secret: { name: 'missing' } }, { configMap: { name: 'settings' } }] } },
        ];
      }),
      objects: [configMap('settings'), secret('db')],
      errors: [
        { messageId: 'keyMissing', path: 'spec.volumes[0].configMap' },
        { messageId: 'missing', path: 'spec.volumes[1].projected.sources[0].secret' },
      ],
    },
    {
      name: 'kube-root-ca.crt has no key but ca.crt',
      object: pod((p) => { p.spec.volumes = [{ name: 'root-ca', configMap: { name: 'kube-root-ca.crt', items: [{ key: 'tls.crt', path: 'tls.crt' }] } }]; }),
      objects: [configMap('settings')],
      errors: [{ messageId: 'keyMissing', path: 'spec.volumes[0].configMap' }],
    },
    {
      name: 'ephemeral container',
      object: pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36', envFrom: [{ configMapRef: { name: 'debug-settings' } }] }]; }),
      objects: [configMap('settings')],
      errors: [{ messageId: 'missing', path: 'spec.ephemeralContainers[0].envFrom[0].configMapRef' }],
    },
  ],
});
