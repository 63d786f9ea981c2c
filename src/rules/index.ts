/**
 * The explicit table of built-in rules: one import line per group, each group one sorted list of rules.
 * grep shows what runs; nothing registers itself.
 */
import { createRegistry, type Registry } from '../core/engine/registry.js';
import type { Rule } from '../core/engine/define-rule.js';
import { clusterRules } from './groups/cluster.js';
import { networkRules } from './groups/network.js';
import { platformRules } from './groups/platform.js';
import { workloadOperationsRules } from './groups/workload-operations.js';
import { workloadSecurityRules } from './groups/workload-security.js';

export const builtinRules: readonly Rule[] = [...workloadSecurityRules, ...workloadOperationsRules, ...platformRules, ...networkRules, ...clusterRules] as readonly Rule[];

let registry: Registry | undefined;
export function builtinRegistry(): Registry {
  registry ??= createRegistry(builtinRules);
  return registry;
}
