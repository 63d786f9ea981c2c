import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tests as conformance } from '@bufbuild/cel-spec/testdata/conformance.js';
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../core/k8s/object.js';
import { parseManifests } from '../../core/yaml/parse.js';
import { loadPolicySet } from '../policy-set.js';
import type { ValidatorSpec } from '../validator.js';
import { compileCel } from './compile.js';
import { withBudget } from './cost.js';
import { celEnvironment } from './environment.js';
import { generatedCases, outcome, same, sameOutcome } from './expression-generator.js';
import { compileFast, GIVE_UP } from './fast.js';
import { toCel } from './values.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const LIBRARY = path.resolve(here, '../../../../shared/conformance/gatekeeper-library/library');
const SHIPPED = path.resolve(here, '../../../policies');
const site = { policy: 'fast path', field: 'expression' };

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return name.endsWith('.yaml') ? [full] : [];
  });
}

function objectsOf(file: string): K8sObject[] {
  return parseManifests(readFileSync(file, 'utf8'), file).objects.map((o) => o.object);
}

interface Corpus {
  validators: Array<{ name: string; spec: ValidatorSpec; params: unknown; presetParams: unknown }>;
  objects: K8sObject[];
}

/** Every CEL validator of the gatekeeper-library and the shipped policies, and every object their tests review. */
function policyCorpus(): Corpus {
  const validators: Corpus['validators'] = [];
  const objects: K8sObject[] = [];
  for (const dir of [LIBRARY, SHIPPED]) {
    for (const file of yamlFiles(dir)) {
      for (const object of objectsOf(file)) {
        if (object.kind === 'AdmissionReview') {
          const request = (object as any).request ?? {};
          for (const o of [request.object, request.oldObject]) if (o) objects.push(o);
        } else if (object.kind === 'PolicyTest') {
          for (const c of (object as any).cases ?? []) if (c.object && typeof c.object === 'object') objects.push(c.object);
        } else if (!['Suite', 'ConstraintTemplate', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'].includes(object.kind) && !object.apiVersion?.startsWith('constraints.gatekeeper.sh/')) {
          objects.push(object);
        }
      }
    }
  }
  for (const file of yamlFiles(LIBRARY).filter((f) => f.endsWith('template.yaml'))) {
    const set = loadPolicySet(objectsOf(file));
    const constraintFile = yamlFiles(path.dirname(file)).find((f) => f.endsWith('constraint.yaml'));
    const constraint = constraintFile ? objectsOf(constraintFile)[0] : { spec: {} };
    for (const template of set.templates.values()) {
      if (template.validator) validators.push({ name: template.name, spec: template.validator, params: toCel(constraint), presetParams: toCel((constraint as any).spec?.parameters ?? null) });
    }
  }
  for (const file of yamlFiles(SHIPPED).filter((f) => f.endsWith('policy.yaml'))) {
    const paramsFile = path.join(path.dirname(file), 'params.yaml');
    const params = yamlFiles(path.dirname(file)).includes(paramsFile) ? toCel(objectsOf(paramsFile)[0]) : null;
    for (const vap of loadPolicySet(objectsOf(file)).vaps) validators.push({ name: vap.name, spec: vap.validator, params, presetParams: undefined });
  }
  return { validators, objects };
}

describe('CEL fast path', () => {
  it('gives the results cel-js gives on every expression of the gatekeeper-library and the shipped policies', () => {
    const { env } = celEnvironment();
    const { validators, objects } = policyCorpus();
    let compared = 0;
    let fastCompleted = 0;
    const fastCompiled = new Set<string>();
    for (const { name, spec, params, presetParams } of validators) {
      const sources = [
        ...spec.matchConditions.map((c) => c.expression.source),
        ...spec.variables.map((v) => v.expression.source),
        ...spec.validations.flatMap((v) => [v.expression.source, ...(v.messageExpression ? [v.messageExpression.source] : [])]),
      ].filter((s) => s.trim() !== '');
      for (const object of objects) {
        const celObject = toCel(object);
        const variables = new Map<string, unknown>();
        if (presetParams !== undefined) {
          variables.set('anyObject', celObject);
          variables.set('params', presetParams);
        }
        const activation = {
          object: celObject,
          oldObject: celObject,
          request: { operation: 'CREATE', name: object.metadata?.name ?? '', namespace: object.metadata?.namespace ?? '', object: celObject, userInfo: { username: 'alice' } },
          params,
          namespaceObject: null,
          variables,
        };
        // User variables in order, valued by cel-js; both engines then see the same activation.
        for (const variable of spec.variables) {
          const reference = outcome(() => compileCel(variable.expression.source, site, { fastPath: false }).evaluate(activation));
          if ('value' in reference) variables.set(variable.name, reference.value);
        }
        for (const source of sources) {
          const reference = outcome(() => compileCel(source, site, { fastPath: false }).evaluate(activation));
          const viaDefault = outcome(() => compileCel(source, site).evaluate(activation));
          expect(sameOutcome(viaDefault, reference), `${name}: ${source} on ${object.kind} ${object.metadata?.name}`).toBe(true);
          compared++;
          const fast = compileFast(env.parse(source).ast);
          if (!fast) continue;
          fastCompiled.add(source);
          const result = fast(activation);
          if (result === GIVE_UP) continue;
          fastCompleted++;
          expect(sameOutcome({ value: result }, reference), `${name}: ${source} on ${object.kind} ${object.metadata?.name} (fast path)`).toBe(true);
        }
      }
    }
    console.log(`fast path: ${validators.length} validators, ${objects.length} objects, ${compared} evaluations compared, ${fastCompiled.size} expressions compiled, ${fastCompleted} evaluations completed on the fast path`);
    expect(validators.length).toBeGreaterThan(20);
    expect(objects.length).toBeGreaterThan(80);
    expect(fastCompiled.size).toBeGreaterThan(10);
    expect(fastCompleted).toBeGreaterThan(1000);
  });

  it('gives the results cel-js gives on the CEL conformance expressions without bindings', () => {
    const { env } = celEnvironment();
    const cases: Array<{ expr: string; bindings?: object; disableCheck?: boolean }> = [];
    const collect = (suite: { suites?: any[]; tests?: Array<{ original: any }> }) => {
      for (const test of suite.tests ?? []) cases.push(test.original);
      for (const child of suite.suites ?? []) collect(child);
    };
    collect(conformance as any);
    let fastCompleted = 0;
    for (const test of cases) {
      if (test.bindings && Object.keys(test.bindings).length > 0) continue;
      let ast: unknown;
      try {
        const parsed = env.parse(test.expr);
        if (!parsed.check().valid) continue;
        ast = parsed.ast;
      } catch {
        continue;
      }
      const fast = compileFast(ast);
      if (!fast) continue;
      const result = fast({});
      if (result === GIVE_UP) continue;
      fastCompleted++;
      const reference = outcome(() => compileCel(test.expr, site, { fastPath: false }).evaluate({}));
      expect(sameOutcome({ value: result }, reference), test.expr).toBe(true);
    }
    console.log(`fast path: ${fastCompleted} conformance expressions completed on the fast path`);
    expect(fastCompleted).toBeGreaterThan(100);
  });

  it('agrees with cel-js on edge cases of the values it handles', () => {
    const variables = new Map<string, unknown>([['names', ['a', 'b']], ['limit', 2n]]);
    const activation = {
      object: { s: '😀é', labels: { a: 'x', 'b.c/d': '' }, list: ['a', 'b'], ints: [1n, 2n], nested: { on: true }, empty: {} },
      variables,
    };
    const expressions = [
      'size(object.s) == 2 && object.s.size() == 2',
      "object.s > 'z' && 'é' < object.s",
      "'b.c/d' in object.labels && !('c' in object.labels) && 'a' in object.list",
      "has(object.labels.a) && !has(object.labels.z) && !has(object.empty.x)",
      'size(object.labels) == 2 && size(object.empty) == 0 && size(object.list) == 2',
      "object.?nested.?on.orValue(false) && !object.?nested.?off.orValue(false) && object.?missing.hasValue() == false",
      'variables.names.exists_one(n, n == "a") && size(variables.names) == variables.limit',
      'object.ints.map(i, i + 1)',
      'object.list.map(x, x == "a", x + "!")',
      "object.labels['b.c/d'] == '' && object.list[1] == 'b'",
      'object.ints.all(i, i > 0) ? object.s : "no"',
      "object.s.startsWith('😀') && object.s.endsWith('é') && object.s.contains('😀é')",
      "object.s.matches('^.é$') && !object.s.matches('^..é$')",
      'null == null && true != false && 2 >= object.ints[1]',
      "'a' in [] || 'a' in [1, 'a'] && 2 in object.ints && !(true in object.list)",
      "object.list.join() + object.list.join(', ') + string(object.ints[0]) + string(true) + dyn(object.s)",
      "size(object.list.filter(x, x != 'a') + object.ints.filter(i, i > 5)) == 1 && object.list.filter(x, x == 'b')[0] == 'b'",
      "{'name': object.s, 'n': object.ints[0], '__proto__': 1, 'constructor': 2, 'name': 'last'}",
      "object.s.upperAscii() + 'ÄB'.lowerAscii() + ' x '.trim()",
      "'a/b//c'.split('/') + 'abc'.split('') + ''.split(',')",
      "'a*b*'.replace('*', '') + 'aaa'.replace('', '-') + object.s.replace('é', 'e')",
      'object.ints[1] - object.ints[0] - 3 == -2 && -object.ints[0] < 0',
    ];
    for (const expression of expressions) {
      const fast = compileCel(expression, site).evaluate(activation);
      expect(same(fast, compileCel(expression, site, { fastPath: false }).evaluate(activation)), expression).toBe(true);
      // compileCel reroutes matches to RE2 before the fast path compiles; a bare parse does not.
      if (!expression.includes('matches')) expect(compileFast(celEnvironment().env.parse(expression).ast), expression).toBeDefined();
    }
  });

  it('agrees with cel-js on generated expressions over generated objects', () => {
    const cases = generatedCases(20261128, 1500);
    let compared = 0;
    let fastCompleted = 0;
    for (const { source, objects, variable } of cases) {
      let program;
      let reference;
      try {
        program = compileCel(source, site);
        reference = compileCel(source, site, { fastPath: false });
      } catch {
        continue;
      }
      const fast = compileFast(celEnvironment().env.parse(source).ast);
      for (const object of objects) {
        const activation = { object: toCel(object), variables: new Map<string, unknown>([['v', toCel(variable)]]) };
        const expected = outcome(() => reference.evaluate(activation));
        expect(sameOutcome(outcome(() => program.evaluate(activation)), expected), source).toBe(true);
        compared++;
        const result = fast?.(activation);
        if (result === undefined || result === GIVE_UP) continue;
        fastCompleted++;
        expect(sameOutcome({ value: result }, expected), `${source} (fast path)`).toBe(true);
      }
    }
    console.log(`fast path: ${compared} generated evaluations compared, ${fastCompleted} completed on the fast path`);
    expect(fastCompleted).toBeGreaterThan(500);
  });

  it('gives up, leaving cel-js to decide, on what it does not handle exactly', () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['object.missing == 1', { object: {} }],
      ["object.x == 'a'", { object: { x: 1n } }],
      ['object.x < 2', { object: { x: 1.5 } }],
      ['object.x in object.list', { object: { x: 1.5, list: [1.5] } }],
      ["object.list.join(',')", { object: { list: ['a', 1n] } }],
      ['string(object.x)', { object: { x: 1.5 } }],
      ['object.list.all(x, x)', { object: { list: [true, 1n] } }],
      ['object.map.all(k, true)', { object: { map: { a: 1n } } }],
      ['object.x + 1 > 0', { object: { x: 9223372036854775807n } }],
      ['object.x - 1 < 0', { object: { x: -9223372036854775808n } }],
      ['has(object.x.y)', { object: { x: 'text' } }],
      ['object.?x.?y.orValue(1) == 1', { object: { x: 'text' } }],
    ];
    for (const [expression, activation] of cases) {
      const fast = compileFast(celEnvironment().env.parse(expression).ast);
      expect(fast, expression).toBeDefined();
      expect(fast!(activation), expression).toBe(GIVE_UP);
      expect(sameOutcome(outcome(() => compileCel(expression, site).evaluate(activation)), outcome(() => compileCel(expression, site, { fastPath: false }).evaluate(activation))), expression).toBe(true);
    }
  });

  it('stops a runaway comprehension with the cost bound, as cel-js does', () => {
    const runaway = 'object.list.all(x, object.list.all(y, true))';
    const activation = { object: { list: Array.from({ length: 2000 }, () => 1n) } };
    expect(compileFast(celEnvironment().env.parse(runaway).ast)).toBeDefined();
    expect(() => compileCel(runaway, site).evaluate(activation)).toThrow(/cost limit exceeded/);
    for (const fastPath of [true, false]) {
      const program = compileCel('object.list.all(x, true)', site, { fastPath });
      expect(() => program.evaluate(activation, { cost: 1999 })).toThrow(/cost limit exceeded/);
      expect(program.evaluate(activation, { cost: 2000 })).toBe(true);
    }
  });
});

