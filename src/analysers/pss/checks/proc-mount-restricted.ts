/*
The default /proc masks are set up to reduce attack surface, and should be required.

**Restricted Fields:**
spec.containers[*].securityContext.procMount
spec.initContainers[*].securityContext.procMount
spec.ephemeralContainers[*].securityContext.procMount

**Allowed Values:** undefined/null, "Default"

Restricted keeps this rule for user-namespace pods (`hostUsers: false`), which baseline relaxes from v1.35;
it overrides the baseline procMount check from v1.35 on.
*/
import { type CheckFn, type CheckMeta } from '../check.js';
import { checkDefaultProcMount } from './proc-mount.js';

export const meta: CheckMeta = { id: 'procMount_restricted', level: 'restricted', ruleId: 'pss-proc-mount-restricted', category: 'kernel-hardening', title: 'Proc mount type (restricted)' };

export const procMountRestricted_1_35: CheckFn = (_metadata, spec) => checkDefaultProcMount(spec);
