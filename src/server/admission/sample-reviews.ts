/**
 * The AdmissionReview of the bench and of the warm-up before readiness: a hardened pod as a ReplicaSet creates it,
 * with the managed fields the API server adds.
 */

/** A pod as a ReplicaSet creates it, with the managed fields the API server adds: what admission really sees. */
export function realisticPodReview(): Record<string, unknown> {
  const container = (name: string, port: number) => ({
    name,
    image: `registry.example.com/shop/${name}:1.4.2@sha256:0d6f4e2b3c5a7f9e1d2c4b6a8f0e2d4c6b8a0f1e3d5c7b9a1f3e5d7c9b1a3f5e`,
    imagePullPolicy: 'IfNotPresent',
    ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
    env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }],
    resources: { requests: { cpu: '100m', memory: '128Mi', 'ephemeral-storage': '100Mi' }, limits: { cpu: '500m', memory: '128Mi', 'ephemeral-storage': '100Mi' } },
    securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
    livenessProbe: { httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
    readinessProbe: { httpGet: { path: '/ready', port: 'http', scheme: 'HTTP' }, periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
    volumeMounts: [{ name: 'cache', mountPath: '/cache' }],
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  });
  const labels = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web', team: 'shop', 'pod-template-hash': '7c9d8f6b5' };
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: 'web-7c9d8f6b5-',
      name: 'web-7c9d8f6b5-x2x9q',
      namespace: 'shop',
      uid: '3f1d2c4b-6a8f-4e2d-9c6b-8a0f1e3d5c7b',
      creationTimestamp: '2026-01-15T12:00:00Z',
      labels,
      annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-15T11:59:00Z', 'prometheus.io/scrape': 'true' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7c9d8f6b5', uid: '9c6b8a0f-1e3d-4c7b-9a1f-3e5d7c9b1a3f', controller: true, blockOwnerDeletion: true }],
      managedFields: [{
        manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: '2026-01-15T12:00:00Z', fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:generateName': {}, 'f:labels': { '.': {}, 'f:app.kubernetes.io/name': {}, 'f:team': {} }, 'f:ownerReferences': { '.': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:name': {} } }, 'f:securityContext': { '.': {} } } },
      }],
    },
    spec: {
      serviceAccountName: 'web',
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      priorityClassName: 'shop-default',
      securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [container('app', 8080), container('sidecar', 9090)],
      volumes: [{ name: 'cache', emptyDir: { sizeLimit: '64Mi' } }],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } }],
    },
  };
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      requestKind: { group: '', version: 'v1', kind: 'Pod' },
      requestResource: { group: '', version: 'v1', resource: 'pods' },
      name: 'web-7c9d8f6b5-x2x9q',
      namespace: 'shop',
      operation: 'CREATE',
      userInfo: { username: 'system:serviceaccount:kube-system:replicaset-controller', uid: 'a1b2c3d4-0000-4000-8000-000000000001', groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'] },
      object: pod,
      oldObject: null,
      dryRun: false,
      options: { kind: 'CreateOptions', apiVersion: 'meta.k8s.io/v1' },
    },
  };
}

/**
 * The realistic pod review in `namespace`, reviewed for a user no exemption names, so that the whole evaluation
 * runs (the warm-up's sample).
 */
export function podReviewIn(namespace: string): Record<string, unknown> {
  const review = realisticPodReview() as { request: Record<string, any> };
  const pod = review.request.object;
  return {
    ...review,
    request: { ...review.request, namespace, userInfo: { username: 'kubeward:sample', groups: [] }, object: { ...pod, metadata: { ...pod.metadata, namespace } } },
  };
}
