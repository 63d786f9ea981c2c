/** analysePodSecurity: findings per failing check at a chosen level, or per workload from namespace labels. */
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../core/k8s/object.js';
import { asWorkload, fromYaml, pod } from '../../testing/index.js';
import { analysePodSecurity } from './analyse.js';
import { parsePodSecurityConfiguration, type PodSecurityConfiguration } from './config.js';

const namespace = (name: string, labels: Record<string, string>): K8sObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
const privilegedPod = pod((p) => { p.spec.containers[0].securityContext.privileged = true; });
const noSeccompPod = pod((p) => { delete p.spec.securityContext.seccompProfile; });

describe('with a level', () => {
  it('reports each failing check of each workload, with severity by the level the check belongs to', () => {
    const deployment = asWorkload(pod((p) => {
      p.spec.containers[0].securityContext.privileged = true;
      delete p.spec.securityContext.runAsNonRoot;
    }), 'Deployment');
    const { findings, diagnostics } = analysePodSecurity([deployment], { level: 'restricted', version: 'v1.30' });
    expect(diagnostics).toEqual([]);
    expect(findings.map((f) => [f.ruleId, f.severity, f.path, f.message])).toEqual([
      ['pss-privileged', 'high', 'spec.template.spec.containers[0].securityContext.privileged', 'violates PodSecurity "restricted:v1.30": privileged (container "app" must not set securityContext.privileged=true)'],
      ['pss-run-as-non-root', 'medium', 'spec.template.spec.securityContext.runAsNonRoot', 'violates PodSecurity "restricted:v1.30": runAsNonRoot != true (pod or containers "setup", "app" must set securityContext.runAsNonRoot=true)'],
    ]);
    expect(findings[0]).toMatchObject({ source: 'pss', messageId: 'privileged', category: 'privilege', object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' } });
  });

  it('checks only baseline at baseline', () => {
    expect(analysePodSecurity([noSeccompPod], { level: 'baseline' }).findings).toEqual([]);
    expect(analysePodSecurity([noSeccompPod], { level: 'restricted' }).findings.map((f) => f.ruleId)).toEqual(['pss-seccomp-profile-restricted']);
  });

  it('ignores namespace labels when a level is given', () => {
    const { findings } = analysePodSecurity([namespace('shop', { 'pod-security.kubernetes.io/enforce': 'privileged' }), privilegedPod], { level: 'baseline' });
    expect(findings.map((f) => f.ruleId)).toEqual(['pss-privileged']);
  });

  it('fills locations through the locator', () => {
    const calls: Array<string | undefined> = [];
    const { findings } = analysePodSecurity([privilegedPod], {
      level: 'baseline',
      locate: (_object, path) => {
        calls.push(path);
        return { file: 'pod.yaml', doc: 0, line: 7, column: 3 };
      },
    });
    expect(calls).toEqual(['spec.containers[0].securityContext.privileged']);
    expect(findings[0].location).toEqual({ file: 'pod.yaml', doc: 0, line: 7, column: 3 });
  });

  it('caps latest at the cluster\'s Kubernetes version', () => {
    const probeHost = pod((p) => { p.spec.containers[0].livenessProbe.httpGet.host = 'localhost'; });
    expect(analysePodSecurity([probeHost], { level: 'baseline' }).findings.map((f) => f.ruleId)).toEqual(['pss-host-probes-and-lifecycle']);
    expect(analysePodSecurity([probeHost], { level: 'baseline', kubernetesVersion: 'v1.33' }).findings).toEqual([]);
    expect(analysePodSecurity([probeHost], { level: 'baseline', kubernetesVersion: '1.34' }).findings).toHaveLength(1);
  });

  it('rejects a malformed version as a usage error', () => {
    expect(() => analysePodSecurity([privilegedPod], { level: 'baseline', version: 'v1.05' })).toThrow('invalid Pod Security version "v1.05"');
  });

  it('honours runtime class and namespace exemptions from the PodSecurityConfiguration', () => {
    const config = configOf({ exemptions: { runtimeClasses: ['kata'], namespaces: ['tools'] } });
    const kata = pod((p) => { p.spec.runtimeClassName = 'kata'; p.spec.containers[0].securityContext.privileged = true; });
    const inTools = pod((p) => { p.metadata.namespace = 'tools'; p.spec.containers[0].securityContext.privileged = true; });
    expect(analysePodSecurity([kata, inTools, privilegedPod], { level: 'baseline', config }).findings.map((f) => f.object.namespace)).toEqual(['shop']);
  });
});

function configOf(body: Record<string, unknown>): PodSecurityConfiguration {
  const parsed = parsePodSecurityConfiguration({ apiVersion: 'pod-security.admission.config.k8s.io/v1', kind: 'PodSecurityConfiguration', ...body });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.config;
}

describe('from namespace labels', () => {
  it('reports a pod rejected by enforce as high', () => {
    const { findings } = analysePodSecurity([namespace('shop', { 'pod-security.kubernetes.io/enforce': 'baseline' }), privilegedPod]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'pss-enforce',
      severity: 'high',
      path: 'spec.containers[0].securityContext.privileged',
      message: 'Pod shop/web will be rejected at admission: violates PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true)',
    });
  });

  it('says that a controller\'s pods are rejected, not the controller', () => {
    const { findings } = analysePodSecurity([namespace('shop', { 'pod-security.kubernetes.io/enforce': 'baseline' }), asWorkload(privilegedPod, 'StatefulSet')]);
    expect(findings.map((f) => f.message)).toEqual([
      'pods of StatefulSet shop/web will be rejected at admission: violates PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true)',
    ]);
  });

  it('reports warn-only and audit-only violations as medium', () => {
    const objects = [
      namespace('shop', { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'restricted' }),
      namespace('lab', { 'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/audit-version': 'v1.25' }),
      noSeccompPod,
      pod((p) => { p.metadata.namespace = 'lab'; delete p.spec.securityContext.seccompProfile; }),
    ];
    const { findings } = analysePodSecurity(objects);
    expect(findings.map((f) => [f.ruleId, f.severity, f.message])).toEqual([
      ['pss-warn', 'medium', 'Pod shop/web is admitted with a warning: would violate PodSecurity "restricted:latest": seccompProfile (pod or containers "setup", "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")'],
      ['pss-audit', 'medium', 'Pod lab/web is admitted and recorded in the audit log: would violate PodSecurity "restricted:v1.25": seccompProfile (pod or containers "setup", "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")'],
    ]);
  });

  it('warns at the enforce level when warn is not labelled', () => {
    const objects = [namespace('shop', { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.18' }), noSeccompPod];
    // restricted v1.18 does not require seccomp; the warn level follows enforce's version too.
    expect(analysePodSecurity(objects).findings).toEqual([]);
  });

  it('takes labels from the namespaceLabels option, over Namespace objects', () => {
    const objects = [namespace('shop', { 'pod-security.kubernetes.io/enforce': 'restricted' }), privilegedPod];
    expect(analysePodSecurity(objects, { namespaceLabels: { shop: {} } }).findings).toEqual([]);
    expect(analysePodSecurity([privilegedPod], { namespaceLabels: { shop: { 'pod-security.kubernetes.io/enforce': 'baseline' } } }).findings.map((f) => f.ruleId)).toEqual(['pss-enforce']);
  });

  it('uses configured defaults for unlabelled namespaces and skips exempt namespaces', () => {
    const config = configOf({ defaults: { enforce: 'baseline' }, exemptions: { namespaces: ['kube-system'] } });
    const system = pod((p) => { p.metadata.namespace = 'kube-system'; p.spec.containers[0].securityContext.privileged = true; });
    expect(analysePodSecurity([privilegedPod, system], { config }).findings.map((f) => `${f.ruleId} ${f.object.namespace}`)).toEqual(['pss-enforce shop']);
  });

  it('reports nothing for privileged namespaces and namespaces without labels', () => {
    expect(analysePodSecurity([privilegedPod]).findings).toEqual([]);
    expect(analysePodSecurity([namespace('shop', { 'pod-security.kubernetes.io/enforce': 'privileged' }), privilegedPod]).findings).toEqual([]);
  });

  it('turns invalid labels into warnings, once per namespace, and fails closed for enforce', () => {
    const objects = [namespace('shop', { 'pod-security.kubernetes.io/enforce': 'strict' }), noSeccompPod, asWorkload(noSeccompPod, 'Deployment')];
    const { findings, diagnostics } = analysePodSecurity(objects);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ level: 'warning', code: 'E_PSS_CONFIG_INVALID' });
    expect(diagnostics[0].message).toBe('namespace "shop": metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted (PSA evaluates it as enforce=restricted:latest, audit=privileged:latest, warn=privileged:latest)');
    expect(findings.map((f) => f.ruleId)).toEqual(['pss-enforce', 'pss-enforce']);
  });

  it('reads manifests as users write them', () => {
    const objects = fromYaml(`
apiVersion: v1
kind: Namespace
metadata:
  name: payments
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: v1.29
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: settle
  namespace: payments
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          securityContext:
            runAsNonRoot: true
            seccompProfile:
              type: RuntimeDefault
          volumes:
            - name: scratch
          containers:
            - name: settle
              image: registry.example.com/settle:1
              securityContext:
                allowPrivilegeEscalation: false
                capabilities:
                  drop: [ALL]
                  add: [NET_ADMIN]
`);
    const { findings } = analysePodSecurity(objects);
    expect(findings.map((f) => [f.path, f.message])).toEqual([
      [
        'spec.jobTemplate.spec.template.spec.containers[0].securityContext.capabilities.add[0]',
        'pods of CronJob payments/settle will be rejected at admission: violates PodSecurity "restricted:v1.29": unrestricted capabilities (container "settle" must not include "NET_ADMIN" in securityContext.capabilities.add)',
      ],
    ]);
  });
});
