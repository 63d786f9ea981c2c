/**
 * k8s.gcr.io, the old home of Kubernetes project images, was frozen in April 2023: it gets no new images or
 * patches, and registry.k8s.io replaced it.
 * Restricted fields: <pod spec>.{initContainers,containers,ephemeralContainers}[*].image
 * Allowed values: any registry other than k8s.gcr.io.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { parseImage } from '../../core/k8s/image.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

const DEPRECATED_REGISTRIES: Record<string, string> = { 'k8s.gcr.io': 'registry.k8s.io' };

export default defineRule({
  id: 'image-deprecated-registry',
  meta: {
    title: 'Images should not come from the frozen k8s.gcr.io registry',
    category: 'images',
    severity: 'low',
    description: 'k8s.gcr.io receives no new images or security fixes since April 2023, so images from it stay vulnerable, and the registry may stop serving them.',
    remediation: 'Pull the same image from registry.k8s.io, at a current version.',
    appliesTo: 'workloads',
    messages: { deprecated: '{{container}} pulls "{{image}}" from the frozen registry {{registry}}; use {{replacement}}.' },
    references: [
      { title: 'Kubernetes blog: k8s.gcr.io Image Registry Will Be Frozen From the 3rd of April 2023', url: 'https://kubernetes.io/blog/2023/02/06/k8s-gcr-io-freeze-announcement/' },
    ],
    peers: { kubescape: ['C-0253'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const violations = [];
    for (const view of containersOf(pod.spec, pod.specPath)) {
      const image = view.container.image;
      if (typeof image !== 'string') continue;
      const { registry } = parseImage(image);
      const replacement = DEPRECATED_REGISTRIES[registry.toLowerCase()];
      if (replacement) {
        violations.push({ messageId: 'deprecated' as const, path: `${view.path}.image`, data: { container: describeContainer(view), image, registry, replacement } });
      }
    }
    return violations;
  },
});
