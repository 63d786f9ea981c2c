/**
 * Finds and reads `.kubeward.yaml|.yml`: given with --config, or found upwards from the scanned path
 * (stopping at the git root or the file-system root).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { ConfigError, EMPTY_CONFIG, resolveConfig, type ResolvedConfig } from '../core/config.js';
import type { Registry } from '../core/engine/registry.js';
import { KUBERNETES_YAML_SCHEMA } from '../core/yaml/parse.js';

const CONFIG_NAMES = ['.kubeward.yaml', '.kubeward.yml'];

export function findConfigFile(startPath: string): string | undefined {
  let dir = path.resolve(startPath);
  try {
    if (!statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    if (existsSync(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function loadConfigFile(file: string, registry: Registry): ResolvedConfig {
  let raw: unknown;
  try {
    raw = jsYaml.load(readFileSync(file, 'utf8'), { schema: KUBERNETES_YAML_SCHEMA, filename: file });
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message;
    throw new ConfigError([mark ? `line ${mark.line + 1}, column ${mark.column + 1}: ${reason}` : reason], file);
  }
  if (raw === undefined || raw === null) return EMPTY_CONFIG;
  return resolveConfig(raw, registry, file);
}
