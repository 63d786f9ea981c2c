import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { jsonEqual } from './json-equal.js';

describe('jsonEqual', () => {
  const cases: Array<[unknown, unknown]> = [
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }],
    [{ a: 1 }, { a: 1, b: 2 }],
    [{ a: 1, b: 2 }, { a: 1 }],
    [{ a: undefined }, {}],
    [[1, 2], [2, 1]],
    [[1, 2], { 0: 1, 1: 2 }],
    [{ 0: 1, 1: 2 }, [1, 2]],
    [null, {}],
    [{}, null],
    [1, '1'],
    [NaN, NaN],
    [{ httpGet: { path: '/healthz', port: 8080 } }, { httpGet: { path: '/ready', port: 8080 } }],
    [{ exec: { command: ['a', 'b'] } }, { exec: { command: ['a', 'b'] } }],
  ];
  it.each(cases)('agrees with isDeepStrictEqual on %j vs %j', (a, b) => {
    expect(jsonEqual(a, b)).toBe(isDeepStrictEqual(a, b));
  });
});
