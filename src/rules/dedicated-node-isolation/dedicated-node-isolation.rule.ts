/**
 * Sensitive workloads (payment, secrets management, tenants that must not share hardware) belong on dedicated nodes:
 * pinned there by a node label, and the nodes tainted so nothing else lands next to them.
 * Restricted fields: pod spec nodeSelector, affinity.nodeAffinity (required terms) and tolerations.
 * Allowed values: for workloads of sensitiveNamespaces, a node selector or required affinity on the dedicated-node
 * label plus a toleration of the dedicated-node taint; for every other workload, no toleration of that taint without
 * the matching selector.   Source: Kubernetes "Taints and Tolerations: dedicated nodes".
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { isObject, namespaceOf } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

interface Pinning {
  /** Label values the pod is pinned to; undefined when pinned with `Exists`. */
  values?: string[];
}

/** How the pod spec pins itself to nodes carrying `key`, or undefined when it can land on any node. */
function pinningOf(spec: Record<string, any>, key: string): Pinning | undefined {
  const selector = spec.nodeSelector;
  if (isObject(selector) && selector[key] !== undefined) return { values: [String(selector[key])] };
  const terms: unknown = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!Array.isArray(terms) || terms.length === 0) return undefined;
  // Terms are ORed: every term must require the label, or the pod may still match a term that does not.
  const values = new Set<string>();
  let exists = false;
  for (const term of terms) {
    const expression = (Array.isArray(term?.matchExpressions) ? term.matchExpressions : [])
      .find((candidate: any) => candidate?.key === key && (candidate.operator === 'In' || candidate.operator === 'Exists'));
    if (!expression) return undefined;
    if (expression.operator === 'Exists') exists = true;
    else (expression.values ?? []).forEach((value: unknown) => values.add(String(value)));
  }
  return exists ? {} : { values: [...values] };
}

function tolerations(spec: Record<string, any>): Array<Record<string, any>> {
  return Array.isArray(spec.tolerations) ? spec.tolerations.filter(isObject) : [];
}

/** A toleration that lets the pod onto nodes tainted `key[=value]` with NoSchedule or NoExecute. */
function toleratesTaint(spec: Record<string, any>, key: string, pinning: Pinning | undefined): boolean {
  return tolerations(spec).some((toleration) => {
    if (toleration.effect && toleration.effect !== 'NoSchedule' && toleration.effect !== 'NoExecute') return false;
    if (toleration.key === undefined || toleration.key === '') return toleration.operator === 'Exists';
    if (toleration.key !== key) return false;
    return toleration.operator === 'Exists' || pinning?.values === undefined || pinning.values.includes(String(toleration.value ?? ''));
  });
}

export default defineRule({
  id: 'dedicated-node-isolation',
  meta: {
    title: 'Sensitive workloads should run on dedicated nodes',
    category: 'scheduling',
    severity: 'medium',
    description: 'Pods of different trust levels on one node share its kernel, kubelet credentials and host resources; sensitive workloads need nodes selected for them and tainted against everything else.',
    remediation: 'Label and taint dedicated nodes, and give sensitive workloads a nodeSelector (or required node affinity) on the label plus a toleration of the taint.',
    appliesTo: 'workloads',
    messages: {
      notPinned: '{{kind}} {{name}} is in sensitive namespace {{namespace}} but can be scheduled on any node: no nodeSelector or required node affinity on "{{labelKey}}".',
      noToleration: '{{kind}} {{name}} is pinned to dedicated nodes but does not tolerate their "{{taintKey}}" taint: either the nodes are not tainted and other pods share them, or its pods stay Pending.',
      toleratesWithoutPinning: '{{kind}} {{name}} tolerates the "{{taintKey}}" taint of dedicated nodes but does not select them, so its pods may also land on shared nodes.',
    },
    references: [
      { title: 'Kubernetes documentation: Taints and Tolerations, dedicated nodes', url: 'https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/#example-use-cases' },
      { title: 'Kubernetes multi-tenancy: node isolation', url: 'https://kubernetes.io/docs/concepts/security/multi-tenancy/#node-isolation' },
    ],
  },
  defaultOptions: { sensitiveNamespaces: [] as string[], nodeLabelKey: 'dedicated', taintKey: 'dedicated' },
  validateOptions(options) {
    const { sensitiveNamespaces, nodeLabelKey, taintKey } = options as Record<string, unknown>;
    const errors: string[] = [];
    if (sensitiveNamespaces !== undefined && !(Array.isArray(sensitiveNamespaces) && sensitiveNamespaces.every((item) => typeof item === 'string'))) {
      errors.push('sensitiveNamespaces must be a list of namespace names');
    }
    if (nodeLabelKey !== undefined && (typeof nodeLabelKey !== 'string' || nodeLabelKey === '')) errors.push('nodeLabelKey must be a node label key');
    if (taintKey !== undefined && (typeof taintKey !== 'string' || taintKey === '')) errors.push('taintKey must be a taint key');
    return errors;
  },
  check(object, ctx) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const { sensitiveNamespaces, nodeLabelKey, taintKey } = ctx.options;
    const namespace = namespaceOf(object) ?? 'default';
    const data = { kind: object.kind, name: object.metadata?.name, namespace, labelKey: nodeLabelKey, taintKey };
    const pinning = pinningOf(pod.spec, nodeLabelKey);
    if (sensitiveNamespaces.includes(namespace)) {
      if (!pinning) return [{ messageId: 'notPinned', path: pod.specPath, data }];
      if (!toleratesTaint(pod.spec, taintKey, pinning)) {
        return [{ messageId: 'noToleration', path: pod.spec.tolerations ? `${pod.specPath}.tolerations` : pod.specPath, data }];
      }
      return [];
    }
    // DaemonSets run on every node by design; a dedicated-node toleration there is expected.
    if (object.kind === 'DaemonSet' || pinning) return [];
    const index = tolerations(pod.spec).findIndex((toleration) => toleration.key === taintKey);
    return index === -1 ? [] : [{ messageId: 'toleratesWithoutPinning', path: `${pod.specPath}.tolerations[${index}]`, data }];
  },
});
