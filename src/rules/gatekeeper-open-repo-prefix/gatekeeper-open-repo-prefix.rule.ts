/**
 * Gatekeeper's K8sAllowedRepos matches image references by string prefix, so `registry.example.com/team` also allows
 * `registry.example.com/team-evil/...`. Restricted fields: K8sAllowedRepos spec.parameters.repos[*].
 * Allowed values: prefixes ending in `/`, or full image references with a tag or digest.   Source: Trivy KSV-0124.
 */
import { defineRule } from '../../core/engine/define-rule.js';

/** True when a repo prefix stops at a path boundary, or pins a complete image reference. */
export function isClosedPrefix(repo: string): boolean {
  if (repo.endsWith('/')) return true;
  const slash = repo.lastIndexOf('/');
  // Without a slash the entry is a registry host (maybe with a port): always open-ended.
  if (slash === -1) return false;
  const lastSegment = repo.slice(slash + 1);
  return lastSegment.includes(':') || lastSegment.includes('@');
}

export default defineRule({
  id: 'gatekeeper-open-repo-prefix',
  meta: {
    title: 'Gatekeeper allowed-repo prefixes should end at a path boundary',
    category: 'images',
    severity: 'high',
    description: 'K8sAllowedRepos compares images by string prefix, so an entry without a trailing slash also allows any registry or repository whose name merely starts with it, such as an attacker-registered look-alike.',
    remediation: 'End every repos entry with "/" (registry.example.com/team/), or list complete image references with a tag or digest.',
    appliesTo: ['K8sAllowedRepos'],
    messages: { openPrefix: 'Allowed repo "{{repo}}" does not end with "/", so it also allows every repository whose name starts with it.' },
    references: [
      { title: 'Gatekeeper library: allowedrepos', url: 'https://open-policy-agent.github.io/gatekeeper-library/website/validation/allowedrepos/' },
      { title: 'MITRE ATT&CK T1525 Implant Internal Image', url: 'https://attack.mitre.org/techniques/T1525/' },
    ],
    peers: { trivy: ['KSV-0124'] },
  },
  check(object) {
    if (object.kind !== 'K8sAllowedRepos' || !object.apiVersion.startsWith('constraints.gatekeeper.sh/')) return [];
    const repos: unknown = object.spec?.parameters?.repos;
    if (!Array.isArray(repos)) return [];
    return repos.flatMap((repo, i) => (typeof repo === 'string' && !isClosedPrefix(repo)
      ? [{ messageId: 'openPrefix' as const, path: `spec.parameters.repos[${i}]`, data: { repo } }]
      : []));
  },
});
