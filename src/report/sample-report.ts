/**
 * A small hand-made ScanReport that has every shape a formatter renders: findings of each severity, a suppressed
 * one, a crashed rule, a parse error, an object without a file and a cluster-scoped object. The formatter tests
 * use it; it also serves as demo data. `scanManifestText` runs the real engine and built-in rules on a manifest text,
 * as `kubeward scan` does, without touching files.
 */
import { defineRule, type Category, type Rule } from '../core/engine/define-rule.js';
import type { ObjectEvaluation } from '../core/engine/run.js';
import { ErrorCodes } from '../core/errors.js';
import type { Diagnostic, Finding, Severity } from '../core/finding.js';
import type { ObjectRef } from '../core/k8s/object.js';
import { runRules } from '../core/engine/run.js';
import { locateInSource, parseManifests } from '../core/yaml/parse.js';
import { builtinRegistry } from '../rules/index.js';
import privileged from '../rules/privileged/privileged.rule.js';
import { buildScanReport, type ScanReport } from './model.js';

function sampleRule(id: string, severity: Severity, category: Category, title: string, remediation: string): Rule {
  return defineRule({
    id,
    meta: {
      title,
      category,
      severity,
      description: `${title}: sample rule for report tests.`,
      remediation,
      appliesTo: 'all',
      messages: { problem: '{{text}}' },
      references: [{ title: `Reference for ${id}`, url: `https://example.test/rules/${id}` }],
    },
    check: () => [],
  });
}

export const SAMPLE_RULES: readonly Rule[] = [
  privileged,
  sampleRule('run-as-non-root', 'high', 'privilege', 'Containers must run as non-root', 'Set securityContext.runAsNonRoot: true.'),
  sampleRule('resource-limits', 'medium', 'resources', 'Containers must set resource limits', 'Set resources.limits.cpu and memory.'),
  sampleRule('latest-tag', 'low', 'images', 'Images must not use the latest tag', 'Pin the image to a version or digest.'),
  sampleRule('missing-labels', 'info', 'hygiene', 'Workloads should carry the recommended labels', 'Add app.kubernetes.io/name.'),
  sampleRule('cluster-admin-binding', 'high', 'rbac', 'Avoid binding cluster-admin', 'Bind a narrower ClusterRole.'),
];

const WEB: ObjectRef = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' };
const API: ObjectRef = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'api' };
const ADMINS: ObjectRef = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: 'admins' };
const DEBUG: ObjectRef = { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'debug' };

const WORKLOAD_RULES = ['privileged', 'run-as-non-root', 'resource-limits', 'latest-tag', 'missing-labels'];

function finding(ruleId: string, severity: Severity, category: Category, object: ObjectRef, message: string, extra: Partial<Finding> = {}): Finding {
  return { ruleId, severity, category, messageId: ruleId === 'privileged' ? 'privileged' : 'problem', message, object, ...extra };
}

export function sampleFindings(): Finding[] {
  const containerPath = 'spec.template.spec.containers[0]';
  return [
    finding('privileged', 'critical', 'privilege', WEB, 'Container "app" runs privileged.', {
      path: `${containerPath}.securityContext.privileged`,
      location: { file: 'deploy/web.yaml', doc: 0, line: 24, column: 13 },
    }),
    finding('run-as-non-root', 'high', 'privilege', WEB, 'Container "app" may run as root.', {
      path: `${containerPath}.securityContext`,
      location: { file: 'deploy/web.yaml', doc: 0, line: 22, column: 11 },
    }),
    finding('latest-tag', 'low', 'images', WEB, 'Container "app" uses image nginx:latest.', {
      path: `${containerPath}.image`,
      location: { file: 'deploy/web.yaml', doc: 0, line: 20, column: 18 },
      suppressed: { kind: 'annotation', reason: 'pinned by digest in the prod overlay' },
    }),
    finding('missing-labels', 'info', 'hygiene', WEB, 'Deployment has no app.kubernetes.io/name label.', {
      path: 'metadata.labels',
      location: { file: 'deploy/web.yaml', doc: 0, line: 4, column: 3 },
    }),
    finding('cluster-admin-binding', 'high', 'rbac', ADMINS, 'ClusterRoleBinding admins grants cluster-admin to group "devs".', {
      path: 'roleRef.name',
      location: { file: 'rbac.yaml', doc: 0, line: 7, column: 9 },
    }),
    finding('privileged', 'critical', 'privilege', DEBUG, 'Container "shell" runs privileged.', {
      path: 'spec.containers[0].securityContext.privileged',
    }),
    finding('resource-limits', 'medium', 'resources', DEBUG, 'Container "shell" has no memory limit.', {
      path: 'spec.containers[0].resources',
      suppressed: { kind: 'config', reason: 'debug pods are short-lived', expires: '2099-01-01' },
    }),
  ];
}

