/**
 * PSA's own configuration file: a `PodSecurityConfiguration` (pod-security.admission.config.k8s.io v1,
 * v1beta1, v1alpha1), alone or inside an API server `AdmissionConfiguration` under the PodSecurity plugin.
 * A pure parser: data in, a typed config or field errors out (upstream's validation rules and messages), so
 * the CLI and the admission webhook read the same file the same way.
 */
import jsYaml from 'js-yaml';
import { KUBERNETES_YAML_SCHEMA } from '../../core/yaml/parse.js';
import { joinPath } from '../../core/yaml/field-path.js';
import { isObject } from '../../core/k8s/object.js';
import { isLevel, LATEST, LEVEL_ERROR, MODES, parseVersion, VERSION_ERROR, type FieldError, type Level, type Policy } from './levels.js';

export const CONFIG_API_VERSIONS = [
  'pod-security.admission.config.k8s.io/v1',
  'pod-security.admission.config.k8s.io/v1beta1',
  'pod-security.admission.config.k8s.io/v1alpha1',
] as const;

const ADMISSION_CONFIG_API_VERSIONS = ['apiserver.config.k8s.io/v1', 'apiserver.config.k8s.io/v1alpha1', 'apiserver.k8s.io/v1alpha1'];

export interface PodSecurityExemptions {
  /** Exact matches on the requesting user's name. */
  usernames: string[];
  /** Exact matches on the namespace name. */
  namespaces: string[];
  /** Exact matches on `spec.runtimeClassName`. */
  runtimeClasses: string[];
}

export interface PodSecurityConfiguration {
  apiVersion: (typeof CONFIG_API_VERSIONS)[number];
  /** The policy of a namespace that has no PodSecurity labels. */
  defaults: Policy;
  exemptions: PodSecurityExemptions;
}

export type ConfigParseResult =
  | { ok: true; config: PodSecurityConfiguration; warnings: FieldError[] }
  | { ok: false; errors: FieldError[]; warnings: FieldError[] };

/** The configuration PSA uses when none is given: everything privileged at latest, no exemptions. */
export function defaultPodSecurityConfiguration(): PodSecurityConfiguration {
  return {
    apiVersion: 'pod-security.admission.config.k8s.io/v1',
    defaults: { enforce: { level: 'privileged', version: LATEST }, audit: { level: 'privileged', version: LATEST }, warn: { level: 'privileged', version: LATEST } },
    exemptions: { usernames: [], namespaces: [], runtimeClasses: [] },
  };
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

function namespaceNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length > 63) problems.push('must be no more than 63 characters');
  if (!DNS1123_LABEL.test(name)) problems.push(LABEL_MESSAGE);
  return problems;
}

function subdomainProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length > 253) problems.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(name)) problems.push(SUBDOMAIN_MESSAGE);
  return problems;
}

const DEFAULT_KEYS = ['enforce', 'enforce-version', 'audit', 'audit-version', 'warn', 'warn-version'] as const;
const EXEMPTION_KEYS = ['usernames', 'namespaces', 'runtimeClasses'] as const;

/**
 * Why PSA would skip a workload offline: its namespace or its runtime class is exempt. Username exemptions need
 * the live request and never apply here.
 */
export function exemptionOf(namespace: string | undefined, runtimeClassName: unknown, config: PodSecurityConfiguration | undefined): 'namespace' | 'runtimeClass' | undefined {
  if (!config) return undefined;
  if (namespace !== undefined && config.exemptions.namespaces.includes(namespace)) return 'namespace';
  if (typeof runtimeClassName === 'string' && config.exemptions.runtimeClasses.includes(runtimeClassName)) return 'runtimeClass';
  return undefined;
}

