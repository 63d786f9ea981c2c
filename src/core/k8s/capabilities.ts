/**
 * Linux capabilities a container adds or drops. containerd and CRI-O upper-case each name before prefixing
 * `CAP_`, and match `ALL` case-insensitively, so `sys_admin` is SYS_ADMIN. A name already written with `CAP_`
 * is also treated as that capability: runtimes disagree on it, and a scanner should err on the reporting side.
 */
import { containersOf, type ContainerView } from './containers.js';
import { normaliseCapability } from './security-context.js';

export interface CapabilityEntry {
  /** Normalised name: `SYS_ADMIN`. */
  name: string;
  /** As written in the manifest; messages show it so users can find it. */
  written: string;
  /** `spec.containers[0].securityContext.capabilities.add[1]` */
  path: string;
}

/** The capabilities container runtimes grant by default; PSS baseline allows adding only these. */
export const DEFAULT_RUNTIME_CAPABILITIES = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID',
  'SETPCAP', 'SETUID', 'SYS_CHROOT',
] as const;

export interface AddedCapability extends CapabilityEntry {
  view: ContainerView;
}

/**
 * Every capability added by any container (all three lists) that `select` accepts, in container order. Entries
 * (with their paths) are made only for the selected ones: most containers add nothing a check looks for.
 */
export function addedCapabilitiesWhere(podSpec: Record<string, any>, specPath: string, select: (name: string) => boolean): AddedCapability[] {
  const selected: AddedCapability[] = [];
  for (const view of containersOf(podSpec, specPath)) {
    const values = view.container.securityContext?.capabilities?.add;
    if (!Array.isArray(values)) continue;
    for (let index = 0; index < values.length; index++) {
      const name = normaliseCapability(values[index]);
      if (select(name)) selected.push({ name, written: String(values[index]), path: `${view.path}.securityContext.capabilities.add[${index}]`, view });
    }
  }
  return selected;
}

/** Whether the container drops any of `names` (normalised, as `ALL` or `NET_RAW`). */
export function dropsCapability(view: ContainerView, names: ReadonlySet<string>): boolean {
  const values = view.container.securityContext?.capabilities?.drop;
  return Array.isArray(values) && values.some((value) => names.has(normaliseCapability(value)));
}

/** Whether the container drops anything at all. */
export function dropsAnyCapability(view: ContainerView): boolean {
  const values = view.container.securityContext?.capabilities?.drop;
  return Array.isArray(values) && values.length > 0;
}
