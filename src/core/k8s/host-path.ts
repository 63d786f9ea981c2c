/**
 * hostPath volumes of a pod spec and the container mounts that use them, with host paths normalised the way
 * the node resolves them (`/var/../run//docker.sock/` is `/run/docker.sock`), and segment-wise path
 * patterns (a `*` segment matches any one directory) for the rules that look for particular host files.
 */
import { memoizeByString } from '../string-memo.js';
import { containersOf, type ContainerView } from './containers.js';
import { isObject } from './object.js';

export interface HostPathVolume {
  name: string;
  /** Index in `volumes`. */
  index: number;
  /** As written in the manifest. */
  hostPath: string;
  /** Absolute, no `.`/`..`/empty segments, no trailing slash; `/` for the root. */
  normalised: string;
  /** `hostPath.type` (`Socket`, `Directory`, …) when set. */
  type?: string;
  /** Field path of `volumes[i].hostPath`. */
  path: string;
}

export interface VolumeMountView {
  view: ContainerView;
  mount: Record<string, any>;
  /** `spec.containers[0].volumeMounts[2]` */
  path: string;
}

/*
 * Every host-path rule normalises every hostPath volume and its own patterns, for every workload; the answers
 * (a few hundred distinct paths in a large scan) are kept, within memoizeByString's bound.
 */
export const normaliseHostPath: (hostPath: string) => string = memoizeByString(normalise);

function normalise(hostPath: string): string {
  const segments: string[] = [];
  for (const segment of hostPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

export function hostPathVolumes(podSpec: Record<string, any>, specPath: string): HostPathVolume[] {
  const volumes = Array.isArray(podSpec.volumes) ? podSpec.volumes : [];
  const result: HostPathVolume[] = [];
  volumes.forEach((volume: unknown, index: number) => {
    if (!isObject(volume) || !isObject(volume.hostPath)) return;
    const hostPath = String(volume.hostPath.path ?? '');
    result.push({
      name: String(volume.name ?? `#${index}`),
      index,
      hostPath,
      normalised: normaliseHostPath(hostPath),
      ...(typeof volume.hostPath.type === 'string' && volume.hostPath.type !== '' ? { type: volume.hostPath.type } : {}),
      path: `${specPath}.volumes[${index}].hostPath`,
    });
  });
  return result;
}

/** Every mount of the named volume, in all three container lists. */
export function mountsOfVolume(podSpec: Record<string, any>, specPath: string, volumeName: string): VolumeMountView[] {
  const result: VolumeMountView[] = [];
  for (const view of containersOf(podSpec, specPath)) {
    const mounts = Array.isArray(view.container.volumeMounts) ? view.container.volumeMounts : [];
    mounts.forEach((mount: unknown, index: number) => {
      if (isObject(mount) && mount.name === volumeName) result.push({ view, mount, path: `${view.path}.volumeMounts[${index}]` });
    });
  }
  return result;
}

const segmentsOf: (path: string) => readonly string[] = memoizeByString((path) => normaliseHostPath(path).split('/').filter((segment) => segment !== ''));

/** The first `count` segments of `pattern` match the first `count` of `path` (`*` matches any one). */
function prefixMatches(pattern: readonly string[], path: readonly string[], count: number): boolean {
  for (let i = 0; i < count; i++) if (pattern[i] !== '*' && pattern[i] !== path[i]) return false;
  return true;
}

/** `path` is `pattern` itself or lies below it; a `*` segment in the pattern matches any one segment. */
export function isSameOrBelow(path: string, pattern: string): boolean {
  const p = segmentsOf(path);
  const q = segmentsOf(pattern);
  return p.length >= q.length && prefixMatches(q, p, q.length);
}

/** `path` is a directory above `pattern` (not the pattern itself), so mounting it exposes the pattern. */
export function isAbove(path: string, pattern: string): boolean {
  const p = segmentsOf(path);
  const q = segmentsOf(pattern);
  return p.length < q.length && prefixMatches(q, p, p.length);
}

/**
 * Top-level host directories whose exposure hands over the node: reported by `host-path-sensitive`, and left
 * out of the ancestor matching of the narrower host-path rules so one volume is not reported twice.
 */
export const SENSITIVE_HOST_PATHS = ['/', '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr', '/var/lib/docker'] as const;
