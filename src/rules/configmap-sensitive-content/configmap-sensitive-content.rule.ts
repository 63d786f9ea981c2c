/**
 * ConfigMaps are meant for non-confidential data: they are not encrypted at rest, are readable by wider RBAC than
 * Secrets and are printed by routine tooling, so credentials in them are exposed.
 * Restricted fields: ConfigMap data[*] and binaryData[*]
 * Allowed values: no well-known credential format; no literal under a key that names a credential; no
 * `key = value` / `key: value` line of an embedded config file that assigns a literal to a credential setting.
 * Messages name the key and line, never the value.
 */
import { defineRule } from '../../core/engine/define-rule.js';
import { isObject } from '../../core/k8s/object.js';
import { credentialKind, isLiteralSecretValue, isSensitiveName, sensitiveAssignments } from '../../core/k8s/sensitive.js';
import { joinPath } from '../../core/yaml/field-path.js';

function decodeBase64(value: unknown): string | undefined {
  return typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : undefined;
}

export default defineRule({
  id: 'configmap-sensitive-content',
  meta: {
    title: 'ConfigMaps must not contain credentials',
    category: 'secrets',
    severity: 'high',
    description: 'ConfigMaps are not encrypted at rest and are readable by far more users and tools than Secrets, so a password, token or private key in one is effectively public inside the cluster.',
    remediation: 'Move the credential into a Secret (or an external secret store), reference it from there, and rotate it.',
    appliesTo: ['ConfigMap'],
    messages: {
      credentialValue: 'ConfigMap key "{{key}}" contains what looks like {{kind}}.',
      sensitiveKey: 'ConfigMap key "{{key}}" names a credential and holds a literal value.',
      sensitiveLines: 'ConfigMap key "{{key}}" assigns literal values to credential settings ({{settings}}) on line {{lines}}.',
    },
    references: [
      { title: 'Kubernetes: ConfigMaps ("ConfigMap does not provide secrecy or encryption")', url: 'https://kubernetes.io/docs/concepts/configuration/configmap/' },
      { title: 'MITRE ATT&CK T1552.001 Unsecured Credentials: Credentials In Files', url: 'https://attack.mitre.org/techniques/T1552/001/' },
    ],
    peers: { polaris: ['sensitiveConfigmapContent'], kubescape: ['C-0012'], trivy: ['KSV-01010', 'KSV-0109'] },
  },
  check(object) {
    if (object.kind !== 'ConfigMap') return [];
    const violations = [];
    const data = isObject(object.data) ? object.data : {};
    for (const [key, value] of Object.entries(data)) {
      if (typeof value !== 'string') continue;
      const path = joinPath('data', key);
      const kind = credentialKind(value);
      if (kind) {
        violations.push({ messageId: 'credentialValue' as const, path, data: { key, kind } });
      } else if (!value.includes('\n')) {
        if (isSensitiveName(key) && isLiteralSecretValue(value)) violations.push({ messageId: 'sensitiveKey' as const, path, data: { key } });
      } else {
        const assignments = sensitiveAssignments(value);
        if (assignments.length > 0) {
          violations.push({
            messageId: 'sensitiveLines' as const,
            path,
            data: { key, settings: [...new Set(assignments.map((a) => a.key))].join(', '), lines: assignments.map((a) => a.line).join(', ') },
          });
        }
      }
    }
    const binaryData = isObject(object.binaryData) ? object.binaryData : {};
    for (const [key, value] of Object.entries(binaryData)) {
      const kind = credentialKind(decodeBase64(value));
      if (kind) violations.push({ messageId: 'credentialValue' as const, path: joinPath('binaryData', key), data: { key, kind } });
    }
    return violations;
  },
});
