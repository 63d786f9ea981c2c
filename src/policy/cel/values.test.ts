/** toCel: integers become bigints; what holds none is shared, not copied; the input is never changed. */
import { describe, expect, it } from 'vitest';
import { toCel } from './values.js';

describe('toCel', () => {
  it('converts integral numbers to bigint at any depth and leaves other numbers', () => {
    expect(toCel({ a: 1, b: [2, 2.5, { c: -3 }], d: 'x' })).toEqual({ a: 1n, b: [2n, 2.5, { c: -3n }], d: 'x' });
    expect(toCel(2 ** 60)).toBe(BigInt(2 ** 60));
  });

  it('returns objects and arrays with no integer inside as they are, and copies only the way to an integer', () => {
    const labels = { app: 'web', team: 'shop' };
    const env = [{ name: 'A', value: 'x' }];
    const ports = [{ containerPort: 8080 }];
    const container = { name: 'app', env, ports };
    const spec = { containers: [container], enableServiceLinks: false };
    const converted = toCel({ metadata: { labels }, spec }) as any;
    expect(converted.metadata.labels).toBe(labels);
    expect(converted.spec.containers[0].env).toBe(env);
    expect(converted.spec).not.toBe(spec);
    expect(converted.spec.containers[0]).not.toBe(container);
    expect(converted.spec.containers[0].ports[0].containerPort).toBe(8080n);
    // The input is unchanged.
    expect(ports[0].containerPort).toBe(8080);
    expect(spec.containers[0]).toBe(container);
    // Keys keep their order in a copy.
    expect(Object.keys(converted.spec.containers[0])).toEqual(['name', 'env', 'ports']);
  });

  it('keeps "__proto__" an ordinary key, drops undefined values and writes dates as text', () => {
    const parsed = JSON.parse('{"__proto__": {"n": 1}, "s": "x"}');
    const converted = toCel(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(converted)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(converted, '__proto__')?.value).toEqual({ n: 1n });
    expect(toCel({ a: undefined, b: 'x' })).toEqual({ b: 'x' });
    expect(Object.keys(toCel({ a: 'x', b: undefined }) as object)).toEqual(['a']);
    expect(toCel({ at: new Date('2026-01-01T00:00:00Z') })).toEqual({ at: '2026-01-01T00:00:00.000Z' });
  });

  it('copies a class instance into a plain map as before', () => {
    class Point {
      constructor(readonly x: string) {}
    }
    const converted = toCel(new Point('a'));
    expect(converted).toEqual({ x: 'a' });
    expect(Object.getPrototypeOf(converted)).toBe(Object.prototype);
  });
});
