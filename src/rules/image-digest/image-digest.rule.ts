/**
 * Only a digest names image content; tags can be re-pointed by anyone with push access to the repository.
 * Restricted fields: <pod spec>.{initContainers,containers,ephemeralContainers}[*].image
 * Allowed values: `…@sha256:<hex>` (or another well-formed digest).
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { isDigestPinned, parseImage } from '../../core/k8s/image.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export default defineRule({
  id: 'image-digest',
  meta: {
    title: 'Images should be pinned by digest',
    category: 'images',
    severity: 'low',
    description: 'A tag can be moved to different content by anyone who can push to the repository; only a digest guarantees that the reviewed image is the one that runs.',
    remediation: 'Reference images as name:tag@sha256:<digest>, for example with a digest-pinning bot or your CI.',
    appliesTo: 'workloads',
    messages: { notPinned: '{{container}} image "{{image}}" is not pinned by digest.' },
    references: [
      { title: 'Kubernetes: Images, image names (digests)', url: 'https://kubernetes.io/docs/concepts/containers/images/#image-names' },
      { title: 'MITRE ATT&CK T1525 Implant Internal Image', url: 'https://attack.mitre.org/techniques/T1525/' },
    ],
    peers: { kubescape: ['C-0306'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    return containersOf(pod.spec, pod.specPath)
      .filter((view) => typeof view.container.image === 'string' && view.container.image.trim() !== '' && !isDigestPinned(parseImage(view.container.image)))
      .map((view) => ({ messageId: 'notPinned' as const, path: `${view.path}.image`, data: { container: describeContainer(view), image: view.container.image } }));
  },
});
