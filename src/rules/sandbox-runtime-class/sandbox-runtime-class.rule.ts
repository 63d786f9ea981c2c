/**
 * Untrusted code (tenant workloads, CI jobs, user plugins) should run under a sandboxed runtime such as gVisor or
 * Kata Containers, which puts a second kernel boundary between it and the node. Restricted fields: pod spec
 * runtimeClassName.   Allowed values: a sandbox RuntimeClass for workloads marked untrusted; for every workload, a
 * RuntimeClass that exists when the scan contains RuntimeClass objects.   Source: Kubernetes RuntimeClass docs.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { namespaceOf, type K8sObject } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

export const DEFAULT_SANDBOX_RUNTIME_CLASSES = ['kata', 'kata-qemu', 'kata-clh', 'kata-fc', 'gvisor', 'runsc'];

interface Options {
  untrustedNamespaces: string[];
  untrustedLabels: Record<string, string>;
  sandboxRuntimeClasses: string[];
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function hasAnyLabel(labels: Record<string, string> | undefined, wanted: Record<string, string>): boolean {
  return labels !== undefined && Object.entries(wanted).some(([key, value]) => labels[key] === value);
}

function untrustedByLabel(object: K8sObject, podLabels: Record<string, string> | undefined, namespaceLabels: Record<string, string> | undefined, wanted: Record<string, string>): boolean {
  return [object.metadata?.labels, podLabels, namespaceLabels].some((labels) => hasAnyLabel(labels, wanted));
}

export default defineRule({
  id: 'sandbox-runtime-class',
  meta: {
    title: 'Untrusted workloads should run in a sandboxed runtime',
    category: 'sandboxing',
    severity: 'medium',
    description: 'Containers share the node\'s kernel, so one kernel exploit in untrusted code compromises the node; a sandboxed runtime (gVisor, Kata Containers) adds a second boundary.',
    remediation: 'Set runtimeClassName to a sandbox RuntimeClass (for example gvisor or kata) on untrusted workloads, and make sure that RuntimeClass exists.',
    appliesTo: 'workloads',
    messages: {
      notSandboxed: '{{kind}} {{name}} is untrusted ({{reason}}) but runs with runtime class "{{runtimeClass}}", which is not a sandbox.',
      runtimeClassNotFound: 'RuntimeClass "{{runtimeClass}}" is not among the RuntimeClass objects of the scan; the pods will be rejected.',
    },
    references: [
      { title: 'Kubernetes documentation: Runtime Class', url: 'https://kubernetes.io/docs/concepts/containers/runtime-class/' },
      { title: 'Kubernetes multi-tenancy: sandboxing containers', url: 'https://kubernetes.io/docs/concepts/security/multi-tenancy/#sandboxing-containers' },
      { title: 'MITRE ATT&CK T1611 Escape to Host', url: 'https://attack.mitre.org/techniques/T1611/' },
    ],
  },
  defaultOptions: {
    untrustedNamespaces: [] as string[],
    untrustedLabels: {} as Record<string, string>,
    sandboxRuntimeClasses: DEFAULT_SANDBOX_RUNTIME_CLASSES,
  },
  validateOptions(options) {
    const { untrustedNamespaces, untrustedLabels, sandboxRuntimeClasses } = options as Partial<Record<keyof Options, unknown>>;
    const errors: string[] = [];
    if (untrustedNamespaces !== undefined && !isStringList(untrustedNamespaces)) errors.push('untrustedNamespaces must be a list of namespace names');
    if (untrustedLabels !== undefined && !(typeof untrustedLabels === 'object' && untrustedLabels !== null && !Array.isArray(untrustedLabels) && Object.values(untrustedLabels).every((value) => typeof value === 'string'))) {
      errors.push('untrustedLabels must map label keys to string values');
    }
    if (sandboxRuntimeClasses !== undefined && !isStringList(sandboxRuntimeClasses)) errors.push('sandboxRuntimeClasses must be a list of RuntimeClass names or handlers');
    return errors;
  },
  check(object, ctx) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const { untrustedNamespaces, untrustedLabels, sandboxRuntimeClasses } = ctx.options;
    const runtimeClass = typeof pod.spec.runtimeClassName === 'string' ? pod.spec.runtimeClassName : undefined;
    const runtimeClasses = ctx.objects.ofKind('RuntimeClass');
    const declared: K8sObject | undefined = runtimeClass ? runtimeClasses.find((candidate) => candidate.metadata?.name === runtimeClass) : undefined;
    // Runs for every workload and mostly reports nothing: path and data are built only for a finding.
    const path = () => (runtimeClass ? `${pod.specPath}.runtimeClassName` : pod.specPath);
    const data = () => ({ kind: object.kind, name: object.metadata?.name, runtimeClass: runtimeClass ?? 'default' });

    if (runtimeClass && runtimeClasses.length > 0 && !declared) {
      return [{ messageId: 'runtimeClassNotFound', path: path(), data: data(), severity: 'low' }];
    }
    const namespace = namespaceOf(object) ?? 'default';
    const reason = untrustedNamespaces.includes(namespace)
      ? `namespace ${namespace}`
      : Object.keys(untrustedLabels).length > 0 && untrustedByLabel(object, pod.metadata.labels, ctx.objects.namespaceObject(namespace)?.metadata?.labels, untrustedLabels)
        ? 'untrusted label'
        : undefined;
    if (!reason) return [];
    // A RuntimeClass counts as a sandbox by its own name or by the handler it maps to (e.g. `sandboxed` -> `runsc`).
    const handler = typeof declared?.handler === 'string' ? declared.handler : undefined;
    const sandboxed = runtimeClass !== undefined && (sandboxRuntimeClasses.includes(runtimeClass) || (handler !== undefined && sandboxRuntimeClasses.includes(handler)));
    return sandboxed ? [] : [{ messageId: 'notSandboxed', path: path(), data: { ...data(), reason } }];
  },
});
