/** Rules on exposure, namespaces and multi-tenancy, RBAC, sandboxing, scheduling and cross-object links. Sorted by id. */
import containerPorts from '../container-ports/container-ports.rule.js';
import dedicatedNodeIsolation from '../dedicated-node-isolation/dedicated-node-isolation.rule.js';
import defaultNamespace from '../default-namespace/default-namespace.rule.js';
import deprecatedApiVersion from '../deprecated-api-version/deprecated-api-version.rule.js';
import gatekeeperOpenRepoPrefix from '../gatekeeper-open-repo-prefix/gatekeeper-open-repo-prefix.rule.js';
import helmTiller from '../helm-tiller/helm-tiller.rule.js';
import ingressBackendNotFound from '../ingress-backend-not-found/ingress-backend-not-found.rule.js';
import ingressNginxRiskyAnnotations from '../ingress-nginx-risky-annotations/ingress-nginx-risky-annotations.rule.js';
import ingressNoTls from '../ingress-no-tls/ingress-no-tls.rule.js';
import kubeSystemWorkload from '../kube-system-workload/kube-system-workload.rule.js';
import namespaceNoDefaultDenyIngress from '../namespace-no-default-deny-ingress/namespace-no-default-deny-ingress.rule.js';
import namespaceNoLimitRange from '../namespace-no-limit-range/namespace-no-limit-range.rule.js';
import namespaceNoNetworkPolicy from '../namespace-no-network-policy/namespace-no-network-policy.rule.js';
import namespaceNoResourceQuota from '../namespace-no-resource-quota/namespace-no-resource-quota.rule.js';
import namespacePodSecurityNotEnforced from '../namespace-pod-security-not-enforced/namespace-pod-security-not-enforced.rule.js';
import networkPolicyNoMatchingPods from '../network-policy-no-matching-pods/network-policy-no-matching-pods.rule.js';
import openshiftSccPrivileged from '../openshift-scc-privileged/openshift-scc-privileged.rule.js';
import rbacAnonymousBinding from '../rbac-anonymous-binding/rbac-anonymous-binding.rule.js';
import rbacAuthenticatedBinding from '../rbac-authenticated-binding/rbac-authenticated-binding.rule.js';
import rbacClusterAdminBinding from '../rbac-cluster-admin-binding/rbac-cluster-admin-binding.rule.js';
import rbacConfigmapsWrite from '../rbac-configmaps-write/rbac-configmaps-write.rule.js';
import rbacCreateWorkloads from '../rbac-create-workloads/rbac-create-workloads.rule.js';
import rbacCsrApprove from '../rbac-csr-approve/rbac-csr-approve.rule.js';
import rbacDefaultServiceAccountBinding from '../rbac-default-service-account-binding/rbac-default-service-account-binding.rule.js';
import rbacDelete from '../rbac-delete/rbac-delete.rule.js';
import rbacEscalateBind from '../rbac-escalate-bind/rbac-escalate-bind.rule.js';
import rbacExecAttach from '../rbac-exec-attach/rbac-exec-attach.rule.js';
import rbacImpersonate from '../rbac-impersonate/rbac-impersonate.rule.js';
import rbacNetworkingWrite from '../rbac-networking-write/rbac-networking-write.rule.js';
import rbacNodeProxy from '../rbac-node-proxy/rbac-node-proxy.rule.js';
import rbacPersistentVolumeCreate from '../rbac-persistent-volume-create/rbac-persistent-volume-create.rule.js';
import rbacPortForward from '../rbac-port-forward/rbac-port-forward.rule.js';
import rbacSecretsAccess from '../rbac-secrets-access/rbac-secrets-access.rule.js';
import rbacServiceaccountTokenCreate from '../rbac-serviceaccount-token-create/rbac-serviceaccount-token-create.rule.js';
import rbacSystemMasters from '../rbac-system-masters/rbac-system-masters.rule.js';
import rbacWebhookConfigWrite from '../rbac-webhook-config-write/rbac-webhook-config-write.rule.js';
import rbacWildcard from '../rbac-wildcard/rbac-wildcard.rule.js';
import requiredLabels from '../required-labels/required-labels.rule.js';
import sandboxRuntimeClass from '../sandbox-runtime-class/sandbox-runtime-class.rule.js';
import schemaValidation from '../schema-validation/schema-validation.rule.js';
import serviceExternalIps from '../service-external-ips/service-external-ips.rule.js';
import serviceLoadBalancerUnrestricted from '../service-load-balancer-unrestricted/service-load-balancer-unrestricted.rule.js';
import serviceNoMatchingPods from '../service-no-matching-pods/service-no-matching-pods.rule.js';
import serviceNodePort from '../service-node-port/service-node-port.rule.js';
import serviceTargetPortNotFound from '../service-target-port-not-found/service-target-port-not-found.rule.js';
import sshPort from '../ssh-port/ssh-port.rule.js';
import workloadNoNetworkPolicy from '../workload-no-network-policy/workload-no-network-policy.rule.js';

export const platformRules = [
  containerPorts,
  dedicatedNodeIsolation,
  defaultNamespace,
  deprecatedApiVersion,
  gatekeeperOpenRepoPrefix,
  helmTiller,
  ingressBackendNotFound,
  ingressNginxRiskyAnnotations,
  ingressNoTls,
  kubeSystemWorkload,
  namespaceNoDefaultDenyIngress,
  namespaceNoLimitRange,
  namespaceNoNetworkPolicy,
  namespaceNoResourceQuota,
  namespacePodSecurityNotEnforced,
  networkPolicyNoMatchingPods,
  openshiftSccPrivileged,
  rbacAnonymousBinding,
  rbacAuthenticatedBinding,
  rbacClusterAdminBinding,
  rbacConfigmapsWrite,
  rbacCreateWorkloads,
  rbacCsrApprove,
  rbacDefaultServiceAccountBinding,
  rbacDelete,
  rbacEscalateBind,
  rbacExecAttach,
  rbacImpersonate,
  rbacNetworkingWrite,
  rbacNodeProxy,
  rbacPersistentVolumeCreate,
  rbacPortForward,
  rbacSecretsAccess,
  rbacServiceaccountTokenCreate,
  rbacSystemMasters,
  rbacWebhookConfigWrite,
  rbacWildcard,
  requiredLabels,
  sandboxRuntimeClass,
  schemaValidation,
  serviceExternalIps,
  serviceLoadBalancerUnrestricted,
  serviceNoMatchingPods,
  serviceNodePort,
  serviceTargetPortNotFound,
  sshPort,
  workloadNoNetworkPolicy,
] as const;
