/**
 * The ServiceAccount a pod runs as: `serviceAccountName`, else the deprecated `serviceAccount`, else `default`
 * (the API server copies the deprecated field into the new one only when the new one is empty).
 */
import type { PodTemplateView } from './pod-spec.js';

export interface PodServiceAccount {
  name: string;
  /** Path of the field that names it, or the pod spec path when neither field is set. */
  path: string;
  /** False when the pod falls back to `default` without naming it. */
  explicit: boolean;
}

export function serviceAccountOf(pod: PodTemplateView): PodServiceAccount {
  const { spec, specPath } = pod;
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '') {
    return { name: spec.serviceAccountName, path: `${specPath}.serviceAccountName`, explicit: true };
  }
  if (typeof spec.serviceAccount === 'string' && spec.serviceAccount !== '') {
    return { name: spec.serviceAccount, path: `${specPath}.serviceAccount`, explicit: true };
  }
  return { name: 'default', path: specPath, explicit: false };
}
