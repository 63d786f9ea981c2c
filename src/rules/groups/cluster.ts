/** Rules on what only a live cluster shows: running pods, token Secrets, namespace admission labels, node versions. Sorted by id. */
import kubeletVersionSkew from '../kubelet-version-skew/kubelet-version-skew.rule.js';
import legacyServiceAccountToken from '../legacy-service-account-token/legacy-service-account-token.rule.js';
import namespacePsaLabels from '../namespace-psa-labels/namespace-psa-labels.rule.js';
import podWithoutController from '../pod-without-controller/pod-without-controller.rule.js';

export const clusterRules = [
  kubeletVersionSkew,
  legacyServiceAccountToken,
  namespacePsaLabels,
  podWithoutController,
] as const;
