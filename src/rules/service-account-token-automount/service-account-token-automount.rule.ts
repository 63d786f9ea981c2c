/**
 * Kubernetes mounts a ServiceAccount token into every pod unless the pod or its ServiceAccount opts out; code
 * execution in the pod then means API access as that ServiceAccount.
 * Restricted fields: <pod spec>.automountServiceAccountToken, ServiceAccount.automountServiceAccountToken
 * Allowed values: pod `false`; or pod unset and the pod's ServiceAccount (read from the input) `false`.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { namespaceOf } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { serviceAccountOf } from '../../core/k8s/service-account.js';

export default defineRule({
  id: 'service-account-token-automount',
  meta: {
    title: 'Pods should not mount a ServiceAccount token they do not need',
    category: 'service-accounts',
    severity: 'medium',
    description: 'A mounted ServiceAccount token lets anyone who runs code in the pod call the Kubernetes API with the permissions of its ServiceAccount.',
    remediation: 'Set automountServiceAccountToken: false on the pod (or on its ServiceAccount) and mount a token only in pods that call the API.',
    appliesTo: 'workloads',
    messages: {
      podEnables: 'The pod sets automountServiceAccountToken: true, so the token of ServiceAccount "{{serviceAccount}}" is mounted.',
      serviceAccountEnables: 'The token of ServiceAccount "{{serviceAccount}}" is mounted: neither the pod nor the ServiceAccount sets automountServiceAccountToken: false.',
      serviceAccountNotInInput: 'The token of ServiceAccount "{{serviceAccount}}" is mounted: the pod does not set automountServiceAccountToken: false and the ServiceAccount is not in the input.',
    },
    references: [
      { title: 'CIS Kubernetes Benchmark 5.1.6: Ensure that Service Account Tokens are only mounted where necessary' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: service account tokens' },
      { title: 'MITRE ATT&CK T1528 Steal Application Access Token', url: 'https://attack.mitre.org/techniques/T1528/' },
      { title: 'Kubernetes: Configure Service Accounts for Pods, opt out of API credential automounting', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting' },
    ],
    peers: {
      polaris: ['automountServiceAccountToken'],
      kubescape: ['C-0034', 'C-0190', 'C-0261'],
      trivy: ['KSV-0036'],
    },
  },
  check(object, { objects }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const setting = pod.spec.automountServiceAccountToken;
    if (setting === false) return [];
    const serviceAccount = serviceAccountOf(pod);
    const data = { serviceAccount: serviceAccount.name };
    // The pod-level field wins over the ServiceAccount's, in both directions.
    if (setting === true) {
      return [{ messageId: 'podEnables', path: `${pod.specPath}.automountServiceAccountToken`, data }];
    }
    const account = objects.find('ServiceAccount', namespaceOf(object), serviceAccount.name);
    if (account?.automountServiceAccountToken === false) return [];
    return [{ messageId: account ? 'serviceAccountEnables' : 'serviceAccountNotInInput', path: pod.specPath, data }];
  },
});
