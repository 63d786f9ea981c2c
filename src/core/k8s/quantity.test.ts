import { describe, expect, it } from 'vitest';
import { parseQuantity } from './quantity.js';

describe('parseQuantity', () => {
  it.each([
    ['100m', 0.1], ['0.1', 0.1], ['2', 2], [2, 2], ['1.5Gi', 1.5 * 2 ** 30], ['128Mi', 128 * 2 ** 20],
    ['1k', 1000], ['1M', 1e6], ['1e3', 1000], ['128974848', 128974848], ['500u', 0.0005],
  ] as const)('%s', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 9);
  });

  it.each(['', 'abc', '1 Gi', '1GB', '--1'])('rejects %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});
