/**
 * The CEL environment of a Kubernetes release: cel-js plus the Kubernetes libraries, each enabled from the
 * release that introduced it (kubernetes/apiserver pkg/cel/environment/base.go). One environment per release
 * is built lazily and shared; building one costs milliseconds, evaluating in it microseconds.
 */
import { Environment, Optional } from '@marcbachmann/cel-js';
import { installIterationMeter } from './cost.js';
import { OfflineAuthorizer, registerAuthz } from './lib/authz.js';
import { registerFormat } from './lib/format.js';
import { registerIp } from './lib/ip.js';
import { registerLists } from './lib/lists.js';
import { registerQuantity } from './lib/quantity.js';
import { registerRegex } from './lib/regex.js';
import { registerSemver } from './lib/semver.js';
import { registerSets } from './lib/sets.js';
import { registerStrings } from './lib/strings.js';
import { registerUrl } from './lib/url.js';

/** The release whose CEL environment policies get unless told otherwise. */
export const DEFAULT_KUBERNETES_VERSION = '1.34';

/** The variables admission expressions may use; all are dynamically typed (no OpenAPI schema offline). */
export const ADMISSION_VARIABLES = ['object', 'oldObject', 'request', 'params', 'namespaceObject', 'variables'] as const;

/** Which library arrives in which 1.x release; the table docs/policy.md shows. */
export const LIBRARY_RELEASES = {
  'standard, macros, ext.Strings, url, regex, lists': 23,
  authz: 27,
  'optional types, quantity': 28,
  'ext.Strings v2 (format, quote), ext.Sets': 29,
  'ip, cidr': 30,
  format: 31,
  semver: 33,
  'ext.Lists v3': 34,
  'lists.includes': 37,
} as const;

/** `1.33` -> 33. */
export function kubernetesMinor(version: string): number {
  const match = /^v?1\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  if (!match) throw new Error(`invalid Kubernetes version "${version}" (expected 1.N, e.g. ${DEFAULT_KUBERNETES_VERSION})`);
  return Number(match[1]);
}

export const offlineAuthorizer = new OfflineAuthorizer();

function isZeroValue(value: unknown): boolean {
  if (value === null || value === false || value === '' || value === 0 || value === 0n) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof Map) return value.size === 0;
  if (typeof value === 'object' && (value.constructor === Object || value.constructor === undefined)) return Object.keys(value).length === 0;
  return false;
}

let meterInstalled = false;

/** Finds cel-js' iteration context through a probe macro, whose type-check receives one, and meters it. */
function installMeter(): void {
  if (meterInstalled) return;
  const probe = new Environment({ unlistedVariablesAreDyn: true });
  let prototype: object | undefined;
  probe.registerFunction('kubewardProbe(ast): bool', () => ({
    typeCheck(checker: any, _macro: unknown, ctx: any) {
      prototype = Object.getPrototypeOf(ctx.forkWithVariable('x', checker.getType('dyn')));
      return checker.getType('bool');
    },
    evaluate: () => true,
  }));
  probe.check('kubewardProbe(1)');
  if (!prototype) throw new Error('cel-js changed: the probe macro saw no iteration context, so the cost bound cannot be enforced');
  installIterationMeter(prototype as { setIterValue?: unknown });
  meterInstalled = true;
}

function build(minor: number, extraVariables: readonly string[]): Environment {
  installMeter();
  const env = new Environment({
    unlistedVariablesAreDyn: false,
    homogeneousAggregateLiterals: false,
    enableOptionalTypes: minor >= 28,
  });
  for (const name of ADMISSION_VARIABLES) env.registerVariable(name, 'dyn');
  for (const name of extraVariables) if (!(ADMISSION_VARIABLES as readonly string[]).includes(name)) env.registerVariable(name, 'dyn');
  registerStrings(env, minor);
  registerRegex(env);
  registerUrl(env);
  registerLists(env, minor);
  if (minor >= 27) {
    registerAuthz(env);
    env.registerConstant('authorizer', 'kubernetes.authorization.Authorizer', offlineAuthorizer);
  }
  if (minor >= 28) {
    registerQuantity(env);
    env.registerFunction('OptionalNamespace.ofNonZeroValue(dyn): optional<dyn>', (_: unknown, value: unknown) => (isZeroValue(value) ? Optional.none() : Optional.of(value)));
    env.registerFunction('list.first(): optional<dyn>', (list: unknown[]) => (list.length === 0 ? Optional.none() : Optional.of(list[0])));
    env.registerFunction('list.last(): optional<dyn>', (list: unknown[]) => (list.length === 0 ? Optional.none() : Optional.of(list[list.length - 1])));
  }
  if (minor >= 29) registerSets(env);
  if (minor >= 30) registerIp(env);
  if (minor >= 31) registerFormat(env);
  if (minor >= 33) registerSemver(env);
  return env;
}

const environments = new Map<string, Environment>();

/**
 * The environment of a release. `extraVariables` declares more dynamically typed variables, for uses beyond
 * admission (the CEL conformance tests bind their own names).
 */
export function celEnvironment(kubernetesVersion: string = DEFAULT_KUBERNETES_VERSION, extraVariables: readonly string[] = []): { env: Environment; key: string } {
  const minor = kubernetesMinor(kubernetesVersion);
  const key = `${minor}|${extraVariables.join(',')}`;
  let env = environments.get(key);
  if (!env) {
    env = build(minor, extraVariables);
    environments.set(key, env);
  }
  return { env, key };
}
