import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './volume-types.rule.js';

const withNfs = pod((p) => { p.spec.volumes = [{ name: 'share', nfs: { server: 'nfs.example.com', path: '/exports' } }]; });

ruleTester(rule).run({
  valid: [
    pod(),
    {
      name: 'every allowed type',
      object: pod((p) => {
        p.spec.volumes = [
          { name: 'a', configMap: { name: 'cfg' } }, { name: 'b', secret: { secretName: 's' } }, { name: 'c', emptyDir: {} },
          { name: 'd', persistentVolumeClaim: { claimName: 'pvc' } }, { name: 'e', projected: { sources: [] } },
          { name: 'f', downwardAPI: { items: [] } }, { name: 'g', csi: { driver: 'secrets-store.csi.k8s.io' } },
          { name: 'h', ephemeral: { volumeClaimTemplate: { spec: {} } } }, { name: 'i', image: { reference: 'registry.example.com/data:1' } },
        ];
      }),
    },
    { name: 'a volume without source is defaulted to emptyDir', object: pod((p) => { p.spec.volumes = [{ name: 'scratch' }]; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `nfs volume in a ${kind}`,
      object: asWorkload(withNfs, kind),
      errors: [{ messageId: 'restricted', path: `${podSpecPathOf(kind)}.volumes[0].nfs` }],
    })),
    { name: 'hostPath', object: pod((p) => { p.spec.volumes = [{ name: 'h', hostPath: { path: '/data' } }]; }), errors: [{ messageId: 'restricted', path: 'spec.volumes[0].hostPath' }] },
    {
      name: 'legacy in-tree and unknown types',
      object: pod((p) => { p.spec.volumes = [{ name: 'ok', emptyDir: {} }, { name: 'git', gitRepo: { repository: 'https://example.com/r.git' } }, { name: 'x', fancyStorage: {} }]; }),
      errors: [
        { messageId: 'restricted', path: 'spec.volumes[1].gitRepo' },
        { messageId: 'restricted', path: 'spec.volumes[2].fancyStorage' },
      ],
    },
  ],
});
