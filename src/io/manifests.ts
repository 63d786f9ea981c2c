/**
 * The file-system edge of the scanner: paths (files, folders, `-` for stdin) -> parsed objects with locations.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCodes } from '../core/errors.js';
import type { Diagnostic } from '../core/finding.js';
import type { K8sObject } from '../core/k8s/object.js';
import type { Locator } from '../core/engine/run.js';
import { parseManifests, sourceLocator, type ObjectSource } from '../core/yaml/parse.js';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);
/** kubeward's own files, found in the scanned folders but not manifests. */
const SKIPPED_FILES = new Set(['.kubeward.yaml', '.kubeward.yml']);

export interface LoadedManifests {
  objects: K8sObject[];
  diagnostics: Diagnostic[];
  files: string[];
  locate: Locator;
  sourceOf(object: K8sObject): ObjectSource | undefined;
}

export interface ReadOptions {
  /** Glob patterns (`*`, `**`, `?`) matched against paths relative to the scanned root. */
  exclude?: readonly string[];
  /** Paths in reports are relative to this folder (default: the current directory). */
  relativeTo?: string;
  readStdin?: () => Promise<string>;
}

export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        pattern += '.*';
        i++;
        if (glob[i + 1] === '/') i++;
      } else pattern += '[^/]*';
    } else if (ch === '?') pattern += '[^/]';
    else pattern += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`(^|/)${pattern}($|/)`);
}

export interface ListOptions {
  exclude?: readonly RegExp[];
  /** Exclusion patterns also match paths relative to this folder (default: `root`). */
  relativeTo?: string;
  /** File endings to take (default: .yaml, .yml, .json). */
  extensions?: ReadonlySet<string>;
}

/**
 * The files under `root` (or `root` itself when it is a file), sorted, skipping `.git`, `node_modules` and
 * kubeward's own config files. Shared by the scanner and the policy loader.
 */
export async function listManifestFiles(root: string, options: ListOptions = {}): Promise<string[]> {
  const exclude = options.exclude ?? [];
  const relativeTo = options.relativeTo ?? root;
  const extensions = options.extensions ?? MANIFEST_EXTENSIONS;
  const info = await stat(root);
  if (info.isFile()) return [root];
  const files: string[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(relativeTo, full).split(path.sep).join('/');
      if (exclude.some((re) => re.test(relative) || re.test(path.relative(root, full).split(path.sep).join('/')))) continue;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(full);
      } else if (entry.isFile() && !SKIPPED_FILES.has(entry.name) && extensions.has(path.extname(entry.name).toLowerCase())) {
        files.push(full);
      }
    }
  };
  await walk(root);
  return files;
}

export async function readStdinText(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads every manifest under the given paths. Unreadable files become diagnostics; nothing throws. */
export async function readManifests(inputs: readonly string[], options: ReadOptions = {}): Promise<LoadedManifests> {
  const relativeTo = options.relativeTo ?? process.cwd();
  const exclude = (options.exclude ?? []).map(globToRegExp);
  const sources = new WeakMap<K8sObject, ObjectSource>();
  const objects: K8sObject[] = [];
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];

  const addText = (text: string, displayName: string) => {
    files.push(displayName);
    const parsed = parseManifests(text, displayName);
    diagnostics.push(...parsed.diagnostics);
    for (const { object, source } of parsed.objects) {
      sources.set(object, source);
      objects.push(object);
    }
  };

  for (const input of inputs) {
    if (input === '-') {
      addText(await (options.readStdin ?? readStdinText)(), '<stdin>');
      continue;
    }
    let paths: string[];
    try {
      paths = await listManifestFiles(input, { exclude, relativeTo });
    } catch (error) {
      const shown = path.relative(relativeTo, input) || input;
      diagnostics.push({ level: 'fatal', code: ErrorCodes.MANIFEST_READ, message: `cannot read ${shown}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}` });
      continue;
    }
    for (const file of paths) {
      const displayName = path.relative(relativeTo, file).split(path.sep).join('/') || file;
      try {
        addText(await readFile(file, 'utf8'), displayName);
      } catch (error) {
        diagnostics.push({ level: 'error', code: ErrorCodes.MANIFEST_READ, message: `cannot read ${displayName}: ${(error as Error).message}` });
      }
    }
  }
  return {
    objects,
    diagnostics,
    files,
    locate: sourceLocator((object) => sources.get(object)),
    sourceOf: (object) => sources.get(object),
  };
}
