/**
 * Tiller, the in-cluster half of Helm 2, serves an unauthenticated gRPC API with cluster-admin rights by default;
 * Helm 2 is unsupported since 2020. Restricted fields: container images named `tiller`, pod labels app=helm +
 * name=tiller.   Allowed values: none.   Source: Trivy KSV-0102.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

/** The last path component of an image reference without tag or digest: `gcr.io/kubernetes-helm/tiller:v2.16.1` -> `tiller`. */
function imageName(image: string): string {
  const at = image.indexOf('@');
  const withoutDigest = at === -1 ? image : image.slice(0, at);
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  return colon === -1 ? lastSegment : lastSegment.slice(0, colon);
}

export default defineRule({
  id: 'helm-tiller',
  meta: {
    title: 'Helm 2 Tiller must not be deployed',
    category: 'exposure',
    severity: 'critical',
    description: 'Tiller exposes an unauthenticated gRPC API, usually with cluster-admin rights, so any pod that can reach it can install anything; Helm 2 has had no security fixes since 2020.',
    remediation: 'Migrate the releases to Helm 3 (helm-2to3) and delete the Tiller Deployment, Service and service account binding.',
    appliesTo: 'workloads',
    messages: {
      tillerImage: '{{container}} runs the Helm 2 Tiller image.',
      tillerLabels: '{{kind}} carries the Helm 2 Tiller labels app=helm, name=tiller.',
    },
    references: [
      { title: 'Helm: Helm 2 end of support (November 2020)', url: 'https://helm.sh/blog/helm-v2-deprecation-timeline/' },
      { title: 'MITRE ATT&CK T1610 Deploy Container', url: 'https://attack.mitre.org/techniques/T1610/' },
    ],
    peers: { trivy: ['KSV-0102'] },
  },
  check(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const images = containersOf(pod.spec, pod.specPath)
      .filter((view) => typeof view.container.image === 'string' && imageName(view.container.image) === 'tiller')
      .map((view) => ({ messageId: 'tillerImage' as const, path: `${view.path}.image`, data: { container: describeContainer(view) } }));
    if (images.length > 0) return images;
    const labels = pod.metadata.labels ?? {};
    if (labels.app === 'helm' && labels.name === 'tiller') {
      return [{ messageId: 'tillerLabels', path: `${pod.metadataPath}.labels`, data: { kind: object.kind } }];
    }
    return [];
  },
});
