/**
 * The Kubernetes authorizer library, offline. A real check needs a SubjectAccessReview against the cluster;
 * offline every check returns a Decision that is not allowed and reports `errored()` with the reason, so a
 * policy that grants exceptions through the authorizer is evaluated without those exceptions.
 */
import type { Environment } from '@marcbachmann/cel-js';

export const OFFLINE_AUTHORIZER_ERROR = 'kubeward: authorizer checks need a live cluster (SubjectAccessReview); offline evaluation denies them';

export class AuthzDecision {
  readonly allowed = false;
  readonly reason = OFFLINE_AUTHORIZER_ERROR;
}

export class AuthzCheck {
  constructor(readonly description: string) {}
}

export class OfflineAuthorizer {
  /** `authorizer.requestResource`: the resource of the request under review. */
  readonly requestResource = new AuthzCheck('request resource');
}

export function registerAuthz(env: Environment): void {
  env.registerType('kubernetes.authorization.Authorizer', OfflineAuthorizer);
  env.registerType('kubernetes.authorization.Check', AuthzCheck);
  env.registerType('kubernetes.authorization.Decision', AuthzDecision);
  const A = 'kubernetes.authorization.Authorizer';
  const C = 'kubernetes.authorization.Check';
  const D = 'kubernetes.authorization.Decision';
  env.registerFunction(`${A}.path(string): ${C}`, (_: unknown, path: string) => new AuthzCheck(`path ${path}`));
  env.registerFunction(`${A}.group(string): ${C}`, (_: unknown, group: string) => new AuthzCheck(`group ${group}`));
  env.registerFunction(`${A}.serviceAccount(string, string): ${A}`, () => new OfflineAuthorizer());
  for (const method of ['resource', 'subresource', 'namespace', 'name', 'fieldSelector', 'labelSelector']) {
    env.registerFunction(`${C}.${method}(string): ${C}`, (check: AuthzCheck, value: string) => new AuthzCheck(`${check.description} ${method} ${value}`));
  }
  env.registerFunction(`${C}.check(string): ${D}`, () => new AuthzDecision());
  env.registerFunction(`${D}.allowed(): bool`, (d: AuthzDecision) => d.allowed);
  env.registerFunction(`${D}.reason(): string`, (d: AuthzDecision) => d.reason);
  env.registerFunction(`${D}.errored(): bool`, () => true);
  env.registerFunction(`${D}.error(): string`, (d: AuthzDecision) => d.reason);
}