/** Parses a PodSecurityConfiguration (or an AdmissionConfiguration holding one) already decoded from YAML/JSON. */
export function parsePodSecurityConfiguration(document: unknown): ConfigParseResult {
  const errors: FieldError[] = [];
  const warnings: FieldError[] = [];
  if (!isObject(document)) return { ok: false, errors: [{ field: '<root>', type: 'Invalid', detail: 'must be an object' }], warnings };

  let source: Record<string, unknown> = document;
  let prefix = '';
  if (document.kind === 'AdmissionConfiguration') {
    if (!ADMISSION_CONFIG_API_VERSIONS.includes(String(document.apiVersion))) {
      errors.push({ field: 'apiVersion', type: 'Unsupported', value: document.apiVersion, detail: `supported values: ${ADMISSION_CONFIG_API_VERSIONS.map((v) => JSON.stringify(v)).join(', ')}` });
    }
    const plugins = Array.isArray(document.plugins) ? document.plugins : [];
    const index = plugins.findIndex((plugin) => isObject(plugin) && plugin.name === 'PodSecurity');
    if (index === -1) return { ok: false, errors: [...errors, { field: 'plugins', type: 'Required', detail: 'no plugin named PodSecurity' }], warnings };
    const plugin = plugins[index] as Record<string, unknown>;
    prefix = `plugins[${index}].configuration`;
    if (!isObject(plugin.configuration)) {
      const detail = typeof plugin.path === 'string' ? `the configuration is in the file ${JSON.stringify(plugin.path)}; read that file and parse it instead` : 'must hold the PodSecurityConfiguration';
      return { ok: false, errors: [...errors, { field: prefix, type: 'Required', detail }], warnings };
    }
    source = plugin.configuration;
  }
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);

  const apiVersion = source.apiVersion;
  if (apiVersion === undefined) errors.push({ field: at('apiVersion'), type: 'Required' });
  else if (!(CONFIG_API_VERSIONS as readonly unknown[]).includes(apiVersion)) {
    errors.push({ field: at('apiVersion'), type: 'Unsupported', value: apiVersion, detail: `supported values: ${CONFIG_API_VERSIONS.map((v) => JSON.stringify(v)).join(', ')}` });
  }
  if (source.kind !== 'PodSecurityConfiguration') {
    errors.push(source.kind === undefined ? { field: at('kind'), type: 'Required' } : { field: at('kind'), type: 'Unsupported', value: source.kind, detail: 'supported values: "PodSecurityConfiguration"' });
  }
  for (const key of Object.keys(source)) {
    if (!['apiVersion', 'kind', 'defaults', 'exemptions'].includes(key)) warnings.push({ field: joinPath(prefix, key), type: 'Unknown' });
  }

  const config = defaultPodSecurityConfiguration();
  if (errors.length === 0) config.apiVersion = apiVersion as PodSecurityConfiguration['apiVersion'];

  const defaults = source.defaults;
  if (defaults !== undefined && defaults !== null && !isObject(defaults)) errors.push({ field: at('defaults'), type: 'Invalid', value: defaults, detail: 'must be an object' });
  if (isObject(defaults)) {
    for (const key of Object.keys(defaults)) {
      if (!(DEFAULT_KEYS as readonly string[]).includes(key)) warnings.push({ field: joinPath(at('defaults'), key), type: 'Unknown' });
    }
    for (const mode of MODES) {
      const level = defaults[mode];
      if (level !== undefined && level !== '') {
        if (typeof level === 'string' && isLevel(level)) config.defaults[mode].level = level as Level;
        else errors.push({ field: at(`defaults.${mode}`), type: 'Invalid', value: level, detail: LEVEL_ERROR });
      }
      const versionText = defaults[`${mode}-version`];
      if (versionText !== undefined && versionText !== '') {
        const version = typeof versionText === 'string' ? parseVersion(versionText) : undefined;
        if (version !== undefined) config.defaults[mode].version = version;
        else errors.push({ field: at(`defaults.${mode}-version`), type: 'Invalid', value: versionText, detail: VERSION_ERROR });
      }
    }
  }

  const exemptions = source.exemptions;
  if (exemptions !== undefined && exemptions !== null && !isObject(exemptions)) errors.push({ field: at('exemptions'), type: 'Invalid', value: exemptions, detail: 'must be an object' });
  if (isObject(exemptions)) {
    for (const key of Object.keys(exemptions)) {
      if (!(EXEMPTION_KEYS as readonly string[]).includes(key)) warnings.push({ field: joinPath(at('exemptions'), key), type: 'Unknown' });
    }
    const problemsOf: Record<(typeof EXEMPTION_KEYS)[number], (value: string) => string[]> = {
      usernames: (value) => (value === '' ? ['username must not be empty'] : []),
      namespaces: namespaceNameProblems,
      runtimeClasses: subdomainProblems,
    };
    for (const key of EXEMPTION_KEYS) {
      const list = exemptions[key];
      if (list === undefined || list === null) continue;
      if (!Array.isArray(list)) {
        errors.push({ field: at(`exemptions.${key}`), type: 'Invalid', value: list, detail: 'must be a list of strings' });
        continue;
      }
      const seen = new Set<string>();
      list.forEach((value, index) => {
        const field = at(`exemptions.${key}[${index}]`);
        if (typeof value !== 'string') {
          errors.push({ field, type: 'Invalid', value, detail: 'must be a string' });
          return;
        }
        const problems = problemsOf[key](value);
        if (problems.length > 0) errors.push({ field, type: 'Invalid', value, detail: problems.join(', ') });
        else if (seen.has(value)) errors.push({ field, type: 'Duplicate', value });
        else {
          seen.add(value);
          config.exemptions[key].push(value);
        }
      });
    }
  }
  return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, config, warnings };
}

/** Parses the text of a configuration file (YAML or JSON). A YAML syntax error is reported as a field error on `<root>`. */
export function parsePodSecurityConfigurationText(text: string): ConfigParseResult {
  let document: unknown;
  try {
    document = jsYaml.load(text, { schema: KUBERNETES_YAML_SCHEMA });
  } catch (error) {
    return { ok: false, errors: [{ field: '<root>', type: 'Invalid', detail: `not valid YAML: ${(error as Error).message.split('\n')[0]}` }], warnings: [] };
  }
  return parsePodSecurityConfiguration(document);
}
