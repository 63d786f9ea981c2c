/**
 * Rules on what only a live cluster shows: running pods, token Secrets, node versions. Sorted by id. Namespaces without
 * Pod Security Admission labels are namespace-pod-security-not-enforced (platform group).
 */
import kubeletVersionSkew from '../kubelet-version-skew/kubelet-version-skew.rule.js';
import legacyServiceAccountToken from '../legacy-service-account-token/legacy-service-account-token.rule.js';
import podWithoutController from '../pod-without-controller/pod-without-controller.rule.js';

export const clusterRules = [
  kubeletVersionSkew,
  legacyServiceAccountToken,
  podWithoutController,
] as const;