describe('CEL fast path code generation', () => {
  const parse = (expression: string) => celEnvironment().env.parse(expression).ast;

  /** Runs the fast path alone and cel-js alone; the fast path must complete and agree. */
  const expectSame = (expression: string, activation: Record<string, unknown>) => {
    const fast = compileFast(parse(expression));
    expect(fast, expression).toBeDefined();
    const result = fast!(activation);
    expect(result, expression).not.toBe(GIVE_UP);
    expect(same(result, compileCel(expression, site, { fastPath: false }).evaluate(activation)), expression).toBe(true);
    return result;
  };

  it('embeds keys and strings of the policy as data, never as code', () => {
    const hostile = ['"', "'", '\\', '*/', '/*', '\u2028', '\u2029', '${globalThis.pwned = 1}', '`', '"); globalThis.pwned = 1; ("', '__proto__', 'constructor', 'prototype', 'toString', '\ud83d\ude00'];
    // A CEL string literal for each: every character as a \u escape, so the CEL source itself is harmless.
    const cel = (text: string) => `'${[...text].map((ch) => {
      const point = ch.codePointAt(0)!;
      return point > 0xffff ? `\\U${point.toString(16).padStart(8, '0')}` : `\\u${point.toString(16).padStart(4, '0')}`;
    }).join('')}'`;
    // An own `constructor` key makes a map one the fast path leaves to cel-js (isPlainMap), so it is tried apart.
    const fields = hostile.filter((key) => key !== 'constructor');
    const object = toCel(JSON.parse(JSON.stringify(Object.fromEntries(fields.map((key) => [key, `value of ${key}`])))));
    for (const key of fields) {
      expectSame(`object[${cel(key)}] == ${cel(`value of ${key}`)}`, { object });
      expectSame(`${cel(key)} in object && object.?nested.orValue(${cel(key)}) + ${cel(key)} != ''`, { object });
      const map = expectSame(`{${cel(key)}: ${cel(key)}, 'k': [${cel(key)}]}`, { object }) as Record<string, unknown>;
      expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    }
    // As identifiers after a dot: `__proto__` and `constructor` are own keys of the object here.
    expectSame('has(object.__proto__) && object.__proto__ == "value of __proto__" && !has(object.constructor)', { object });
    expectSame('object.?__proto__.orValue("none") + object.?prototype.orValue("none") + object.?constructor.orValue("none")', { object });
    const withConstructor = { object: toCel(JSON.parse('{"constructor": "c"}')) };
    for (const expression of ['object.constructor', '{}.constructor', "{'constructor': 1}.constructor"]) {
      expect(compileFast(parse(expression))!(withConstructor), expression).toBe(GIVE_UP);
      expect(sameOutcome(outcome(() => compileCel(expression, site).evaluate(withConstructor)), outcome(() => compileCel(expression, site, { fastPath: false }).evaluate(withConstructor))), expression).toBe(true);
    }
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it('keeps comprehension variables apart when nested comprehensions reuse a name', () => {
    const cases: Array<[string, unknown]> = [
      ['[[1, 2], [3]].map(x, x.map(x, x + 1))', [[2n, 3n], [4n]]],
      // The outer x is the outer element again once the inner comprehension is done.
      ['[1, 2].map(x, [10, 20].map(x, x).size() + x)', [3n, 4n]],
      ['[1, 2].all(x, [x].exists(y, y == x) && [3].all(x, x == 3) && x < 3)', true],
      ["['a', 'b'].exists_one(x, ['b'].exists(x, x == 'b') && x == 'a')", true],
      ['[1].map(x, x) + [2].map(x, x + x)', [1n, 4n]],
      ['[1, 2].filter(x, [x, 5].map(y, [y].map(x, x * 1 + 0)).size() == 2)', undefined],
      ['[1, 2].map(object, object + 1)', [2n, 3n]],
      ["[['a'], ['b', 'c']].map(x, x.map(y, x.size()).size() > 1, x.join('-'))", ['b-c']],
    ];
    for (const [expression, expected] of cases) {
      if (expected === undefined) {
        // `*` is not on the fast path: the whole expression is cel-js'.
        expect(compileFast(parse(expression)), expression).toBeUndefined();
        continue;
      }
      expect(same(expectSame(expression, { object: {} }), expected), expression).toBe(true);
    }
  });

  it('reads lazy variables in the order cel-js reads them, and only those it reads', () => {
    const recording = (log: string[]) => {
      const variables = new Map<string, unknown>([['a', 'xa'], ['b', 'b'], ['c', 'c'], ['t', true], ['f', false], ['l', ['x', 'b']], ['m', { k: 'v' }]]);
      variables.get = (name: string) => {
        log.push(name);
        return Map.prototype.get.call(variables, name);
      };
      return variables;
    };
    const cases: Array<[string, string]> = [
      ['[variables.a, variables.b, variables.c]', 'c,b,a'],
      ['variables.a + variables.b == variables.c', 'a,b,c'],
      ["{'x': variables.a, 'y': variables.b}", 'a,b'],
      ['variables.a.startsWith(variables.b)', 'b,a'],
      ['variables.a.split(variables.b)', 'b,a'],
      ['variables.a.replace(variables.b, variables.c)', 'c,b,a'],
      ['variables.l.join(variables.b)', 'b,l'],
      ["variables.t && variables.a == 'x'", 't,a'],
      ["variables.f && variables.a == 'x'", 'f'],
      ["variables.t || variables.a == 'x'", 't'],
      ['variables.f ? variables.a : variables.b', 'f,b'],
      ['variables.m.?k.orValue(variables.a)', 'm'],
      ['variables.m.?z.orValue(variables.a)', 'm,a'],
      ['variables.l.exists(x, x == variables.b)', 'l,b,b'],
      ['variables.l.map(x, x == variables.b, variables.c)', 'l,b,b,c'],
      ['variables.a in variables.l', 'a,l'],
    ];
    for (const [expression, order] of cases) {
      const fastLog: string[] = [];
      const celLog: string[] = [];
      const result = compileFast(parse(expression))!({ variables: recording(fastLog) });
      expect(same(result, compileCel(expression, site, { fastPath: false }).evaluate({ variables: recording(celLog) })), expression).toBe(true);
      expect(fastLog.join(), expression).toBe(order);
      expect(celLog.join(), expression).toBe(order);
    }
  });

  it('charges one cost unit per comprehension step, as cel-js does', () => {
    const activation = { object: { list: [1n, 2n, 3n], names: ['a', 'b'] } };
    const expressions = [
      'object.list.all(x, object.list.exists(y, y == x))',
      "object.list.map(x, object.names.exists(n, n != 'a'), x).size() == 3 && object.names.exists_one(n, n == 'b')",
      'object.list.filter(x, x > 1).map(x, object.list.map(x, x + 1)).size() == 2',
      '[object.list.all(x, x > 2), object.names.map(n, [n].exists(m, false))].size() == 2',
    ];
    // The least budget each engine completes within; the fast path gives up (and cel-js runs) past its budget.
    const leastBudget = (run: (cost: number) => boolean) => {
      let cost = 0;
      while (!run(cost)) cost++;
      return cost;
    };
    for (const expression of expressions) {
      const fast = compileFast(parse(expression))!;
      const reference = compileCel(expression, site, { fastPath: false });
      const fastCost = leastBudget((cost) => withBudget({ cost }, fast, activation, false) !== GIVE_UP);
      const celCost = leastBudget((cost) => 'value' in outcome(() => reference.evaluate(activation, { cost })));
      expect(fastCost, expression).toBe(celCost);
      expect(fastCost, expression).toBeGreaterThan(2);
    }
  });

  it('leaves an expression too large to compile sensibly to cel-js', () => {
    const sizeOfList = (items: number) => `[${Array.from({ length: items }, (_, i) => `object.f${i % 7}`).join(', ')}].size()`;
    const activation = { object: Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`f${i}`, 1n])) };
    expect(compileFast(parse(sizeOfList(60)))!(activation)).toBe(60n);
    expect(compileFast(parse(sizeOfList(600)))).toBeUndefined();
    expect(compileCel(sizeOfList(600), site).evaluate(activation)).toBe(600n);
  });
});
