/**
 * CONTEXT_RULES (the checks kept off at admission) is honest from both sides: with default settings, hardened
 * objects reviewed alone get findings from no other check; and every listed check either fires on a hardened object
 * reviewed alone (it judges by what is missing around it) or never fires on an object alone (it needs the others).
 */
import { describe, expect, it } from 'vitest';
import { indexObjects } from '../../src/core/engine/object-index.js';
import { runRules } from '../../src/core/engine/run.js';
import type { K8sObject } from '../../src/core/k8s/object.js';
import { builtinRegistry } from '../../src/rules/index.js';
import { CONTEXT_RULES } from '../../src/server/admission/settings.js';
import { asWorkload, pod, WORKLOAD_WRAPPERS } from '../../src/testing/fixtures.js';

const registry = builtinRegistry();

function hardenedObjects(): K8sObject[] {
  return [
    ...WORKLOAD_WRAPPERS.map((kind) => asWorkload(pod(), kind)),
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { type: 'ClusterIP', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web', namespace: 'shop' }, automountServiceAccountToken: false },
  ];
}

const alone = (object: K8sObject, rules = {}) => runRules(registry, [object], { rules, index: indexObjects([object]) }).findings;

describe('CONTEXT_RULES', () => {
  it('names registered checks only', () => {
    for (const id of CONTEXT_RULES) expect(registry.get(id), id).toBeDefined();
  });

  it('are the only default checks that fire on hardened objects reviewed alone', () => {
    const fired = new Set(hardenedObjects().flatMap((object) => alone(object).map((f) => f.ruleId)));
    expect([...fired].filter((id) => !CONTEXT_RULES.has(id))).toEqual([]);
    expect(fired.size).toBeGreaterThan(0);
  });

  it('each either fires on a hardened object alone, or fires only with other objects', () => {
    const everyContextRule = Object.fromEntries([...CONTEXT_RULES].map((id) => [id, { enabled: true }]));
    const firesAlone = new Set(hardenedObjects().flatMap((object) => alone(object, everyContextRule).map((f) => f.ruleId)));
    const needsOthers = [...CONTEXT_RULES].filter((id) => !firesAlone.has(id));
    // The reachability checks need NetworkPolicies: alone they find nothing, with an open policy they fire.
    expect(needsOthers.sort()).toEqual(['netpol-reachable-from-all-namespaces', 'netpol-reachable-from-internet']);
    const deployment = asWorkload(pod(), 'Deployment');
    const openPolicy: K8sObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'open', namespace: 'shop' },
      spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { namespaceSelector: {} }] }] },
    };
    const risky = { ...deployment, metadata: { ...deployment.metadata, namespace: 'shop' } };
    for (const object of [...hardenedObjects(), risky]) expect(alone(object, everyContextRule).filter((f) => needsOthers.includes(f.ruleId))).toEqual([]);
    const withPolicy = runRules(registry, [risky, openPolicy], { rules: everyContextRule }).findings.map((f) => f.ruleId);
    expect(withPolicy).toEqual(expect.arrayContaining(needsOthers));
  });
});
