/**
 * Validates a built-in object against the Kubernetes API's field types, as the API server's decoder would: an
 * unknown field (rejected by strict field validation, silently dropped otherwise) and a value of the wrong JSON
 * type (`containerPort: "8080"`, `value: 8080` for an env var, `yes` for a string) are problems; null is accepted
 * anywhere, as Kubernetes treats it as unset. Custom resources and kinds not in SCHEMA_KINDS are not judged.
 */
import { formatPath, type PathSegment } from '../../yaml/field-path.js';
import type { K8sObject } from '../object.js';
import { SCHEMA_TYPES } from './types.generated.js';
import { SCHEMA_KINDS, type FieldType } from './types.js';

export interface SchemaProblem {
  kind: 'unknown-field' | 'wrong-type';
  /** Field path inside the object. */
  path: string;
  /** The field's own name (the last path segment, or the item index). */
  field: string;
  /** unknown-field: the model that has no such field. */
  model?: string;
  /** wrong-type: what the field must hold. */
  expected?: string;
  actual: string;
}

/** `v1.34.0`: the API version of the field types. */
export const SCHEMA_API_VERSION = /OpenAPI (v[\d.]+)/.exec(SCHEMA_TYPES.source)?.[1] ?? 'unknown';

const MODEL_BY_KIND = new Map(SCHEMA_KINDS.map((entry) => [`${entry.apiVersion}\u0000${entry.kind}`, entry.model]));

/** The model an object is validated against, or undefined for kinds the check does not know. */
export function schemaModelOf(object: K8sObject): string | undefined {
  return MODEL_BY_KIND.get(`${object.apiVersion}\u0000${object.kind}`);
}

/** A readable name of a model: `V1PodSpec` -> `PodSpec`. */
export function modelName(model: string): string {
  return model.replace(/^(?:[A-Z][a-z]+)?V\d+(?:(?:alpha|beta)\d+)?/, '');
}

function describeType(type: FieldType): string {
  if (typeof type === 'object') return 'list' in type ? 'a list' : 'a map';
  switch (type) {
    case 'string':
    case 'bytes':
      return 'a string';
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'time':
      return 'a timestamp string';
    case 'int-or-string':
      return 'an integer or a string';
    case 'quantity':
      return 'a quantity (string or number)';
    default:
      return `a mapping (${modelName(type)})`;
  }
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a number';
    case 'boolean':
      return `the boolean ${value}`;
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field type compiled for the walk: numbers to switch on, fields in a Map, built once. */
const enum Tag { String, Integer, Number, Boolean, IntOrString, Quantity, Any, Model, List, Map }

interface Node {
  tag: Tag;
  /** The type as written in the schema, for messages. */
  type: FieldType;
  /** Model: its fields; List and Map: their item. */
  fields?: Map<string, Node>;
  item?: Node;
  model?: string;
}

const SCALAR_TAGS: Record<string, Tag> = {
  string: Tag.String, bytes: Tag.String, time: Tag.String, integer: Tag.Integer, number: Tag.Number, boolean: Tag.Boolean,
  'int-or-string': Tag.IntOrString, quantity: Tag.Quantity, any: Tag.Any,
};

const models = new Map<string, Node>();

function compile(type: FieldType): Node {
  if (typeof type === 'object') return 'list' in type ? { tag: Tag.List, type, item: compile(type.list) } : { tag: Tag.Map, type, item: compile(type.map) };
  const scalar = SCALAR_TAGS[type];
  if (scalar !== undefined) return { tag: scalar, type };
  let node = models.get(type);
  if (node) return node;
  const fields = SCHEMA_TYPES.types[type];
  if (!fields) return { tag: Tag.Any, type };
  node = { tag: Tag.Model, type, model: type, fields: new Map() };
  // Registered before its fields are compiled: models refer to themselves (JSONSchemaProps-like types).
  models.set(type, node);
  for (const [name, fieldType] of Object.entries(fields)) node.fields!.set(name, compile(fieldType));
  return node;
}

function scalarMatches(tag: Tag, value: unknown): boolean {
  switch (tag) {
    case Tag.String:
      return typeof value === 'string';
    case Tag.Integer:
      return typeof value === 'number' && Number.isInteger(value);
    case Tag.Number:
      return typeof value === 'number';
    case Tag.Boolean:
      return typeof value === 'boolean';
    case Tag.IntOrString:
      return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value));
    case Tag.Quantity:
      return typeof value === 'string' || typeof value === 'number';
    default:
      return true;
  }
}

/** Problems of one object, at most `limit` (a document of the wrong kind would otherwise list every field). */
export function validateAgainstSchema(object: K8sObject, limit = 50): SchemaProblem[] {
  const model = schemaModelOf(object);
  if (!model) return [];
  const problems: SchemaProblem[] = [];
  // Path segments of the value being checked; a path string is made only for a problem.
  const segments: PathSegment[] = [];
  const report = (problem: Omit<SchemaProblem, 'path' | 'field'>) => {
    problems.push({ ...problem, path: formatPath(segments), field: String(segments[segments.length - 1] ?? '') });
  };

  const check = (value: unknown, node: Node): void => {
    if (value === null || value === undefined || problems.length >= limit) return;
    switch (node.tag) {
      case Tag.Any:
        return;
      case Tag.List: {
        if (!Array.isArray(value)) return report({ kind: 'wrong-type', expected: 'a list', actual: describeValue(value) });
        const item = node.item!;
        for (let i = 0; i < value.length; i++) {
          segments.push(i);
          check(value[i], item);
          segments.pop();
        }
        return;
      }
      case Tag.Map: {
        if (!isMapping(value)) return report({ kind: 'wrong-type', expected: 'a map', actual: describeValue(value) });
        const item = node.item!;
        for (const key in value) {
          segments.push(key);
          check(value[key], item);
          segments.pop();
        }
        return;
      }
      case Tag.Model: {
        if (!isMapping(value)) return report({ kind: 'wrong-type', expected: describeType(node.type), actual: describeValue(value) });
        const fields = node.fields!;
        for (const key in value) {
          const field = fields.get(key);
          const fieldValue = value[key];
          if (field !== undefined && field.tag < Tag.Any) {
            // Scalars are checked here, without a path segment unless they are wrong.
            if (fieldValue === null || scalarMatches(field.tag, fieldValue)) continue;
          } else if (field !== undefined && (field.tag === Tag.Any || fieldValue === null)) continue;
          segments.push(key);
          if (field === undefined) report({ kind: 'unknown-field', model: modelName(node.model!), actual: describeValue(fieldValue) });
          else if (field.tag < Tag.Any) report({ kind: 'wrong-type', expected: describeType(field.type), actual: describeValue(fieldValue) });
          else check(fieldValue, field);
          segments.pop();
          if (problems.length >= limit) return;
        }
        return;
      }
      default:
        if (!scalarMatches(node.tag, value)) report({ kind: 'wrong-type', expected: describeType(node.type), actual: describeValue(value) });
    }
  };
  check(object, compile(model));
  return problems;
}
