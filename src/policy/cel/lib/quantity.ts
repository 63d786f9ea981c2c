/**
 * The Kubernetes quantity library (1.28+): `quantity("500m")`, `isQuantity`, and exact arithmetic and
 * comparison. Values are kept as an exact decimal (bigint mantissa × 10^-scale), so `1Gi` and `1073741824`
 * compare equal and nothing is rounded.
 */
import { EvaluationError, type Environment } from '@marcbachmann/cel-js';

const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const MAX_INT64 = 9223372036854775807n;
const MIN_INT64 = -9223372036854775808n;

export class Quantity {
  constructor(
    readonly mantissa: bigint,
    readonly scale: number,
    readonly text: string,
  ) {}

  /** Both values on the same scale. */
  static align(a: Quantity, b: Quantity): [bigint, bigint] {
    const scale = Math.max(a.scale, b.scale);
    return [a.mantissa * 10n ** BigInt(scale - a.scale), b.mantissa * 10n ** BigInt(scale - b.scale)];
  }

  compare(other: Quantity): number {
    const [a, b] = Quantity.align(this, other);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  isInteger(): boolean {
    return this.scale <= 0 || this.mantissa % 10n ** BigInt(this.scale) === 0n;
  }

  plus(other: Quantity, sign: bigint): Quantity {
    const [a, b] = Quantity.align(this, other);
    return new Quantity(a + sign * b, Math.max(this.scale, other.scale), '');
  }

  toNumber(): number {
    return Number(this.mantissa) / 10 ** this.scale;
  }
}

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

export function parseQuantity(text: string): Quantity | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, number, suffix = ''] = match;
  const negative = number.startsWith('-');
  const digits = number.replace(/^[+-]/, '');
  const [whole, fraction = ''] = digits.split('.');
  let mantissa = BigInt(`${whole || '0'}${fraction}`) * (negative ? -1n : 1n);
  let scale = fraction.length;
  if (suffix in BINARY) mantissa *= BINARY[suffix];
  else {
    const exponent = suffix in DECIMAL ? DECIMAL[suffix] : Number(suffix.slice(1));
    if (Math.abs(exponent) > 1000) return undefined;
    scale -= exponent;
  }
  if (scale < 0) {
    mantissa *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return new Quantity(mantissa, scale, text);
}

function toQuantity(value: Quantity | bigint): Quantity {
  return typeof value === 'bigint' ? new Quantity(value, 0, '') : value;
}

export function registerQuantity(env: Environment): void {
  env.registerType('kubernetes.Quantity', Quantity);
  env.registerFunction('quantity(string): kubernetes.Quantity', (text: string) => {
    const quantity = parseQuantity(text);
    if (!quantity) throw new EvaluationError(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
    return quantity;
  });
  env.registerFunction('isQuantity(string): bool', (text: string) => parseQuantity(text) !== undefined);
  env.registerFunction('kubernetes.Quantity.isInteger(): bool', (q: Quantity) => q.isInteger());
  env.registerFunction('kubernetes.Quantity.asInteger(): int', (q: Quantity) => {
    if (!q.isInteger()) throw new EvaluationError('cannot convert value to integer: value is not an integer');
    const value = q.scale <= 0 ? q.mantissa : q.mantissa / 10n ** BigInt(q.scale);
    if (value > MAX_INT64 || value < MIN_INT64) throw new EvaluationError('cannot convert value to integer: out of range');
    return value;
  });
  env.registerFunction('kubernetes.Quantity.asApproximateFloat(): double', (q: Quantity) => q.toNumber());
  env.registerFunction('kubernetes.Quantity.sign(): int', (q: Quantity) => BigInt(q.mantissa > 0n ? 1 : q.mantissa < 0n ? -1 : 0));
  env.registerFunction('kubernetes.Quantity.add(kubernetes.Quantity): kubernetes.Quantity', (q: Quantity, other: Quantity) => q.plus(other, 1n));
  env.registerFunction('kubernetes.Quantity.add(int): kubernetes.Quantity', (q: Quantity, other: bigint) => q.plus(toQuantity(other), 1n));
  env.registerFunction('kubernetes.Quantity.sub(kubernetes.Quantity): kubernetes.Quantity', (q: Quantity, other: Quantity) => q.plus(other, -1n));
  env.registerFunction('kubernetes.Quantity.sub(int): kubernetes.Quantity', (q: Quantity, other: bigint) => q.plus(toQuantity(other), -1n));
  env.registerFunction('kubernetes.Quantity.isGreaterThan(kubernetes.Quantity): bool', (q: Quantity, other: Quantity) => q.compare(other) > 0);
  env.registerFunction('kubernetes.Quantity.isLessThan(kubernetes.Quantity): bool', (q: Quantity, other: Quantity) => q.compare(other) < 0);
  env.registerFunction('kubernetes.Quantity.compareTo(kubernetes.Quantity): int', (q: Quantity, other: Quantity) => BigInt(q.compare(other)));
  env.registerOperator('kubernetes.Quantity == kubernetes.Quantity', (a: Quantity, b: Quantity) => a.compare(b) === 0);
}
