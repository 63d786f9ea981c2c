/*
Setting the SELinux type is restricted, and setting a custom SELinux user or role option is forbidden.

**Restricted Fields:**
spec.securityContext.seLinuxOptions.type
spec.containers[*].securityContext.seLinuxOptions.type
spec.initContainers[*].securityContext.seLinuxOptions.type
spec.ephemeralContainers[*].securityContext.seLinuxOptions.type

**Allowed Values:**
undefined/""
container_t
container_init_t
container_kvm_t
container_engine_t (since v1.31)

**Restricted Fields:**
spec.securityContext.seLinuxOptions.user
spec.containers[*].securityContext.seLinuxOptions.user
spec.initContainers[*].securityContext.seLinuxOptions.user
spec.ephemeralContainers[*].securityContext.seLinuxOptions.user
spec.securityContext.seLinuxOptions.role
spec.containers[*].securityContext.seLinuxOptions.role
spec.initContainers[*].securityContext.seLinuxOptions.role
spec.ephemeralContainers[*].securityContext.seLinuxOptions.role

**Allowed Values:** undefined/""
*/
import { anyContainer, containerName, containersPhrase, isSet, joinQuote, pluralize, sortedUnique, stringField, visitContainers, type CheckFn, type CheckMeta, type PodSpec } from '../check.js';

export const meta: CheckMeta = { id: 'seLinuxOptions', level: 'baseline', ruleId: 'pss-selinux-options', category: 'kernel-hardening', title: 'SELinux options' };

const ALLOWED_TYPES_1_0: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const ALLOWED_TYPES_1_31: ReadonlySet<string> = new Set([...ALLOWED_TYPES_1_0, 'container_engine_t']);

function forbiddenOptions(options: any, allowedTypes: ReadonlySet<string>): boolean {
  return isSet(options) && (!allowedTypes.has(stringField(options.type)) || stringField(options.user) !== '' || stringField(options.role) !== '');
}

const containerHasForbiddenOptions = (container: Record<string, any>, allowedTypes: ReadonlySet<string>) => forbiddenOptions(container.securityContext?.seLinuxOptions, allowedTypes);

function checkSeLinuxOptions(spec: PodSpec, allowedTypes: ReadonlySet<string>) {
  if (!forbiddenOptions(spec.securityContext?.seLinuxOptions, allowedTypes) && !anyContainer(spec, containerHasForbiddenOptions, allowedTypes)) return undefined;
  const setters: string[] = [];
  const badTypes: string[] = [];
  const paths: string[] = [];
  let setUser = false;
  let setRole = false;
  const valid = (options: Record<string, any>, base: string): boolean => {
    let ok = true;
    const type = stringField(options.type);
    if (!allowedTypes.has(type)) {
      ok = false;
      badTypes.push(type);
      paths.push(`${base}.type`);
    }
    if (stringField(options.user).length > 0) {
      ok = false;
      setUser = true;
      paths.push(`${base}.user`);
    }
    if (stringField(options.role).length > 0) {
      ok = false;
      setRole = true;
      paths.push(`${base}.role`);
    }
    return ok;
  };

  const podOptions = spec.securityContext?.seLinuxOptions;
  if (isSet(podOptions) && !valid(podOptions, 'spec.securityContext.seLinuxOptions')) setters.push('pod');
  let badNames: string[] | undefined;
  visitContainers(spec, (container, list, index) => {
    const options = container.securityContext?.seLinuxOptions;
    if (isSet(options) && !valid(options, `spec.${list}[${index}].securityContext.seLinuxOptions`)) (badNames ??= []).push(containerName(container));
  });
  if (badNames) setters.push(containersPhrase(badNames));
  if (setters.length === 0) return undefined;

  // PSA lists "user/role may not be set" only alongside a bad type; a user- or role-only violation
  // renders with an empty list after the colon. Kept byte-for-byte.
  const data: string[] = [];
  if (badTypes.length > 0) {
    const types = sortedUnique(badTypes);
    data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (setUser) data.push('user may not be set');
    if (setRole) data.push('role may not be set');
  }
  return { reason: 'seLinuxOptions', detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`, paths };
}

export const seLinuxOptions_1_0: CheckFn = (_metadata, spec) => checkSeLinuxOptions(spec, ALLOWED_TYPES_1_0);
export const seLinuxOptions_1_31: CheckFn = (_metadata, spec) => checkSeLinuxOptions(spec, ALLOWED_TYPES_1_31);
