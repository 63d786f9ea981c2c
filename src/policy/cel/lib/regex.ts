/**
 * RE2 regular expressions: CEL's `matches` (rerouted here from cel-js' JS-regex built-in, see compile.ts) and
 * the Kubernetes regex library (`find`, `findAll`).
 */
import { EvaluationError, type Environment } from '@marcbachmann/cel-js';
import { charge } from '../cost.js';
import { re2, RegexSyntaxError } from '../re2.js';

/** The function name `matches` calls are renamed to, so they run on RE2 semantics. */
export const RE2_MATCHES = 'kubewardRe2Matches';

function compiled(pattern: string, global = false): RegExp {
  try {
    return re2(pattern, global);
  } catch (error) {
    if (error instanceof RegexSyntaxError) throw new EvaluationError(error.message);
    throw error;
  }
}

/** `text.matches(pattern)` with RE2 semantics, charged to the cost budget. */
export function re2Matches(text: string, pattern: string): boolean {
  charge(text.length);
  return compiled(pattern).test(text);
}

function findAll(text: string, pattern: string, limit: bigint): string[] {
  charge(text.length);
  if (limit === 0n) return [];
  const found: string[] = [];
  for (const match of text.matchAll(compiled(pattern, true))) {
    found.push(match[0]);
    if (limit > 0n && BigInt(found.length) >= limit) break;
  }
  return found;
}

export function registerRegex(env: Environment): void {
  env.registerFunction(`string.${RE2_MATCHES}(string): bool`, re2Matches);
  env.registerFunction(`${RE2_MATCHES}(string, string): bool`, re2Matches);
  env.registerFunction('string.find(string): string', (text: string, pattern: string) => {
    charge(text.length);
    return compiled(pattern).exec(text)?.[0] ?? '';
  });
  env.registerFunction('string.findAll(string): list<string>', (text: string, pattern: string) => findAll(text, pattern, -1n));
  env.registerFunction('string.findAll(string, int): list<string>', findAll);
}
