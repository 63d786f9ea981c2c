/**
 * An image without a tag means `:latest`, and `:latest` moves: the same manifest runs different code over time
 * and rollbacks do not roll back.
 * Restricted fields: <pod spec>.{initContainers,containers,ephemeralContainers}[*].image
 * Allowed values: a tag other than `latest`, or a digest (`@sha256:…`, immutable whatever the tag says).
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containerImagesOf } from '../../core/k8s/container-images.js';
import { describeContainer } from '../../core/k8s/containers.js';

export default defineRule({
  id: 'image-latest-tag',
  meta: {
    title: 'Images should have a fixed tag, not latest',
    category: 'images',
    severity: 'medium',
    description: 'An untagged or :latest image can change under the same name, so deployments are not reproducible, rollbacks do not restore the old code and a pushed image reaches production unreviewed.',
    remediation: 'Use a specific version tag, or better a digest, for every container image.',
    appliesTo: 'workloads',
    messages: {
      noTag: '{{container}} uses image "{{image}}" without a tag, which means latest.',
      latestTag: '{{container}} uses image "{{image}}" with the latest tag.',
    },
    references: [
      { title: 'Kubernetes: Images, image names and tags', url: 'https://kubernetes.io/docs/concepts/containers/images/#image-names' },
      { title: 'Kubernetes: Configuration Best Practices, container images', url: 'https://kubernetes.io/docs/concepts/configuration/overview/#container-images' },
    ],
    peers: { polaris: ['tagNotSpecified'], kubeScore: ['container-image-tag'], kubeLinter: ['latest-tag'], trivy: ['KSV-0013'] },
  },
  check(object) {
    const violations = [];
    for (const { view, image, reference } of containerImagesOf(object)) {
      if (reference.digest) continue;
      const data = { container: describeContainer(view), image };
      if (!reference.tag) violations.push({ messageId: 'noTag' as const, path: `${view.path}.image`, data });
      else if (reference.tag === 'latest') violations.push({ messageId: 'latestTag' as const, path: `${view.path}.image`, data });
    }
    return violations;
  },
});
