import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './fs-group.rule.js';

const withVolume = pod((p) => {
  delete p.spec.securityContext.fsGroup;
  p.spec.volumes = [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }];
});

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'no volumes, no fsGroup needed', object: pod((p) => { delete p.spec.securityContext.fsGroup; }) },
    { name: 'volumes with fsGroup', object: pod((p) => { p.spec.volumes = [{ name: 'data', emptyDir: {} }]; }) },
    { name: 'fsGroup 0 is root-group\'s finding', object: pod((p) => { p.spec.securityContext.fsGroup = 0; p.spec.volumes = [{ name: 'data', emptyDir: {} }]; }) },
    { name: 'windows pods are skipped', object: pod((p) => { p.spec.os = { name: 'windows' }; delete p.spec.securityContext.fsGroup; p.spec.volumes = [{ name: 'd', emptyDir: {} }]; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `volume without fsGroup in a ${kind}`,
      object: asWorkload(withVolume, kind),
      errors: [{ messageId: 'notSet', path: `${podSpecPathOf(kind)}.securityContext` }],
    })),
    {
      name: 'no pod securityContext points at the pod spec',
      object: pod((p) => { delete p.spec.securityContext; p.spec.volumes = [{ name: 'tmp', emptyDir: {} }]; }),
      errors: [{ messageId: 'notSet', path: 'spec' }],
    },
  ],
});
