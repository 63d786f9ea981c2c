import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../object.js';
import { parseManifests } from '../../yaml/parse.js';
import { GENERATED_FILE, generateSchemaTypes, schemaTypesModule } from './generate.js';
import { SCHEMA_KINDS } from './types.js';
import { schemaModelOf, validateAgainstSchema } from './validate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const psaFixtures = path.resolve(here, '../../../../../shared/conformance/psa');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return yamlFiles(file);
    return /\.ya?ml$/.test(name) ? [file] : [];
  });
}

describe('Kubernetes field types', () => {
  it('are what generate.ts makes of the installed @kubernetes/client-node (run npm run generate:k8s-types)', () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(schemaTypesModule(generateSchemaTypes()));
  });

  it('know every listed kind', () => {
    for (const entry of SCHEMA_KINDS) expect(schemaModelOf({ apiVersion: entry.apiVersion, kind: entry.kind }), entry.kind).toBe(entry.model);
  });

  it('accept every object of the Pod Security Admission fixtures, which the API server accepted', () => {
    let objects = 0;
    for (const file of yamlFiles(psaFixtures)) {
      for (const { object } of parseManifests(readFileSync(file, 'utf8'), file).objects) {
        if (!schemaModelOf(object)) continue;
        objects++;
        expect(validateAgainstSchema(object), file).toEqual([]);
      }
    }
    expect(objects).toBeGreaterThan(4000);
  });

  it('name the field, the model and both types in a problem, and stop at the limit', () => {
    const object = JSON.parse('{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "labels": {"tier": 1}}, "spec": {"portz": [], "ports": [{"port": "http"}]}}') as K8sObject;
    expect(validateAgainstSchema(object)).toEqual([
      { kind: 'wrong-type', path: 'metadata.labels.tier', field: 'tier', expected: 'a string', actual: 'an integer' },
      { kind: 'unknown-field', path: 'spec.portz', field: 'portz', model: 'ServiceSpec', actual: 'a list' },
      { kind: 'wrong-type', path: 'spec.ports[0].port', field: 'port', expected: 'an integer', actual: 'a string' },
    ]);
    expect(validateAgainstSchema(object, 2)).toHaveLength(2);
  });
});
