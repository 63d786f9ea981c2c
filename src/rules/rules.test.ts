/**
 * Registry-wide checks: id = folder = file stem, every rule has a doc with the required sections and
 * matching front-matter, and the doc's `fail` examples find something while its `pass` examples find nothing.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRegistry, builtinRules } from './index.js';
import { readRuleDoc, REQUIRED_DOC_SECTIONS } from '../io/rule-docs.js';
import { fromYaml, runRule } from '../testing/index.js';

const rulesDir = path.dirname(new URL(import.meta.url).pathname);

describe('rule registry', () => {
  it('validates and has unique ids', () => {
    expect(builtinRegistry().rules.length).toBe(builtinRules.length);
  });

  it('registers every rule folder exactly once', () => {
    const folders = readdirSync(rulesDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'groups')
      .map((entry) => entry.name)
      .sort();
    expect(builtinRules.map((rule) => rule.id).sort()).toEqual(folders);
  });

  for (const rule of builtinRules) {
    describe(rule.id, () => {
      it('lives in its own folder with rule, test and doc', () => {
        for (const suffix of ['.rule.ts', '.test.ts', '.md']) {
          expect(existsSync(path.join(rulesDir, rule.id, `${rule.id}${suffix}`)), `${rule.id}${suffix}`).toBe(true);
        }
      });

      it('has a doc with the required sections in order', () => {
        const doc = readRuleDoc(rule.id);
        expect(doc).toBeDefined();
        expect(doc!.id).toBe(rule.id);
        expect(doc!.title).toBe(rule.meta.title);
        expect([...doc!.sections.keys()]).toEqual([...REQUIRED_DOC_SECTIONS]);
        expect(doc!.examples.some((e) => e.expect === 'fail'), 'at least one fail example').toBe(true);
        expect(doc!.examples.some((e) => e.expect === 'pass'), 'at least one pass example').toBe(true);
        expect(doc!.sections.get('How to fix')).toMatch(/```yaml/);
        expect(rule.meta.references?.length ?? 0).toBeGreaterThan(0);
      });

      it('behaves as its doc examples say', () => {
        const doc = readRuleDoc(rule.id)!;
        for (const example of doc.examples) {
          const objects = fromYaml(example.yaml);
          const violations = objects.flatMap((object) => runRule(rule, object, objects, example.options));
          if (example.expect === 'fail') expect(violations.length, `fail example:\n${example.yaml}`).toBeGreaterThan(0);
          else expect(violations, `pass example:\n${example.yaml}`).toEqual([]);
        }
      });
    });
  }
});