export function sampleEvaluations(): ObjectEvaluation[] {
  return [
    { object: WEB, location: { file: 'deploy/web.yaml', doc: 0, line: 1, column: 1 }, rules: WORKLOAD_RULES },
    {
      object: API,
      location: { file: 'deploy/web.yaml', doc: 1, line: 31, column: 1 },
      rules: WORKLOAD_RULES.filter((id) => id !== 'resource-limits'),
      crashed: ['resource-limits'],
    },
    { object: ADMINS, location: { file: 'rbac.yaml', doc: 0, line: 1, column: 1 }, rules: ['cluster-admin-binding'] },
    { object: DEBUG, rules: WORKLOAD_RULES },
  ];
}

export function sampleDiagnostics(): Diagnostic[] {
  return [
    {
      level: 'error',
      code: ErrorCodes.MANIFEST_PARSE,
      message: 'broken.yaml:3:5: YAML parse error: bad indentation of a mapping entry',
      location: { file: 'broken.yaml', doc: 0, line: 3, column: 5 },
    },
    {
      level: 'error',
      code: ErrorCodes.RULE_CRASHED,
      message: 'rule resource-limits failed on Deployment shop/api: Cannot read properties of undefined',
      ruleId: 'resource-limits',
      object: API,
      location: { file: 'deploy/web.yaml', doc: 1, line: 31, column: 1 },
      cause: 'TypeError: Cannot read properties of undefined\n    at check (resource-limits.rule.ts:10:5)',
    },
  ];
}

export const SAMPLE_STARTED_AT = '2026-03-01T12:00:00.250Z';

/** The sample scan: 4 objects, 16 evaluations, one crash, one parse error. */
export function sampleReport(overrides: { findings?: Finding[]; evaluations?: ObjectEvaluation[]; diagnostics?: Diagnostic[] } = {}): ScanReport {
  return buildScanReport({
    findings: overrides.findings ?? sampleFindings(),
    evaluations: overrides.evaluations ?? sampleEvaluations(),
    diagnostics: overrides.diagnostics ?? sampleDiagnostics(),
    rules: SAMPLE_RULES,
    version: '0.1.0',
    startedAt: SAMPLE_STARTED_AT,
    durationMs: 1234,
    source: { type: 'manifests', paths: ['deploy', 'rbac.yaml', 'broken.yaml'], files: ['broken.yaml', 'deploy/web.yaml', 'rbac.yaml'] },
  });
}

/** Text a crafted manifest could put into names and messages: markup, quotes, control characters. */
export const HOSTILE_TEXT = `<img src="https://evil.test/x.png" onerror="alert(1)"></script><script>alert('x')</script> & "q" 'a' \u001b[31mred\u001b[0m \u0007 ]]> --> `;

/** A report whose names, paths, messages and reasons all carry HOSTILE_TEXT. */
export function hostileReport(): ScanReport {
  const object: ObjectRef = { apiVersion: 'v1', kind: 'Pod', namespace: 'ns-x', name: `evil${HOSTILE_TEXT}` };
  const location = { file: `dir with space/${HOSTILE_TEXT}.yaml`, doc: 0, line: 2, column: 3 };
  return buildScanReport({
    findings: [
      finding('privileged', 'critical', 'privilege', object, `Container ${HOSTILE_TEXT} runs privileged.`, {
        path: `spec.containers[0].securityContext.privileged${HOSTILE_TEXT}`,
        location,
      }),
      finding('latest-tag', 'low', 'images', object, `Image ${HOSTILE_TEXT}`, {
        location,
        suppressed: { kind: 'annotation', reason: `because ${HOSTILE_TEXT}` },
      }),
    ],
    evaluations: [{ object, location: { ...location, line: 1, column: 1 }, rules: WORKLOAD_RULES }],
    diagnostics: [{ level: 'warning', code: ErrorCodes.MANIFEST_NO_KIND, message: `document without kind ${HOSTILE_TEXT}`, location }],
    rules: SAMPLE_RULES,
    version: '0.1.0',
    startedAt: SAMPLE_STARTED_AT,
    source: { type: 'manifests', paths: ['.'], files: [location.file] },
  });
}

/** A privileged Deployment (line 10), a clean Pod and a broken document. */
export const E2E_MANIFEST = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: web, namespace: shop}',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          image: nginx:1.27',
  '          securityContext: {privileged: true}',
  '---',
  'apiVersion: v1',
  'kind: Pod',
  'metadata: {name: ok}',
  'spec:',
  '  containers: [{name: app, image: nginx:1.27}]',
  '---',
  'kind: [broken',
].join('\n');

/** Parses `text` as the file `file` and runs every built-in rule on it, as `kubeward scan` does. */
export function scanManifestText(text: string, file: string): ScanReport {
  const parsed = parseManifests(text, file);
  const sources = new Map(parsed.objects.map((entry) => [entry.object, entry.source]));
  const registry = builtinRegistry();
  const result = runRules(
    registry,
    parsed.objects.map((entry) => entry.object),
    {
      locate: (object, fieldPath) => {
        const source = sources.get(object);
        return source ? locateInSource(source, fieldPath) : undefined;
      },
    },
  );
  return buildScanReport({
    ...result,
    diagnostics: [...parsed.diagnostics, ...result.diagnostics],
    rules: registry.rules,
    version: '0.1.0',
    startedAt: SAMPLE_STARTED_AT,
    durationMs: 12,
    source: { type: 'manifests', paths: [file], files: [file] },
  });
}
