/**
 * With a mutable tag and a pull policy other than Always, each node runs whatever it cached under that tag, and a
 * pod may start from an image cached by another tenant without proving it may pull it.
 * Restricted fields: <pod spec>.{initContainers,containers,ephemeralContainers}[*].imagePullPolicy
 * Allowed values: Always; anything when the image is pinned by digest. Unset is judged by Kubernetes' default
 * (Always for `:latest` and untagged images, IfNotPresent otherwise).
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containerImagesOf } from '../../core/k8s/container-images.js';
import { describeContainer } from '../../core/k8s/containers.js';
import { isDigestPinned } from '../../core/k8s/image.js';

export default defineRule({
  id: 'image-pull-policy',
  meta: {
    title: 'Images with mutable tags should be pulled with imagePullPolicy Always',
    category: 'images',
    severity: 'low',
    description: 'With IfNotPresent or Never a node keeps running the image it cached under a tag, so pods of one workload can run different code, and a cached private image can be used without registry credentials.',
    remediation: 'Pin the image by digest, or set imagePullPolicy: Always.',
    appliesTo: 'workloads',
    messages: {
      notAlways: '{{container}} uses imagePullPolicy {{policy}} for the mutable image "{{image}}".',
      defaultNotAlways: '{{container}} gets the default imagePullPolicy IfNotPresent for the mutable image "{{image}}".',
    },
    references: [
      { title: 'Kubernetes: Images, image pull policy', url: 'https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy' },
      { title: 'Kubernetes: AlwaysPullImages admission controller', url: 'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwayspullimages' },
    ],
    peers: { polaris: ['pullPolicyNotAlways'], kubeScore: ['container-image-pull-policy'], kubescape: ['C-0075'] },
  },
  check(object) {
    const violations = [];
    for (const { view, image, reference } of containerImagesOf(object)) {
      if (isDigestPinned(reference)) continue;
      const policy = view.container.imagePullPolicy;
      const data = { container: describeContainer(view), image, policy: String(policy) };
      if (policy === undefined || policy === null) {
        // Kubernetes defaults to Always exactly for these.
        if (!reference.tag || reference.tag === 'latest') continue;
        violations.push({ messageId: 'defaultNotAlways' as const, path: view.path, data });
      } else if (policy !== 'Always') {
        violations.push({ messageId: 'notAlways' as const, path: `${view.path}.imagePullPolicy`, data });
      }
    }
    return violations;
  },
});
