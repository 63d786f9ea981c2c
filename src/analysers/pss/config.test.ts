/** PodSecurityConfiguration: the three API versions, AdmissionConfiguration wrapping, defaults and field errors. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_API_VERSIONS, parsePodSecurityConfiguration, parsePodSecurityConfigurationText } from './config.js';
import { formatFieldError, formatLevelVersion } from './levels.js';

const testdata = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata/config');

describe('parsePodSecurityConfiguration', () => {
  for (const apiVersion of CONFIG_API_VERSIONS) {
    it(`accepts ${apiVersion} and applies PSA's defaults`, () => {
      const result = parsePodSecurityConfiguration({ apiVersion, kind: 'PodSecurityConfiguration' });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.config.apiVersion).toBe(apiVersion);
      expect(Object.values(result.config.defaults).map(formatLevelVersion)).toEqual(['privileged:latest', 'privileged:latest', 'privileged:latest']);
      expect(result.config.exemptions).toEqual({ usernames: [], namespaces: [], runtimeClasses: [] });
    });
  }

  it('reads the PodSecurity plugin out of an AdmissionConfiguration', () => {
    const result = parsePodSecurityConfigurationText(readFileSync(path.join(testdata, 'admission-configuration.yaml'), 'utf8'));
    expect(result).toMatchObject({ ok: true, warnings: [] });
    if (!result.ok) return;
    expect(formatLevelVersion(result.config.defaults.enforce)).toBe('baseline:v1.30');
    expect(formatLevelVersion(result.config.defaults.warn)).toBe('restricted:latest');
    expect(result.config.exemptions).toEqual({ usernames: ['system:serviceaccount:ci:deployer'], namespaces: ['kube-system'], runtimeClasses: ['kata'] });
  });

  it('names every invalid field, as upstream validation does', () => {
    const result = parsePodSecurityConfigurationText(readFileSync(path.join(testdata, 'invalid.yaml'), 'utf8'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatFieldError)).toEqual([
      'defaults.enforce: Invalid value: "strict": must be one of privileged, baseline, restricted',
      'defaults.warn-version: Invalid value: "v1.05": must be "latest" or "v1.x"',
      'exemptions.usernames[0]: Invalid value: "": username must not be empty',
      expect.stringMatching(/^exemptions\.namespaces\[1\]: Invalid value: "Bad_Name": a lowercase RFC 1123 label must consist of/),
      'exemptions.namespaces[2]: Duplicate value: "kube-system"',
      'exemptions.runtimeClasses[1]: Duplicate value: "kata.io"',
    ]);
    expect(result.warnings.map(formatFieldError)).toEqual(['exemptions.groups: Unknown field']);
  });

  it('rejects the wrong kind and apiVersion, naming the field under the plugin', () => {
    const result = parsePodSecurityConfiguration({
      apiVersion: 'apiserver.config.k8s.io/v1',
      kind: 'AdmissionConfiguration',
      plugins: [{ name: 'Other' }, { name: 'PodSecurity', configuration: { apiVersion: 'pod-security.admission.config.k8s.io/v2', kind: 'PodSecurityConfig' } }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatFieldError)).toEqual([
      'plugins[1].configuration.apiVersion: Unsupported value: "pod-security.admission.config.k8s.io/v2": supported values: "pod-security.admission.config.k8s.io/v1", "pod-security.admission.config.k8s.io/v1beta1", "pod-security.admission.config.k8s.io/v1alpha1"',
      'plugins[1].configuration.kind: Unsupported value: "PodSecurityConfig": supported values: "PodSecurityConfiguration"',
    ]);
  });

  it('asks for the referenced file when the plugin points to one', () => {
    const result = parsePodSecurityConfiguration({ apiVersion: 'apiserver.config.k8s.io/v1', kind: 'AdmissionConfiguration', plugins: [{ name: 'PodSecurity', path: 'podsecurity.yaml' }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatFieldError(result.errors[0])).toBe('plugins[0].configuration: Required value: the configuration is in the file "podsecurity.yaml"; read that file and parse it instead');
  });

  it('treats empty strings as unset, as upstream defaulting does', () => {
    const result = parsePodSecurityConfiguration({ apiVersion: 'pod-security.admission.config.k8s.io/v1', kind: 'PodSecurityConfiguration', defaults: { enforce: '', 'enforce-version': '' } });
    expect(result.ok && formatLevelVersion(result.config.defaults.enforce)).toBe('privileged:latest');
  });

  it('reports a YAML syntax error on the root', () => {
    const result = parsePodSecurityConfigurationText('defaults: [');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0].field).toBe('<root>');
  });

  it('validates types', () => {
    const result = parsePodSecurityConfiguration({ apiVersion: 'pod-security.admission.config.k8s.io/v1', kind: 'PodSecurityConfiguration', defaults: { audit: 3 }, exemptions: { namespaces: 'kube-system' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatFieldError)).toEqual([
      'defaults.audit: Invalid value: 3: must be one of privileged, baseline, restricted',
      'exemptions.namespaces: Invalid value: "kube-system": must be a list of strings',
    ]);
  });
});
