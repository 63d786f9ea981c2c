/**
 * A fingerprint of files and folders of manifests: every file the policy loader would read (the same walk), with
 * its size and modification time. Equal fingerprints mean nothing was edited, added, removed or swapped in.
 */
import { stat } from 'node:fs/promises';
import { listManifestFiles } from './manifests.js';

export async function filesFingerprint(paths: readonly string[]): Promise<string> {
  const lines: string[] = [];
  for (const root of paths) {
    let files: string[];
    try {
      files = await listManifestFiles(root);
    } catch {
      lines.push(`${root}\tmissing`);
      continue;
    }
    for (const file of files) {
      try {
        const info = await stat(file);
        lines.push(`${file}\t${info.size}\t${info.mtimeMs}\t${info.ino}`);
      } catch {
        lines.push(`${file}\tmissing`);
      }
    }
  }
  return lines.join('\n');
}
