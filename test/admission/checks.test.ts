/**
 * The admission check runner gives exactly what runRules gives, object by object (findings in order, with ids,
 * severities, messages and paths, and RULE_CRASHED diagnostics), on a corpus of every workload kind, hardened and
 * with risky tweaks, the example manifests and malformed objects, with every check enabled, and with rules that crash.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexObjects } from '../../src/core/engine/object-index.js';
import { runRules } from '../../src/core/engine/run.js';
import { defineRule } from '../../src/core/engine/define-rule.js';
import { createRegistry } from '../../src/core/engine/registry.js';
import type { Diagnostic } from '../../src/core/finding.js';
import type { K8sObject } from '../../src/core/k8s/object.js';
import { builtinRegistry, builtinRules } from '../../src/rules/index.js';
import { prepareChecks } from '../../src/server/admission/checks.js';
import { asWorkload, fromYaml, pod, WORKLOAD_WRAPPERS } from '../../src/testing/fixtures.js';
import { REPO_ROOT } from './helpers.js';

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return yamlFilesUnder(full);
    return /\.ya?ml$/.test(entry) ? [full] : [];
  });
}

/** The stack trace differs by caller; everything else must match. */
const withoutCause = (diagnostic: Diagnostic) => ({ ...diagnostic, cause: undefined });

function corpus(): K8sObject[] {
  const tweaks: Array<(p: Record<string, any>) => void> = [
    () => {},
    (p) => { p.spec.containers[0].securityContext = { privileged: true, capabilities: { add: ['SYS_ADMIN', 'NET_RAW'] } }; },
    (p) => { p.spec.hostNetwork = true; p.spec.hostPID = true; p.spec.containers[0].ports[0].hostPort = 80; },
    (p) => { p.spec.containers[0].image = 'nginx'; delete p.spec.containers[0].resources; },
    (p) => { p.spec.volumes = [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }]; },
    (p) => { p.spec.containers[0].env = [{ name: 'DB_PASSWORD', value: 'x' }]; },
  ];
  const objects: K8sObject[] = [];
  for (const tweak of tweaks) for (const kind of WORKLOAD_WRAPPERS) objects.push(asWorkload(pod(tweak), kind));
  for (const file of yamlFilesUnder(path.join(REPO_ROOT, 'examples'))) {
    try {
      objects.push(...fromYaml(readFileSync(file, 'utf8')));
    } catch {
      // Examples of broken YAML are not objects.
    }
  }
  // Malformed objects make rules crash: the crash reports must agree too.
  objects.push(
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'broken' }, spec: { containers: 'app' } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'broken' }, spec: { template: { spec: { containers: [null, 7] } } } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'broken' }, spec: { ports: 'all' } },
  );
  return objects;
}

describe('prepareChecks', () => {
  const registry = builtinRegistry();
  const settings = [
    ['default settings', {}],
    ['every check enabled', Object.fromEntries(registry.rules.map((rule) => [rule.id, { enabled: true }]))],
    ['severity overrides', { privileged: { severity: 'low' as const }, 'host-ports': { enabled: false } }],
  ] as const;

  it.each(settings)('matches runRules object by object with %s', (_, rules) => {
    const objects = corpus();
    expect(objects.length).toBeGreaterThan(60);
    const prepared = prepareChecks(registry, rules);
    let findings = 0;
    let crashes = 0;
    for (const object of objects) {
      const index = indexObjects([object]);
      const expected = runRules(registry, [object], { rules, index });
      const actual = prepared.run(object, index);
      expect(actual.findings).toEqual(expected.findings);
      expect(actual.diagnostics.map(withoutCause)).toEqual(expected.diagnostics.map(withoutCause));
      findings += actual.findings.length;
      crashes += actual.diagnostics.length;
    }
    expect(findings).toBeGreaterThan(100);
    expect(crashes).toBe(0);
  });

  it('reports crashes exactly as runRules does (a throwing rule, an unknown messageId), keeping earlier findings', () => {
    const throwing = defineRule({
      id: 'test-throws',
      meta: { title: 't', category: 'hygiene', severity: 'high', description: 'd', remediation: 'r', messages: { bad: 'bad {{name}}' }, appliesTo: 'all' },
      check(object) {
        if (object.metadata?.name === 'broken') throw new TypeError('cannot read the spec');
        return [{ messageId: 'bad', data: { name: object.metadata?.name } }];
      },
    });
    const unknownMessage = defineRule({
      id: 'test-unknown-message',
      meta: { title: 't', category: 'hygiene', severity: 'low', description: 'd', remediation: 'r', messages: { known: 'known' }, appliesTo: ['Pod'] },
      check: () => [{ messageId: 'known' }, { messageId: 'missing' as 'known' }],
    });
    const registry = createRegistry([...builtinRules, throwing, unknownMessage]);
    const prepared = prepareChecks(registry, {});
    let crashes = 0;
    for (const object of corpus()) {
      const index = indexObjects([object]);
      const expected = runRules(registry, [object], { index });
      const actual = prepared.run(object, index);
      expect(actual.findings).toEqual(expected.findings);
      expect(actual.diagnostics.map(withoutCause)).toEqual(expected.diagnostics.map(withoutCause));
      crashes += actual.diagnostics.length;
    }
    expect(crashes).toBeGreaterThan(10);
  });
});
