import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './linux-hardening-none.rule.js';

const bare = pod((p) => {
  delete p.spec.securityContext.seccompProfile;
  delete p.spec.initContainers;
  delete p.spec.containers[0].securityContext.capabilities;
});

ruleTester(rule).run({
  valid: [
    pod(),
    { name: 'seccomp alone', object: pod((p) => { delete p.spec.containers[0].securityContext.capabilities; delete p.spec.initContainers[0].securityContext.capabilities; }) },
    { name: 'dropped capabilities alone', object: pod((p) => { delete p.spec.securityContext.seccompProfile; }) },
    { name: 'SELinux options alone', object: pod((p) => {
      delete p.spec.securityContext.seccompProfile;
      delete p.spec.initContainers;
      delete p.spec.containers[0].securityContext.capabilities;
      p.spec.securityContext.seLinuxOptions = { level: 's0:c1,c2' };
    }) },
    { name: 'AppArmor annotation alone', object: pod((p) => {
      delete p.spec.securityContext.seccompProfile;
      delete p.spec.initContainers;
      delete p.spec.containers[0].securityContext.capabilities;
      p.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'runtime/default' };
    }) },
    { name: 'windows pods are skipped', object: pod((p) => { p.spec.os = { name: 'windows' }; delete p.spec.securityContext.seccompProfile; delete p.spec.containers[0].securityContext.capabilities; }) },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `no hardening in a ${kind}`,
      object: asWorkload(bare, kind),
      errors: [{ messageId: 'none', path: `${podSpecPathOf(kind)}.containers[0]` }],
    })),
    {
      name: 'Unconfined profiles are not hardening; an empty drop list neither',
      object: pod((p) => {
        p.spec.securityContext.seccompProfile = { type: 'Unconfined' };
        p.spec.securityContext.appArmorProfile = { type: 'Unconfined' };
        p.spec.containers[0].securityContext.capabilities = { drop: [] };
        p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }];
      }),
      errors: [
        { messageId: 'none', path: 'spec.containers[0]' },
        { messageId: 'none', path: 'spec.ephemeralContainers[0]' },
      ],
    },
  ],
});
