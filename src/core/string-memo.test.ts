import { describe, expect, it } from 'vitest';
import { memoizeByString } from './string-memo.js';

describe('memoizeByString', () => {
  it('computes each distinct text once, remembers undefined results too, and freezes shared objects', () => {
    const calls: string[] = [];
    const parse = memoizeByString((text: string) => {
      calls.push(text);
      return text === 'bad' ? undefined : { length: text.length };
    });
    expect(parse('abc')).toEqual({ length: 3 });
    expect(parse('abc')).toBe(parse('abc'));
    expect(Object.isFrozen(parse('abc'))).toBe(true);
    expect(parse('bad')).toBeUndefined();
    expect(parse('bad')).toBeUndefined();
    expect(calls).toEqual(['abc', 'bad']);
  });

  it('starts over past its limit instead of growing', () => {
    let calls = 0;
    const square = memoizeByString((text: string) => {
      calls++;
      return Number(text) ** 2;
    }, 3);
    for (const text of ['1', '2', '3', '4', '1']) square(text);
    expect(calls).toBe(5);
    expect(square('1')).toBe(1);
    expect(calls).toBe(5);
  });
});
