/**
 * Kubernetes supports kubelets up to three minor versions older than the API server (two before 1.28) and never
 * newer. A node outside that window runs an unsupported, unpatched kubelet and may misbehave with the control plane.
 * Restricted fields: Node status.nodeInfo.kubeletVersion.
 * Allowed values: the reference minor minus the allowed skew, up to the API server's minor.
 * Reference: the API server version when the scan sees it (kube-apiserver static pods' image tags), else the
 * highest kubelet version among the nodes, a lower bound of the API server's since no supported kubelet is newer.
 * Live only: Nodes in manifests have no status.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { objectMemo } from '../../core/memo.js';
import type { ObjectIndex } from '../../core/engine/object-index.js';
import type { K8sObject } from '../../core/k8s/object.js';

interface MinorVersion {
  major: number;
  minor: number;
  text: string;
}

/** `v1.31.2-eks-1234`, `v1.30.4+k3s1` -> 1.31 / 1.30. */
export function parseMinorVersion(text: unknown): MinorVersion | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?/.exec(text.trim());
  return match ? { major: Number(match[1]), minor: Number(match[2]), text: text.trim() } : undefined;
}

/** Positive when `a` is newer than `b`. */
function compareMinor(a: MinorVersion, b: MinorVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

/** Since Kubernetes 1.28 (KEP-3935) kubelets may be three minors older than the API server; before, two. */
export function allowedSkew(apiServer: MinorVersion): number {
  return apiServer.major > 1 || apiServer.minor >= 28 ? 3 : 2;
}

interface Reference {
  apiServer?: MinorVersion;
  newestKubelet?: MinorVersion;
  newestKubeletNode?: string;
}

function apiServerVersion(objects: ObjectIndex): MinorVersion | undefined {
  let version: MinorVersion | undefined;
  for (const pod of objects.inNamespace('Pod', 'kube-system')) {
    for (const container of Array.isArray(pod.spec?.containers) ? pod.spec.containers : []) {
      const image = typeof container?.image === 'string' ? container.image : '';
      const match = /(?:^|\/)kube-apiserver(?:-[a-z0-9]+)?:(v\d+\.\d+[^@]*)/.exec(image);
      const parsed = match ? parseMinorVersion(match[1]) : undefined;
      if (parsed && (!version || compareMinor(parsed, version) > 0)) version = parsed;
    }
  }
  return version;
}

// One reference per scan: every Node of a 5,000-node cluster would otherwise walk all the others.
const references = objectMemo<ObjectIndex, Reference>('kubeward.kubeletReference');

function referenceOf(objects: ObjectIndex): Reference {
  let reference = references.get(objects);
  if (!reference) {
    reference = {};
    const apiServer = apiServerVersion(objects);
    if (apiServer) reference.apiServer = apiServer;
    for (const node of objects.ofKind('Node')) {
      const kubelet = parseMinorVersion(node.status?.nodeInfo?.kubeletVersion);
      if (kubelet && (!reference.newestKubelet || compareMinor(kubelet, reference.newestKubelet) > 0)) {
        reference.newestKubelet = kubelet;
        reference.newestKubeletNode = String(node.metadata?.name ?? '');
      }
    }
    references.set(objects, reference);
  }
  return reference;
}

export default defineRule({
  id: 'kubelet-version-skew',
  meta: {
    title: 'Kubelets must stay within the supported version skew',
    category: 'hygiene',
    severity: 'medium',
    description: 'Kubernetes supports kubelets at most three minor versions older than the API server (two before 1.28) and never newer; nodes outside that window run an unsupported kubelet that no longer gets security fixes.',
    remediation: 'Upgrade (or replace) the node so its kubelet is within the supported skew of the control plane.',
    appliesTo: ['Node'],
    messages: {
      tooOld: 'Kubelet {{kubelet}} is {{behind}} minor versions behind {{reference}} ({{source}}); Kubernetes supports kubelets at most {{allowed}} minor versions older than the API server.',
      newerThanApiServer: 'Kubelet {{kubelet}} is newer than the API server {{apiServer}}; kubelets must not be newer than the API server.',
    },
    references: [
      { title: 'Kubernetes version skew policy: kubelet', url: 'https://kubernetes.io/releases/version-skew-policy/#kubelet' },
      { title: 'KEP-3935: Support n-3 node/control-plane skew', url: 'https://github.com/kubernetes/enhancements/tree/master/keps/sig-architecture/3935-oldest-node-newest-control-plane' },
      { title: 'NSA/CISA Kubernetes Hardening Guide: Upgrading and application security practices' },
    ],
  },
  check(object: K8sObject, ctx) {
    const kubeletText = object.status?.nodeInfo?.kubeletVersion;
    const kubelet = parseMinorVersion(kubeletText);
    if (!kubelet) return [];
    const reference = referenceOf(ctx.objects);
    const path = 'status.nodeInfo.kubeletVersion';
    if (reference.apiServer && compareMinor(kubelet, reference.apiServer) > 0) {
      return [{ messageId: 'newerThanApiServer', path, data: { kubelet: kubelet.text, apiServer: reference.apiServer.text } }];
    }
    const target = reference.apiServer ?? reference.newestKubelet;
    if (!target) return [];
    const source = reference.apiServer ? 'the API server' : `the newest kubelet, on node ${reference.newestKubeletNode}`;
    const allowed = allowedSkew(target);
    if (compareMinor(kubelet, target) >= 0) return [];
    const behind = kubelet.major === target.major ? target.minor - kubelet.minor : undefined;
    if (behind !== undefined && behind <= allowed) return [];
    return [{ messageId: 'tooOld', path, data: { kubelet: kubelet.text, behind: behind ?? 'several', reference: target.text, source, allowed } }];
  },
});
