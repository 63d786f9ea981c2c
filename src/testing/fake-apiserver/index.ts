/**
 * TEST DOUBLE: a fake Kubernetes API server for tests of the cluster scan (see README.md). Never used by kubeward
 * itself; production code must not import this folder.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import type { K8sObject } from '../../core/k8s/object.js';
import { KUBERNETES_YAML_SCHEMA } from '../../core/yaml/parse.js';

export { startFakeApiServer, type AllowRule, type DenyRule, type FakeApiServer, type FakeApiServerOptions, type FakeUser, type KubeconfigUser, type RecordedRequest } from './server.js';
export { createTestPki, type KeyPair, type TestPki } from './pki.js';
export { FakeStore } from './store.js';

/** Reads every `*.yaml` file of a folder (sorted) or one file into objects, YAML 1.1 as Kubernetes reads it. */
export function loadFixtureObjects(fileOrFolder: string): K8sObject[] {
  const files = statSync(fileOrFolder).isDirectory()
    ? readdirSync(fileOrFolder).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(fileOrFolder, f))
    : [fileOrFolder];
  return files.flatMap((file) =>
    jsYaml.loadAll(readFileSync(file, 'utf8'), undefined, { schema: KUBERNETES_YAML_SCHEMA })
      .filter((doc): doc is K8sObject => typeof doc === 'object' && doc !== null && 'kind' in doc));
}
