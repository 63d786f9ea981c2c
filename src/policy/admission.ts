/**
 * The admission request a policy sees, built from a plain object (scan, audit, gator) or from an
 * AdmissionReview (tests of UPDATE and DELETE, the webhook). Also maps kinds to API resources, which
 * VAP resourceRules are written in.
 */
import { apiGroupOf, isClusterScoped, isObject, type K8sObject } from '../core/k8s/object.js';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

export interface UserInfo {
  username?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

/** One review: what VAP and Gatekeeper expressions see as `request`, `object` and `oldObject`. */
export interface AdmissionInput {
  /** Empty for audit-style reviews of plain objects, which Gatekeeper makes without an operation. */
  operation: Operation | '';
  object: K8sObject | null;
  oldObject: K8sObject | null;
  kind: GroupVersionKind;
  resource: GroupVersionResource;
  subResource: string;
  name: string;
  /** Empty for cluster-scoped objects. */
  namespace: string;
  userInfo: UserInfo;
  dryRun: boolean;
  options?: Record<string, unknown>;
  /** The AdmissionRequest as received, when the input was an AdmissionReview. */
  raw?: Record<string, unknown>;
}

/** Plural resource names that are not the lower-cased kind plus `s`. */
const IRREGULAR_RESOURCES: Record<string, string> = {
  Endpoints: 'endpoints',
  PodSecurityPolicy: 'podsecuritypolicies',
  NetworkPolicy: 'networkpolicies',
  Ingress: 'ingresses',
  IngressClass: 'ingressclasses',
  StorageClass: 'storageclasses',
  PriorityClass: 'priorityclasses',
  RuntimeClass: 'runtimeclasses',
  GatewayClass: 'gatewayclasses',
  ValidatingAdmissionPolicy: 'validatingadmissionpolicies',
  MutatingAdmissionPolicy: 'mutatingadmissionpolicies',
  ResourceClaimTemplate: 'resourceclaimtemplates',
};

/** `Deployment` -> `deployments`, `NetworkPolicy` -> `networkpolicies`, `Ingress` -> `ingresses`. */
export function resourceOfKind(kind: string): string {
  if (IRREGULAR_RESOURCES[kind]) return IRREGULAR_RESOURCES[kind];
  const lower = kind.toLowerCase();
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

export function gvkOf(object: K8sObject): GroupVersionKind {
  const apiVersion = object.apiVersion ?? '';
  const slash = apiVersion.indexOf('/');
  return { group: apiGroupOf(apiVersion), version: slash === -1 ? apiVersion : apiVersion.slice(slash + 1), kind: object.kind };
}

function namespaceFor(object: K8sObject): string {
  if (isClusterScoped(object)) return '';
  return object.metadata?.namespace || 'default';
}

export interface ObjectReviewOptions {
  operation?: Operation | '';
  oldObject?: K8sObject | null;
  userInfo?: UserInfo;
}

/**
 * A review of a plain object. CREATE by default (what applying a manifest does); pass `operation: ''` for a
 * Gatekeeper audit or gator review, which carries no operation.
 */
export function reviewOfObject(object: K8sObject, options: ObjectReviewOptions = {}): AdmissionInput {
  const kind = gvkOf(object);
  return {
    operation: options.operation ?? 'CREATE',
    object,
    oldObject: options.oldObject ?? null,
    kind,
    resource: { group: kind.group, version: kind.version, resource: resourceOfKind(kind.kind) },
    subResource: '',
    name: object.metadata?.name ?? '',
    namespace: namespaceFor(object),
    userInfo: options.userInfo ?? {},
    dryRun: false,
  };
}

export function isAdmissionReview(object: unknown): boolean {
  return isObject(object) && object.kind === 'AdmissionReview' && typeof object.apiVersion === 'string' && object.apiVersion.startsWith('admission.k8s.io/');
}

const OPERATIONS = new Set(['CREATE', 'UPDATE', 'DELETE', 'CONNECT']);

/** The review an AdmissionReview carries; throws with a reason when it is not usable. */
export function reviewOfAdmissionReview(review: Record<string, any>): AdmissionInput {
  const request = review.request;
  if (!isObject(request)) throw new Error('AdmissionReview has no request');
  const object = isObject(request.object) ? (request.object as K8sObject) : null;
  const oldObject = isObject(request.oldObject) ? (request.oldObject as K8sObject) : null;
  const subject = object ?? oldObject;
  if (!subject) throw new Error('AdmissionReview request has neither object nor oldObject');
  const operation = typeof request.operation === 'string' ? request.operation : '';
  if (operation !== '' && !OPERATIONS.has(operation)) throw new Error(`AdmissionReview request has unknown operation "${operation}"`);
  const fromSubject = reviewOfObject(subject);
  const kind = isObject(request.kind) ? { group: String(request.kind.group ?? ''), version: String(request.kind.version ?? ''), kind: String(request.kind.kind ?? subject.kind) } : fromSubject.kind;
  const resource = isObject(request.resource)
    ? { group: String(request.resource.group ?? ''), version: String(request.resource.version ?? ''), resource: String(request.resource.resource ?? '') }
    : { group: kind.group, version: kind.version, resource: resourceOfKind(kind.kind) };
  return {
    operation: operation as Operation | '',
    object,
    oldObject,
    kind,
    resource,
    subResource: typeof request.subResource === 'string' ? request.subResource : '',
    name: typeof request.name === 'string' ? request.name : fromSubject.name,
    namespace: typeof request.namespace === 'string' ? request.namespace : fromSubject.namespace,
    userInfo: isObject(request.userInfo) ? (request.userInfo as UserInfo) : {},
    dryRun: request.dryRun === true,
    options: isObject(request.options) ? request.options : undefined,
    raw: request,
  };
}

/** The object whose labels and name a review is about: the new object, or the old one on DELETE. */
export function subjectOf(input: AdmissionInput): K8sObject {
  const subject = input.object ?? input.oldObject;
  if (!subject) throw new Error('invariant failed: a review has an object or an oldObject');
  return subject;
}
