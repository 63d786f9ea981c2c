/**
 * Images should come only from registries the organisation controls or trusts, so that scanning, signing and
 * access control apply to everything that runs.
 * Restricted fields: <pod spec>.{initContainers,containers,ephemeralContainers}[*].image
 * Allowed values: an image whose registry (or registry/path prefix) is in the `trustedRegistries` option. An
 * empty list (the default) trusts everything, so the rule reports nothing until it is configured.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { parseImage, type ImageReference } from '../../core/k8s/image.js';
import { isObject } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export interface ImageRegistryOptions {
  /** `registry.example.com`, `registry.example.com/team`, `*.example.com`, `docker.io/library`. */
  trustedRegistries: string[];
}

const DOCKER_HUB_ALIASES = new Set(['index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** True when the image's registry equals the entry's host, or the image's full name starts with the entry path. */
export function isTrusted(image: ImageReference, entry: string): boolean {
  const normalised = entry.trim().toLowerCase().replace(/\/+$/, '');
  const [host, ...path] = normalised.split('/');
  const entryHost = DOCKER_HUB_ALIASES.has(host) ? 'docker.io' : host;
  const registry = image.registry.toLowerCase();
  const hostMatches = entryHost.startsWith('*.') ? registry.endsWith(entryHost.slice(1)) : registry === entryHost;
  if (!hostMatches) return false;
  if (path.length === 0) return true;
  const prefix = path.join('/');
  const repository = image.repository.toLowerCase();
  return repository === prefix || repository.startsWith(`${prefix}/`);
}

export default defineRule({
  id: 'image-registry',
  meta: {
    title: 'Images should come from trusted registries',
    category: 'images',
    severity: 'medium',
    description: 'Images from registries outside your control skip your scanning, signing and retention policies, and can be replaced or removed by their publisher.',
    remediation: 'Mirror the image into a trusted registry and reference it there, or add the registry to trustedRegistries.',
    appliesTo: 'workloads',
    messages: { untrusted: '{{container}} pulls "{{image}}" from {{registry}}, which is not in trustedRegistries.' },
    references: [
      { title: 'NSA/CISA Kubernetes Hardening Guide: use trusted container images' },
      { title: 'MITRE ATT&CK T1525 Implant Internal Image', url: 'https://attack.mitre.org/techniques/T1525/' },
      { title: 'CIS Kubernetes Benchmark 5.5.1: Configure Image Provenance' },
    ],
    peers: { kubescape: ['C-0078', 'C-0001'], trivy: ['KSV-0125'] },
  },
  defaultOptions: { trustedRegistries: [] } as ImageRegistryOptions,
  validateOptions(options) {
    if (!isObject(options)) return ['expected an object with trustedRegistries'];
    const problems = Object.keys(options).filter((key) => key !== 'trustedRegistries').map((key) => `${key}: unknown option (only trustedRegistries)`);
    const list = options.trustedRegistries;
    if (list !== undefined && (!Array.isArray(list) || list.some((entry) => typeof entry !== 'string' || entry.trim() === ''))) {
      problems.push('trustedRegistries: expected a list of registry names such as "registry.example.com" or "docker.io/library"');
    }
    return problems;
  },
  check(object, { options }) {
    const pod = podSpecOf(object);
    const trusted = options.trustedRegistries ?? [];
    if (!pod || trusted.length === 0) return [];
    const violations = [];
    for (const view of containersOf(pod.spec, pod.specPath)) {
      const image = view.container.image;
      if (typeof image !== 'string' || image.trim() === '') continue;
      const reference = parseImage(image);
      if (trusted.some((entry) => isTrusted(reference, entry))) continue;
      violations.push({ messageId: 'untrusted' as const, path: `${view.path}.image`, data: { container: describeContainer(view), image, registry: reference.registry } });
    }
    return violations;
  },
});
