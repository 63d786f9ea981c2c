/**
 * Runs the cel-spec conformance data shipped by @bufbuild/cel-spec (cel-spec v0.25.1) through our engine, for
 * the feature files policies rely on, and prints the pass count per file. The floor is what this engine
 * reaches today; raise it when the engine improves.
 */
import { tests as conformance } from '@bufbuild/cel-spec/testdata/conformance.js';
import { Optional } from '@marcbachmann/cel-js';
import { describe, expect, it } from 'vitest';
import { CelCompileError, compileCel } from './compile.js';
import { celEquals } from './lib/compare.js';

/** The files covering what policies use; proto, enum and wrapper files need protobuf messages we do not model. */
const FILES = ['basic', 'comparisons', 'conversions', 'fp_math', 'integer_math', 'lists', 'logic', 'macros', 'parse', 'plumbing', 'string', 'string_ext', 'timestamps', 'optionals', 'macros2', 'namespace', 'dynamic'];

/** Passing cases with the environment of Kubernetes 1.34, measured when this test was written. */
const PASS_FLOOR = 1165;

interface SimpleTest {
  name?: string;
  expr: string;
  disableCheck?: boolean;
  container?: string;
  bindings?: Record<string, { value?: Record<string, any> }>;
  value?: Record<string, any>;
  evalError?: unknown;
  typedResult?: { result?: Record<string, any> };
  checkOnly?: boolean;
}

class Unsupported extends Error {}

/** cel.expr.Value (protobuf JSON) -> the JS value cel-js produces. */
function fromProtoValue(value: Record<string, any>): unknown {
  if ('int64Value' in value) return BigInt(value.int64Value);
  if ('uint64Value' in value) return { uint: BigInt(value.uint64Value) };
  if ('doubleValue' in value) return typeof value.doubleValue === 'string' ? Number(value.doubleValue.replace('Infinity', 'Infinity')) : value.doubleValue;
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return value.boolValue;
  if ('nullValue' in value) return null;
  if ('bytesValue' in value) return new Uint8Array(Buffer.from(value.bytesValue, 'base64'));
  if ('listValue' in value) return (value.listValue.values ?? []).map(fromProtoValue);
  if ('mapValue' in value) return new Map((value.mapValue.entries ?? []).map((e: any) => [fromProtoValue(e.key), fromProtoValue(e.value)]));
  if ('typeValue' in value) return { type: value.typeValue };
  throw new Unsupported(`value kind ${Object.keys(value).join(',')}`);
}

function sameValue(actual: unknown, wanted: unknown): boolean {
  if (wanted !== null && typeof wanted === 'object' && 'uint' in (wanted as object)) {
    return actual !== null && typeof actual === 'object' && (actual as object).constructor?.name === 'UnsignedInt' && (actual as { value: bigint }).value === (wanted as { uint: bigint }).uint;
  }
  if (wanted !== null && typeof wanted === 'object' && 'type' in (wanted as object) && !(wanted instanceof Map)) {
    return String((actual as { name?: string })?.name ?? actual) === (wanted as { type: string }).type;
  }
  if (typeof wanted === 'bigint') return typeof actual === 'bigint' && actual === wanted;
  if (typeof wanted === 'number') return typeof actual === 'number' && (Number.isNaN(wanted) ? Number.isNaN(actual) : actual === wanted);
  if (Array.isArray(wanted)) return Array.isArray(actual) && actual.length === wanted.length && wanted.every((w, i) => sameValue(actual[i], w));
  if (wanted instanceof Map) {
    const entries = actual instanceof Map ? [...actual] : actual !== null && typeof actual === 'object' ? Object.entries(actual) : undefined;
    if (!entries || entries.length !== wanted.size) return false;
    return [...wanted].every(([k, v]) => entries.some(([ak, av]) => celEquals(ak, k) && sameValue(av, v)));
  }
  if (actual instanceof Optional) return false;
  return celEquals(actual, wanted);
}

function collect(suite: { name: string; suites?: any[]; tests?: Array<{ original: SimpleTest }> }, into: SimpleTest[]): void {
  for (const test of suite.tests ?? []) into.push(test.original);
  for (const child of suite.suites ?? []) collect(child, into);
}

const RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

function runOne(test: SimpleTest, variables: readonly string[]): 'pass' | 'fail' | 'unsupported' {
  try {
    if (test.container) throw new Unsupported('containers');
    const activation: Record<string, unknown> = {};
    for (const [name, binding] of Object.entries(test.bindings ?? {})) {
      if (!binding.value) throw new Unsupported('unbound value');
      activation[name] = fromProtoValue(binding.value);
    }
    const expected = test.value ?? test.typedResult?.result;
    const wanted = expected ? fromProtoValue(expected) : undefined;
    let actual: unknown;
    try {
      actual = compileCel(test.expr, { policy: 'conformance', field: test.name ?? test.expr }, { variables }).evaluate(activation);
    } catch (error) {
      if (error instanceof Unsupported) throw error;
      return test.evalError !== undefined || (error instanceof CelCompileError && test.evalError !== undefined) ? 'pass' : 'fail';
    }
    if (test.evalError !== undefined) return 'fail';
    if (test.checkOnly) return 'pass';
    if (wanted === undefined) return actual === true ? 'pass' : 'fail';
    return sameValue(actual, wanted) ? 'pass' : 'fail';
  } catch (error) {
    if (error instanceof Unsupported) return 'unsupported';
    return 'fail';
  }
}

describe('cel-spec conformance (@bufbuild/cel-spec)', () => {
  it(`passes at least ${PASS_FLOOR} cases of the files policies use`, () => {
    const byFile = new Map<string, SimpleTest[]>();
    for (const file of conformance.suites ?? []) {
      if (!FILES.includes(file.name)) continue;
      const tests: SimpleTest[] = [];
      collect(file as any, tests);
      byFile.set(file.name, tests);
    }
    const names = new Set<string>();
    for (const tests of byFile.values()) {
      for (const test of tests) for (const name of Object.keys(test.bindings ?? {})) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name)) names.add(name);
    }
    const variables = [...names].sort();
    let passed = 0;
    let total = 0;
    const lines: string[] = [];
    for (const [file, tests] of byFile) {
      const counts = { pass: 0, fail: 0, unsupported: 0 };
      for (const test of tests) counts[runOne(test, variables)]++;
      passed += counts.pass;
      total += tests.length;
      lines.push(`${file.padEnd(14)} ${String(counts.pass).padStart(4)} / ${String(tests.length).padEnd(4)} (${counts.unsupported} need protobuf messages or containers)`);
    }
    console.log(`cel-spec conformance, ${FILES.length} files:\n${lines.join('\n')}\nCEL conformance: ${passed} of ${total} cases pass`);
    expect(byFile.size).toBe(FILES.length);
    expect(passed).toBeGreaterThanOrEqual(PASS_FLOOR);
  });
});
