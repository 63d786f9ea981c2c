/**
 * Kubernetes' own PSA conformance fixtures (../shared/conformance/psa, 4,537 pods): every pass fixture must be
 * allowed and every fail fixture denied with the expected substring and no "unknown forbidden reason", at the
 * fixture's level and version. The same pods wrapped in a Deployment and a CronJob must get the same verdicts,
 * as upstream's test/run.go checks with its controller dry runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../core/k8s/object.js';
import { fromYamlOne } from '../../testing/index.js';
import { evaluateWorkload, formatForbiddenDetail, UNKNOWN_FORBIDDEN_REASON } from './evaluate.js';
import { isLevel, parseVersion } from './levels.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/conformance/psa');

interface ManifestEntry {
  file: string;
  level: string;
  version: string;
  outcome: 'pass' | 'fail';
  check: string | null;
  expectErrorSubstring?: string;
}

const manifest = JSON.parse(readFileSync(path.join(FIXTURES, 'manifest.json'), 'utf8')) as { total: number; entries: ManifestEntry[] };
const fixtures = manifest.entries.map((entry) => ({ entry, pod: fromYamlOne(readFileSync(path.join(FIXTURES, entry.file), 'utf8')) }));

function wrap(pod: K8sObject, kind: 'Pod' | 'Deployment' | 'CronJob'): K8sObject {
  const template = { metadata: { labels: { app: 'fixture' }, ...(pod.metadata?.annotations ? { annotations: pod.metadata.annotations } : {}) }, spec: pod.spec };
  if (kind === 'Pod') return pod;
  if (kind === 'Deployment') return { apiVersion: 'apps/v1', kind, metadata: { name: pod.metadata?.name }, spec: { selector: { matchLabels: { app: 'fixture' } }, template } };
  return { apiVersion: 'batch/v1', kind, metadata: { name: pod.metadata?.name }, spec: { schedule: '@hourly', jobTemplate: { spec: { template } } } };
}

/** Returns a description of the disagreement, or undefined when kubeward agrees with upstream. */
function disagreement(entry: ManifestEntry, object: K8sObject): string | undefined {
  const level = entry.level;
  const version = parseVersion(entry.version);
  if (!isLevel(level) || version === undefined) return `bad manifest entry level=${level} version=${entry.version}`;
  const result = evaluateWorkload(object, { level, version });
  if (!result) return 'no pod spec found';
  const message = formatForbiddenDetail(result.violations);
  if (entry.outcome === 'pass') return result.allowed ? undefined : `expected allowed, got: ${message}`;
  if (result.allowed) return 'expected denied, got allowed';
  if (message.includes(UNKNOWN_FORBIDDEN_REASON)) return `message has "${UNKNOWN_FORBIDDEN_REASON}": ${message}`;
  const expected = entry.expectErrorSubstring ?? '';
  return message.includes(expected) ? undefined : `expected a message containing "${expected}", got: ${message}`;
}

describe('PSA conformance fixtures', () => {
  it('covers every fixture the manifest lists', () => {
    expect(fixtures.length).toBe(manifest.total);
    expect(fixtures.length).toBe(4537);
  });

  for (const kind of ['Pod', 'Deployment', 'CronJob'] as const) {
    it(`agrees with Kubernetes on every fixture as a ${kind}`, () => {
      const failures: string[] = [];
      for (const { entry, pod } of fixtures) {
        const problem = disagreement(entry, wrap(pod, kind));
        if (problem) failures.push(`${entry.file}: ${problem}`);
      }
      const agree = fixtures.length - failures.length;
      console.log(`PSA conformance${kind === 'Pod' ? '' : ` (as ${kind})`}: ${agree}/${fixtures.length} agree`);
      expect(failures.slice(0, 20)).toEqual([]);
      expect(agree).toBe(4537);
    });
  }
});
