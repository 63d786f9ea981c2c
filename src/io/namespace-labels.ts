/**
 * Reads `--namespace-labels FILE` (used by `scan` and `admission serve`): a map `namespace: {label: value}`, or
 * Namespace objects, in YAML or JSON. Problems are usage errors that name the file.
 */
import { readFileSync } from 'node:fs';
import jsYaml from 'js-yaml';
import { ErrorCodes, UsageError } from '../core/errors.js';
import { KUBERNETES_YAML_SCHEMA, parseManifests } from '../core/yaml/parse.js';

/** `--namespace-labels FILE`: a map `namespace: {label: value}` or Namespace objects (YAML or JSON). */
export function readNamespaceLabels(file: string): Record<string, Record<string, string>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(ErrorCodes.USAGE, `--namespace-labels ${file}: ${(error as Error).message}`);
  }
  const parsed = parseManifests(text, file);
  const labels: Record<string, Record<string, string>> = {};
  if (parsed.objects.length > 0) {
    for (const { object } of parsed.objects) {
      if (object.kind === 'Namespace' && object.metadata?.name) labels[object.metadata.name] = { ...(object.metadata.labels ?? {}) };
    }
    return labels;
  }
  let raw: unknown;
  try {
    raw = jsYaml.load(text, { schema: KUBERNETES_YAML_SCHEMA });
  } catch (error) {
    throw new UsageError(ErrorCodes.USAGE, `--namespace-labels ${file}: ${(error as { reason?: string }).reason ?? (error as Error).message}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(ErrorCodes.USAGE, `--namespace-labels ${file}: expected a map of namespace to labels, or Namespace objects`);
  for (const [namespace, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(ErrorCodes.USAGE, `--namespace-labels ${file}: ${namespace}: expected a map of labels`);
    labels[namespace] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  }
  return labels;
}
