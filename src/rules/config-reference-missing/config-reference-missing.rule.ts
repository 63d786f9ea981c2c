/**
 * A required Secret or ConfigMap that does not exist keeps the pod from starting (CreateContainerConfigError, or a
 * volume that never mounts); a missing key does the same.
 * Reads: env[*].valueFrom.{secretKeyRef,configMapKeyRef}, envFrom[*].{secretRef,configMapRef} of every container,
 * and volumes[*].{secret,configMap} and projected sources with their items. References marked `optional: true`
 * are skipped. A kind is checked in a namespace only when the input holds at least one object of that kind there
 * (Secrets also count when produced by a SealedSecret, ExternalSecret or cert-manager Certificate of the input).
 * The `kube-root-ca.crt` ConfigMap (key `ca.crt`), which Kubernetes publishes in every namespace, always exists.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import type { ObjectIndex } from '../../core/engine/object-index.js';
import { containersOf, describeContainer } from '../../core/k8s/containers.js';
import { isObject, namespaceOf } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';

type ConfigKind = 'Secret' | 'ConfigMap';

interface ConfigReference {
  kind: ConfigKind;
  name: string;
  keys: string[];
  path: string;
  /** `container "app" env "DB_PASSWORD"`, `volume "settings"`. */
  source: string;
}

/** A reference that must resolve: a mapping with a non-empty name, not marked optional. */
function isRequired(ref: any, nameField: 'name' | 'secretName'): boolean {
  return isObject(ref) && ref.optional !== true && typeof ref[nameField] === 'string' && ref[nameField] !== '';
}

/*
 * Runs for every workload: paths, sources and key lists are built only for the references that count (most env
 * entries are plain values), in the same order as the fields appear.
 */
function collectReferences(spec: Record<string, any>, specPath: string): ConfigReference[] {
  const references: ConfigReference[] = [];
  const add = (kind: ConfigKind, ref: any, nameField: 'name' | 'secretName', keys: () => string[], path: () => string, source: () => string) => {
    if (isRequired(ref, nameField)) references.push({ kind, name: ref[nameField], keys: keys(), path: path(), source: source() });
  };
  const itemKeys = (ref: any) => (): string[] => (Array.isArray(ref?.items) ? ref.items.map((item: any) => item?.key).filter((k: unknown) => typeof k === 'string') : []);
  const refKey = (ref: any) => (): string[] => (typeof ref?.key === 'string' ? [ref.key] : []);
  const noKeys = (): string[] => [];
  for (const view of containersOf(spec, specPath)) {
    const container = () => describeContainer(view);
    (Array.isArray(view.container.env) ? view.container.env : []).forEach((entry: any, i: number) => {
      const secret = entry?.valueFrom?.secretKeyRef;
      const configMap = entry?.valueFrom?.configMapKeyRef;
      if (secret === undefined && configMap === undefined) return;
      const source = () => `${container()} env "${entry?.name}"`;
      add('Secret', secret, 'name', refKey(secret), () => `${view.path}.env[${i}].valueFrom.secretKeyRef`, source);
      add('ConfigMap', configMap, 'name', refKey(configMap), () => `${view.path}.env[${i}].valueFrom.configMapKeyRef`, source);
    });
    (Array.isArray(view.container.envFrom) ? view.container.envFrom : []).forEach((entry: any, i: number) => {
      add('Secret', entry?.secretRef, 'name', noKeys, () => `${view.path}.envFrom[${i}].secretRef`, () => `${container()} envFrom`);
      add('ConfigMap', entry?.configMapRef, 'name', noKeys, () => `${view.path}.envFrom[${i}].configMapRef`, () => `${container()} envFrom`);
    });
  }
  (Array.isArray(spec.volumes) ? spec.volumes : []).forEach((volume: any, i: number) => {
    const source = () => `volume "${volume?.name}"`;
    add('Secret', volume?.secret, 'secretName', itemKeys(volume?.secret), () => `${specPath}.volumes[${i}].secret`, source);
    add('ConfigMap', volume?.configMap, 'name', itemKeys(volume?.configMap), () => `${specPath}.volumes[${i}].configMap`, source);
    (Array.isArray(volume?.projected?.sources) ? volume.projected.sources : []).forEach((projection: any, j: number) => {
      const base = `${specPath}.volumes[${i}].projected.sources[${j}]`;
      add('Secret', projection?.secret, 'name', itemKeys(projection?.secret), () => `${base}.secret`, source);
      add('ConfigMap', projection?.configMap, 'name', itemKeys(projection?.configMap), () => `${base}.configMap`, source);
    });
  });
  return references;
}

