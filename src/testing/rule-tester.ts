/**
 * A strict rule tester in the style of ESLint's RuleTester: invalid cases must report exactly the listed
 * errors (messageId and, when given, path), valid cases must report nothing, messageIds must exist and
 * case names must not repeat. Cross-object rules get `objects`: the other objects of the scan.
 */
import { describe, expect, it } from 'vitest';
import type { Rule, Violation } from '../core/engine/define-rule.js';
import { indexObjects } from '../core/engine/object-index.js';
import { describeRef, refOf, type K8sObject } from '../core/k8s/object.js';

export interface ValidCase {
  name?: string;
  object: K8sObject;
  /** Other objects in the same scan (cross-object rules). */
  objects?: K8sObject[];
  options?: Record<string, unknown>;
}

export interface ExpectedError {
  messageId: string;
  path?: string;
  severity?: string;
}

export interface InvalidCase extends ValidCase {
  name: string;
  errors: ExpectedError[];
}

export interface RuleTestCases {
  valid: Array<K8sObject | ValidCase>;
  invalid: InvalidCase[];
}

export function runRule(rule: Rule, object: K8sObject, objects: K8sObject[] = [], options: Record<string, unknown> = {}): Violation[] {
  const all = objects.includes(object) ? objects : [object, ...objects];
  return rule.check(object, { objects: indexObjects(all), options: { ...(rule.defaultOptions as object), ...options } });
}

function asCase(item: K8sObject | ValidCase): ValidCase {
  return 'object' in item && typeof (item as ValidCase).object === 'object' && !('apiVersion' in item) ? (item as ValidCase) : { object: item as K8sObject };
}

export function ruleTester(rule: Rule) {
  return {
    run(cases: RuleTestCases) {
      describe(rule.id, () => {
        const names = new Set<string>();
        cases.valid.forEach((item, i) => {
          const testCase = asCase(item);
          const name = testCase.name ?? `valid #${i}: ${describeRef(refOf(testCase.object))}`;
          it(name, () => {
            expect(runRule(rule, testCase.object, testCase.objects, testCase.options)).toEqual([]);
          });
        });
        for (const testCase of cases.invalid) {
          if (names.has(testCase.name)) throw new Error(`${rule.id}: duplicate invalid case name "${testCase.name}"`);
          names.add(testCase.name);
          it(testCase.name, () => {
            expect(testCase.errors.length, 'an invalid case must list at least one error').toBeGreaterThan(0);
            for (const error of testCase.errors) {
              expect(Object.keys(rule.meta.messages), `unknown messageId ${error.messageId}`).toContain(error.messageId);
            }
            const violations = runRule(rule, testCase.object, testCase.objects, testCase.options);
            const actual = violations.map((v, i) => ({
              messageId: v.messageId,
              ...(testCase.errors[i]?.path !== undefined ? { path: v.path } : {}),
              ...(testCase.errors[i]?.severity !== undefined ? { severity: v.severity ?? rule.meta.severity } : {}),
            }));
            expect(actual).toEqual(testCase.errors);
          });
        }
      });
    },
  };
}
