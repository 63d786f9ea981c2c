/**
 * The YAML schema Kubernetes reads manifests with (sigs.k8s.io/yaml -> go-yaml v2, YAML 1.1): `0644` is octal 420,
 * `yes`/`on`/`y` are booleans, timestamps stay strings. Shared by the js-yaml loader and the fast loader.
 */
import jsYaml from 'js-yaml';

const BOOL_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const BOOL_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

/** First letters of the YAML 1.1 booleans: y, n, t, f, o in either case. */
function startsBoolean(data: string): boolean {
  switch (data.charCodeAt(0) | 0x20) {
    case 0x79: case 0x6e: case 0x74: case 0x66: case 0x6f: return true;
    default: return false;
  }
}

/*
 * Every plain scalar (keys included) is offered to each implicit type in turn, so each resolver first rejects
 * on length or first character, which settles nearly every key and string value without a Set or regex.
 */
const bool11 = new jsYaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string | null) => typeof data === 'string' && data.length <= 5 && startsBoolean(data) && (BOOL_TRUE.has(data) || BOOL_FALSE.has(data)),
  construct: (data: string) => BOOL_TRUE.has(data),
  predicate: (object: unknown) => typeof object === 'boolean',
  represent: { lowercase: (object: unknown) => (object ? 'true' : 'false') },
  defaultStyle: 'lowercase',
});

/** go-yaml v2 ints: strconv.ParseInt(s without '_', 0, 64): 0x, 0o, 0b, leading-zero octal, signs. */
const INT_PATTERN = /^[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[1-9][0-9_]*|0)$/;

function parseInt11(data: string): number {
  let text = data.replace(/_/g, '');
  let sign = 1;
  if (text[0] === '-' || text[0] === '+') {
    if (text[0] === '-') sign = -1;
    text = text.slice(1);
  }
  if (text.startsWith('0b')) return sign * parseInt(text.slice(2), 2);
  if (text.startsWith('0x')) return sign * parseInt(text.slice(2), 16);
  if (text.startsWith('0o')) return sign * parseInt(text.slice(2), 8);
  if (text.length > 1 && text.startsWith('0')) return sign * parseInt(text.slice(1), 8);
  return sign * parseInt(text, 10);
}

const int11 = new jsYaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) => startsNumeric(data, false) && INT_PATTERN.test(data!) && /\d/.test(data!),
  construct: parseInt11,
  predicate: (object: unknown) => typeof object === 'number' && Number.isInteger(object),
  represent: { decimal: (object: unknown) => String(object) },
  defaultStyle: 'decimal',
});

/** Whether a scalar can start a number: a sign or a digit (or `.` for floats: `.5`, `.inf`, `.nan`). */
function startsNumeric(data: string | null, allowDot: boolean): boolean {
  if (typeof data !== 'string') return false;
  const ch = data.charCodeAt(0);
  return (ch >= 48 && ch <= 57) || ch === 45 /* - */ || ch === 43 /* + */ || (allowDot && ch === 46 /* . */);
}

const types = (jsYaml as unknown as { types: Record<string, jsYaml.Type> }).types;

/** js-yaml's float, behind the same first-character check. */
const float = new jsYaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string | null) => startsNumeric(data, true) && types.float.resolve(data),
  construct: types.float.construct,
  predicate: types.float.predicate ?? undefined,
  represent: types.float.represent ?? undefined,
  defaultStyle: types.float.defaultStyle ?? undefined,
});

/** YAML 1.1 as Kubernetes reads it; timestamps are not an implicit type (they stay strings). */
export const KUBERNETES_YAML_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [types.null, bool11, int11, float, types.merge],
  explicit: [types.binary, types.omap, types.pairs, types.set, types.timestamp],
});
