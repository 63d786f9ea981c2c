/**
 * "What if this namespace enforced level L?" answered offline from manifests, for pods and controllers alike:
 * which workloads would be rejected (pods) or warned about (controllers, whose new pods are then rejected),
 * with PSA's messages, plus the warnings `kubectl label --dry-run=server … enforce=L` prints for existing pods.
 */
import { describeRef, namespaceOf, refOf, type K8sObject, type ObjectRef } from '../../core/k8s/object.js';
import { exemptionOf, type PodSecurityConfiguration } from './config.js';
import { defaultEvaluator, formatForbiddenReasons, objectPathOf, podUnderReview, violatesMessage, wouldViolateMessage, type PodSecurityEvaluator } from './evaluate.js';
import { formatLevelVersion, type LevelVersion } from './levels.js';

export type WhatIfOutcome = 'rejected' | 'warned' | 'exempt';

export interface WhatIfWorkload {
  object: ObjectRef;
  /** `rejected`: a Pod the API server would refuse; `warned`: a controller admitted with a warning whose pods would be refused. */
  outcome: WhatIfOutcome;
  /** PSA's reasons, e.g. `["allowPrivilegeEscalation != false", "seccompProfile"]`. */
  reasons: string[];
  /** The admission message: `violates PodSecurity "restricted:latest": …` or `would violate PodSecurity …`. */
  message: string;
  /** Paths of the offending fields in the object. */
  paths: string[];
  /** Why an exempt workload is skipped. */
  exemptBecause?: 'namespace' | 'runtimeClass';
}

export interface WhatIfNamespace {
  namespace: string;
  workloads: WhatIfWorkload[];
  /** Workloads evaluated (exempt ones included). */
  evaluated: number;
  /** What `kubectl label --dry-run=server` would print for the existing pods, without the `Warning: ` prefix. */
  dryRunWarnings: string[];
}

export interface WhatIfReport {
  levelVersion: string;
  namespaces: WhatIfNamespace[];
}

export interface WhatIfOptions {
  namespace?: string;
  config?: PodSecurityConfiguration;
  evaluator?: PodSecurityEvaluator;
}

export function whatIfEnforce(objects: readonly K8sObject[], lv: LevelVersion, options: WhatIfOptions = {}): WhatIfReport {
  const evaluator = options.evaluator ?? defaultEvaluator();
  const byNamespace = new Map<string, WhatIfNamespace>();
  const podsByReasons = new Map<string, Map<string, string[]>>();
  for (const object of objects) {
    const pod = podUnderReview(object);
    const namespace = namespaceOf(object);
    if (!pod || namespace === undefined || (options.namespace !== undefined && namespace !== options.namespace)) continue;
    let entry = byNamespace.get(namespace);
    if (!entry) byNamespace.set(namespace, (entry = { namespace, workloads: [], evaluated: 0, dryRunWarnings: [] }));
    entry.evaluated++;
    const exemptBecause = exemptionOf(namespace, pod.spec.runtimeClassName, options.config);
    const result = evaluator.evaluate(lv, pod.metadata, pod.spec);
    if (result.allowed) continue;
    const reasons = result.violations.map((v) => v.reason);
    const paths = result.violations.flatMap((v) => v.paths.map((p) => objectPathOf(pod, p)));
    if (exemptBecause) {
      entry.workloads.push({ object: refOf(object), outcome: 'exempt', reasons, message: wouldViolateMessage(lv, result.violations), paths, exemptBecause });
      continue;
    }
    const isPod = object.kind === 'Pod';
    entry.workloads.push({ object: refOf(object), outcome: isPod ? 'rejected' : 'warned', reasons, message: isPod ? violatesMessage(lv, result.violations) : wouldViolateMessage(lv, result.violations), paths });
    if (isPod) {
      const groups = podsByReasons.get(namespace) ?? new Map<string, string[]>();
      podsByReasons.set(namespace, groups);
      const key = formatForbiddenReasons(result.violations);
      groups.set(key, [...(groups.get(key) ?? []), refOf(object).name]);
    }
  }
  for (const [namespace, groups] of podsByReasons) {
    const entry = byNamespace.get(namespace)!;
    entry.dryRunWarnings = dryRunWarnings(namespace, lv, groups);
  }
  const namespaces = [...byNamespace.values()].sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0));
  for (const entry of namespaces) entry.workloads.sort((a, b) => describeRef(a.object).localeCompare(describeRef(b.object)));
  return { levelVersion: formatLevelVersion(lv), namespaces };
}

/** PSA's namespace dry-run warnings: a header, then one line per distinct reason list, named by its first pod. */
function dryRunWarnings(namespace: string, lv: LevelVersion, groups: ReadonlyMap<string, string[]>): string[] {
  const lines = [...groups].map(([reasons, pods]) => {
    const sorted = [...pods].sort();
    const others = sorted.length - 1;
    const suffix = others === 0 ? '' : others === 1 ? ' (and 1 other pod)' : ` (and ${others} other pods)`;
    return { first: sorted[0], text: `${sorted[0]}${suffix}: ${reasons}` };
  });
  lines.sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  return [`existing pods in namespace ${JSON.stringify(namespace)} violate the new PodSecurity enforce level ${JSON.stringify(formatLevelVersion(lv))}`, ...lines.map((line) => line.text)];
}
