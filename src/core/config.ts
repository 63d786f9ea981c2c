/**
 * `.kubeward.yaml`: validates a config *object* (reading the file is io/) into settings the engine takes.
 * Errors name the key path, e.g. `checks.image-registry.options.trustedRegistries: expected an array`.
 */
import { z } from 'zod';
import type { Registry } from './engine/registry.js';
import type { RuleSetting } from './engine/run.js';
import { SEVERITIES, type Severity } from './finding.js';

const severity = z.enum(SEVERITIES);

const checkSetting = z.union([
  // `off`/`on` arrive as booleans: config files are read as YAML 1.1, like manifests.
  z.boolean(),
  z.enum(['off', 'on']),
  severity,
  z
    .object({
      enabled: z.boolean().optional(),
      severity: severity.optional(),
      options: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
]);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'expected a date like 2027-01-31');

const exemption = z
  .object({
    /** Rule ids; omitted or ['*'] = every rule. */
    checks: z.array(z.string()).optional(),
    namespaces: z.array(z.string()).optional(),
    kinds: z.array(z.string()).optional(),
    /** Object names; `*` wildcards allowed. */
    names: z.array(z.string()).optional(),
    labels: z.record(z.string(), z.string()).optional(),
    reason: z.string().min(1, 'every exemption needs a reason'),
    expires: z.union([isoDate, z.date()]).optional(),
  })
  .strict();

export const configSchema = z
  .object({
    version: z.literal(1),
    failOn: z.union([severity, z.literal('none')]).optional(),
    checks: z.record(z.string(), checkSetting).optional(),
    exemptions: z.array(exemption).optional(),
    exclude: z.array(z.string()).optional(),
    /** Ignore `kubeward.io/ignore` annotations on objects (an object cannot exempt itself). */
    disallowAnnotationExemptions: z.boolean().optional(),
  })
  .strict();

export type ConfigFile = z.infer<typeof configSchema>;

export interface Exemption {
  checks?: string[];
  namespaces?: string[];
  kinds?: string[];
  names?: string[];
  labels?: Record<string, string>;
  reason: string;
  /** ISO date (YYYY-MM-DD or full timestamp). */
  expires?: string;
}

export interface ResolvedConfig {
  failOn?: Severity | 'none';
  rules: Record<string, RuleSetting>;
  exemptions: Exemption[];
  exclude: string[];
  disallowAnnotationExemptions: boolean;
}

export const EMPTY_CONFIG: ResolvedConfig = { rules: {}, exemptions: [], exclude: [], disallowAnnotationExemptions: false };

export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    readonly file?: string,
  ) {
    super(`${file ? `${file}: ` : ''}invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function keyPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('') || '(root)';
}

/** Validates a parsed config object against the schema and the registry (unknown check ids, rule options). */
export function resolveConfig(raw: unknown, registry: Registry, file?: string): ResolvedConfig {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${keyPath(issue.path)}: ${issue.message}`), file);
  }
  const config = parsed.data;
  const problems: string[] = [];
  const rules: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(config.checks ?? {})) {
    const rule = registry.get(id);
    if (!rule) {
      problems.push(`checks.${id}: unknown check id (\`kubeward checks\` lists them)`);
      continue;
    }
    if (setting === 'off' || setting === false) rules[id] = { enabled: false };
    else if (setting === 'on' || setting === true) rules[id] = { enabled: true };
    else if (typeof setting === 'string') rules[id] = { enabled: true, severity: setting };
    else {
      if (setting.options) {
        const optionProblems = rule.validateOptions?.(setting.options) ?? [];
        problems.push(...optionProblems.map((p) => `checks.${id}.options: ${p}`));
      }
      rules[id] = {
        ...(setting.enabled !== undefined ? { enabled: setting.enabled } : {}),
        ...(setting.severity ? { severity: setting.severity } : {}),
        ...(setting.options ? { options: setting.options } : {}),
      };
    }
  }
  (config.exemptions ?? []).forEach((exemption, i) => {
    for (const id of exemption.checks ?? []) {
      if (id !== '*' && !registry.get(id) && !id.includes(':') && !id.startsWith('pss-')) problems.push(`exemptions[${i}].checks: unknown check id "${id}"`);
    }
  });
  if (problems.length > 0) throw new ConfigError(problems, file);
  return {
    ...(config.failOn ? { failOn: config.failOn } : {}),
    rules,
    exemptions: (config.exemptions ?? []).map(({ expires, ...rest }) => ({
      ...rest,
      ...(expires !== undefined ? { expires: expires instanceof Date ? expires.toISOString().slice(0, 10) : expires } : {}),
    })),
    exclude: config.exclude ?? [],
    disallowAnnotationExemptions: config.disallowAnnotationExemptions ?? false,
  };
}