/** Secrets the input will produce through common controllers, by name. */
function producedSecretNames(objects: ObjectIndex, namespace: string): string[] {
  return [
    ...objects.inNamespace('SealedSecret', namespace).map((o) => o.spec?.template?.metadata?.name ?? o.metadata?.name),
    ...objects.inNamespace('ExternalSecret', namespace).map((o) => o.spec?.target?.name ?? o.metadata?.name),
    ...objects.inNamespace('Certificate', namespace).map((o) => o.spec?.secretName),
  ].filter((name): name is string => typeof name === 'string');
}

/** Published by the control plane's root-CA publisher in every namespace, so never part of the manifests. */
const ROOT_CA_CONFIG_MAP = 'kube-root-ca.crt';
const ROOT_CA_KEYS: ReadonlySet<string> = new Set(['ca.crt']);

function keysOf(object: Record<string, any>, kind: ConfigKind): Set<string> {
  const maps = kind === 'Secret' ? [object.data, object.stringData] : [object.data, object.binaryData];
  return new Set(maps.flatMap((map) => (isObject(map) ? Object.keys(map) : [])));
}

export default defineRule({
  id: 'config-reference-missing',
  meta: {
    title: 'Workloads must reference Secrets and ConfigMaps that exist',
    category: 'cross-object',
    severity: 'medium',
    description: 'A pod that needs a Secret, a ConfigMap or a key that does not exist never starts its containers; the reference is usually a typo or a manifest missing from the release.',
    remediation: 'Add the Secret or ConfigMap (with the key) to the manifests, fix the name, or mark the reference optional: true.',
    appliesTo: 'workloads',
    messages: {
      missing: '{{source}} references {{kind}} "{{name}}", which is not among the {{kind}}s of namespace {{namespace}} in the input.',
      keyMissing: '{{source}} references key "{{key}}" of {{kind}} "{{name}}", which has no such key.',
    },
    references: [
      { title: 'Kubernetes: Configure a Pod to Use a ConfigMap (optional references)', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/' },
      { title: 'Kubernetes: Secrets, using Secrets as environment variables', url: 'https://kubernetes.io/docs/concepts/configuration/secret/' },
    ],
    peers: { kubeLinter: ['env-value-from'] },
  },
  check(object, { objects }) {
    const pod = podSpecOf(object);
    const namespace = namespaceOf(object);
    if (!pod || namespace === undefined) return [];
    const violations = [];
    let producedSecrets: string[] | undefined;
    for (const reference of collectReferences(pod.spec, pod.specPath)) {
      const produced = reference.kind === 'Secret' ? (producedSecrets ??= producedSecretNames(objects, namespace)) : [];
      if (objects.inNamespace(reference.kind, namespace).length === 0 && produced.length === 0) continue;
      const target = objects.find(reference.kind, namespace, reference.name);
      const { source, kind, name } = reference;
      const rootCa = !target && kind === 'ConfigMap' && name === ROOT_CA_CONFIG_MAP;
      if (!target && !rootCa) {
        if (!produced.includes(name)) violations.push({ messageId: 'missing' as const, path: reference.path, data: { source, kind, name, namespace } });
        continue;
      }
      const keys = target ? keysOf(target, kind) : ROOT_CA_KEYS;
      for (const key of reference.keys.filter((k) => !keys.has(k))) {
        violations.push({ messageId: 'keyMissing' as const, path: reference.path, data: { source, kind, name, key } });
      }
    }
    return violations;
  },
});
