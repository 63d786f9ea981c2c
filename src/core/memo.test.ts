import { describe, expect, it } from 'vitest';
import { objectMemo } from './memo.js';

describe('objectMemo', () => {
  it('remembers a value per object without changing what JSON, keys or equality see', () => {
    const memo = objectMemo<object, number>('test');
    const object = { a: 1 };
    expect(memo.get(object)).toBeUndefined();
    memo.set(object, 42);
    expect(memo.get(object)).toBe(42);
    expect(memo.get({ a: 1 })).toBeUndefined();
    expect(JSON.stringify(object)).toBe('{"a":1}');
    expect(Object.keys(object)).toEqual(['a']);
    expect(object).toStrictEqual({ a: 1 });
  });

  it('replaces a value set again', () => {
    const memo = objectMemo<object, string>('test');
    const object = {};
    memo.set(object, 'old');
    memo.set(object, 'new');
    expect(memo.get(object)).toBe('new');
  });

  it('keeps values of frozen objects too, and memos do not share slots', () => {
    const first = objectMemo<object, string>('first');
    const second = objectMemo<object, string>('second');
    const frozen = Object.freeze({ b: 2 });
    first.set(frozen, 'x');
    second.set(frozen, 'y');
    expect(first.get(frozen)).toBe('x');
    expect(second.get(frozen)).toBe('y');
  });
});
