/**
 * Field paths as findings carry them: `spec.containers[0].securityContext.privileged`, with
 * `metadata.annotations["kubeward.io/ignore"]` for keys that are not plain identifiers.
 */

export type PathSegment = string | number;

/** `/^[A-Za-z_$][\w$-]*$/`, on character codes: joinPath runs for every key the position index reads. */
function isPlainKey(key: string): boolean {
  if (key.length === 0) return false;
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    const letter = (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95 /* _ */ || ch === 36 /* $ */;
    if (letter || (i > 0 && ((ch >= 48 && ch <= 57) || ch === 45 /* - */))) continue;
    return false;
  }
  return true;
}

export function joinPath(base: string, segment: PathSegment): string {
  if (typeof segment === 'number') return `${base}[${segment}]`;
  if (isPlainKey(segment)) return base === '' ? segment : `${base}.${segment}`;
  return `${base}[${JSON.stringify(segment)}]`;
}

export function formatPath(segments: readonly PathSegment[]): string {
  return segments.reduce<string>((path, segment) => joinPath(path, segment), '');
}

export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let i = 0;
  while (i < path.length) {
    const ch = path[i];
    if (ch === '.') { i++; continue; }
    if (ch === '[') {
      if (path[i + 1] === '"') {
        let j = i + 2;
        while (j < path.length && path[j] !== '"') j += path[j] === '\\' ? 2 : 1;
        segments.push(JSON.parse(path.slice(i + 1, j + 1)) as string);
        i = j + 2;
      } else {
        const end = path.indexOf(']', i);
        segments.push(Number(path.slice(i + 1, end)));
        i = end + 1;
      }
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
    segments.push(path.slice(i, j));
    i = j;
  }
  return segments;
}

/** Reads a value at a path; undefined when any step is missing. */
export function getAtPath(root: unknown, path: string): unknown {
  let node: any = root;
  for (const segment of parsePath(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[segment];
  }
  return node;
}
