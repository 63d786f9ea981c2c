/**
 * Organisation-specific bounds on container CPU and memory: requests and limits outside the configured range are
 * usually typos (`1000` cores instead of `1000m`) or workloads that need a capacity review.
 * Restricted fields: <pod spec>.{initContainers,containers}[*].resources.{requests,limits}.{cpu,memory}
 * Allowed values: within the `cpu` / `memory` bounds of the options; no bounds configured (the default) = pass.
 */
import { defineRule, type Violation } from '../../core/engine/define-rule.js';
import { containersOf, describeContainer, INIT_AND_APP_CONTAINERS } from '../../core/k8s/containers.js';
import { isObject } from '../../core/k8s/object.js';
import { podSpecOf } from '../../core/k8s/pod-spec.js';
import { parseQuantity } from '../../core/k8s/quantity.js';
import { effectiveResource, type ResourceBound } from '../../core/k8s/resources.js';

export interface ResourceBounds {
  requestMin?: string;
  requestMax?: string;
  limitMin?: string;
  limitMax?: string;
}

export interface ResourceRangeOptions {
  cpu?: ResourceBounds;
  memory?: ResourceBounds;
}

const RESOURCES = ['cpu', 'memory'] as const;
const BOUND_KEYS = ['requestMin', 'requestMax', 'limitMin', 'limitMax'] as const;
const BOUNDS: ReadonlyArray<{ bound: ResourceBound; min: keyof ResourceBounds; max: keyof ResourceBounds; word: string }> = [
  { bound: 'requests', min: 'requestMin', max: 'requestMax', word: 'request' },
  { bound: 'limits', min: 'limitMin', max: 'limitMax', word: 'limit' },
];

function validate(options: unknown): string[] {
  if (!isObject(options)) return ['expected an object with cpu and/or memory bounds'];
  const problems: string[] = [];
  for (const [resource, bounds] of Object.entries(options)) {
    if (!(RESOURCES as readonly string[]).includes(resource)) {
      problems.push(`${resource}: unknown option (only cpu and memory)`);
      continue;
    }
    if (!isObject(bounds)) {
      problems.push(`${resource}: expected an object with requestMin, requestMax, limitMin, limitMax`);
      continue;
    }
    for (const [key, value] of Object.entries(bounds)) {
      if (!(BOUND_KEYS as readonly string[]).includes(key)) problems.push(`${resource}.${key}: unknown bound (requestMin, requestMax, limitMin, limitMax)`);
      else if (parseQuantity(value) === undefined) problems.push(`${resource}.${key}: expected a quantity such as "500m" or "1Gi"`);
    }
    for (const { min, max } of BOUNDS) {
      const low = parseQuantity(bounds[min]);
      const high = parseQuantity(bounds[max]);
      if (low !== undefined && high !== undefined && low > high) problems.push(`${resource}.${min}: greater than ${resource}.${max}`);
    }
  }
  return problems;
}

export default defineRule({
  id: 'resource-range',
  meta: {
    title: 'Container CPU and memory should stay within configured bounds',
    category: 'resources',
    severity: 'info',
    description: 'Requests and limits far outside what your clusters offer are usually unit mistakes; they leave pods unschedulable or let one workload reserve a whole node.',
    remediation: 'Bring the value within the configured range, or raise the bound after a capacity review.',
    appliesTo: 'workloads',
    messages: {
      belowMin: '{{container}}: {{resource}} {{bound}} {{value}} is below the configured minimum {{limit}}.',
      aboveMax: '{{container}}: {{resource}} {{bound}} {{value}} is above the configured maximum {{limit}}.',
    },
    references: [
      { title: 'Kubernetes: Resource Management for Pods and Containers, resource units', url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#resource-units-in-kubernetes' },
      { title: 'Kubernetes: Limit Ranges (the cluster-side way to enforce bounds)', url: 'https://kubernetes.io/docs/concepts/policy/limit-range/' },
    ],
    peers: { kubescape: ['C-0009'] },
    optional: true,
  },
  defaultOptions: {} as ResourceRangeOptions,
  validateOptions: validate,
  check(object, { options }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const violations: Violation<'belowMin' | 'aboveMax'>[] = [];
    for (const view of containersOf(pod.spec, pod.specPath, INIT_AND_APP_CONTAINERS)) {
      for (const resource of RESOURCES) {
        const bounds = options[resource];
        if (!isObject(bounds)) continue;
        for (const { bound, min, max, word } of BOUNDS) {
          const value = effectiveResource(view, bound, resource);
          const amount = parseQuantity(value);
          if (amount === undefined) continue;
          const path = `${view.path}.resources.${isObject(view.container.resources?.[bound]) && view.container.resources[bound][resource] !== undefined ? bound : 'limits'}.${resource}`;
          const data = { container: describeContainer(view), resource, bound: word, value: String(value) };
          const low = parseQuantity(bounds[min]);
          const high = parseQuantity(bounds[max]);
          if (low !== undefined && amount < low) violations.push({ messageId: 'belowMin', path, data: { ...data, limit: String(bounds[min]) } });
          else if (high !== undefined && amount > high) violations.push({ messageId: 'aboveMax', path, data: { ...data, limit: String(bounds[max]) } });
        }
      }
    }
    return violations;
  },
});
