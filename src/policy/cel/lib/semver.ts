/**
 * The Kubernetes semver library (1.33+), after blang/semver: `semver("1.2.3")`, `semver(s, true)` to accept
 * `v1.2`, comparisons by semver precedence.
 */
import { EvaluationError, type Environment } from '@marcbachmann/cel-js';

export class Semver {
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: string[],
  ) {}

  compare(other: Semver): number {
    for (const key of ['major', 'minor', 'patch'] as const) {
      if (this[key] !== other[key]) return this[key] < other[key] ? -1 : 1;
    }
    if (this.pre.length === 0 || other.pre.length === 0) return other.pre.length - this.pre.length === 0 ? 0 : this.pre.length === 0 ? 1 : -1;
    for (let i = 0; i < Math.min(this.pre.length, other.pre.length); i++) {
      const a = this.pre[i];
      const b = other.pre[i];
      if (a === b) continue;
      const an = /^\d+$/.test(a);
      const bn = /^\d+$/.test(b);
      if (an && bn) return BigInt(a) < BigInt(b) ? -1 : 1;
      if (an !== bn) return an ? -1 : 1;
      return a < b ? -1 : 1;
    }
    return Math.sign(this.pre.length - other.pre.length);
  }
}

const NUMBER = '(0|[1-9]\\d*)';
const IDENT = '[0-9A-Za-z-]+';
const SEMVER = new RegExp(`^${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${IDENT}(?:\\.${IDENT})*))?(?:\\+(${IDENT}(?:\\.${IDENT})*))?$`);

export function parseSemver(text: string, normalize = false): Semver | undefined {
  let input = text;
  if (normalize) {
    input = input.replace(/^v/, '');
    const core = /^([0-9.]+)(.*)$/.exec(input);
    if (core) {
      const parts = core[1].split('.').filter((p) => p !== '');
      while (parts.length < 3) parts.push('0');
      input = parts.map((p) => p.replace(/^0+(?=\d)/, '')).join('.') + core[2];
    }
  }
  const match = SEMVER.exec(input);
  if (!match) return undefined;
  const pre = match[4] ? match[4].split('.') : [];
  if (pre.some((p) => /^\d+$/.test(p) && p.length > 1 && p.startsWith('0'))) return undefined;
  return new Semver(BigInt(match[1]), BigInt(match[2]), BigInt(match[3]), pre);
}

function semverOf(text: string, normalize: boolean): Semver {
  const version = parseSemver(text, normalize);
  if (!version) throw new EvaluationError(`could not parse ${text} as semver`);
  return version;
}

export function registerSemver(env: Environment): void {
  env.registerType('kubernetes.Semver', Semver);
  env.registerFunction('semver(string): kubernetes.Semver', (text: string) => semverOf(text, false));
  env.registerFunction('semver(string, bool): kubernetes.Semver', semverOf);
  env.registerFunction('isSemver(string): bool', (text: string) => parseSemver(text) !== undefined);
  env.registerFunction('isSemver(string, bool): bool', (text: string, normalize: boolean) => parseSemver(text, normalize) !== undefined);
  env.registerFunction('kubernetes.Semver.major(): int', (v: Semver) => v.major);
  env.registerFunction('kubernetes.Semver.minor(): int', (v: Semver) => v.minor);
  env.registerFunction('kubernetes.Semver.patch(): int', (v: Semver) => v.patch);
  env.registerFunction('kubernetes.Semver.isGreaterThan(kubernetes.Semver): bool', (a: Semver, b: Semver) => a.compare(b) > 0);
  env.registerFunction('kubernetes.Semver.isLessThan(kubernetes.Semver): bool', (a: Semver, b: Semver) => a.compare(b) < 0);
  env.registerFunction('kubernetes.Semver.compareTo(kubernetes.Semver): int', (a: Semver, b: Semver) => BigInt(a.compare(b)));
  env.registerOperator('kubernetes.Semver == kubernetes.Semver', (a: Semver, b: Semver) => a.compare(b) === 0);
}
