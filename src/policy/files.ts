/**
 * The file-system edge of policy testing and loading: finds test files and policy manifests under paths and
 * reads them. Everything else in src/policy is pure.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { listManifestFiles, readManifests } from '../io/manifests.js';
import { loadPolicySet, type LoadOptions, type PolicySet } from './policy-set.js';
import { runTestFile, testKindOf, type RunTestsOptions, type TestFileResult } from './suite.js';

/** Policies and test files are YAML. */
const YAML_EXTENSIONS: ReadonlySet<string> = new Set(['.yaml', '.yml']);

export interface TestRun {
  files: TestFileResult[];
  /** Paths that could not be read. */
  errors: string[];
}

/** Runs every gator Suite and kubeward PolicyTest found under the paths. `cwd` makes reported paths relative. */
export async function runPolicyTests(paths: readonly string[], options: RunTestsOptions & { cwd?: string } = {}): Promise<TestRun> {
  const cwd = options.cwd ?? process.cwd();
  const run: TestRun = { files: [], errors: [] };
  const read = (file: string) => readFile(path.resolve(cwd, file), 'utf8');
  for (const input of paths) {
    let files: string[];
    try {
      files = await listManifestFiles(path.resolve(cwd, input), { extensions: YAML_EXTENSIONS });
    } catch (error) {
      run.errors.push(`cannot read ${input}: ${(error as Error).message}`);
      continue;
    }
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      if (!testKindOf(text)) continue;
      const relative = path.relative(cwd, file).split(path.sep).join('/') || file;
      const result = await runTestFile(relative, text, read, options);
      if (result) run.files.push(result);
    }
  }
  return run;
}

/** Reads policies (and their params and namespaces) from files or folders into a PolicySet. */
export async function readPolicySet(paths: readonly string[], options: LoadOptions & { cwd?: string } = {}): Promise<PolicySet> {
  const loaded = await readManifests(paths, { relativeTo: options.cwd });
  const objects = loaded.objects.filter((o) => !(o.kind === 'Suite' || o.kind === 'PolicyTest'));
  const set = loadPolicySet(objects, { ...options, locate: loaded.locate });
  set.diagnostics.unshift(...loaded.diagnostics);
  return set;
}
