/**
 * Text -> Kubernetes objects, with a source location for every object and (lazily) every field.
 *
 * Documents are split on `---` first and parsed one by one, so a broken document yields a diagnostic with
 * file:line:column and every other document is still read. Scalars follow YAML 1.1 as Kubernetes reads it
 * (sigs.k8s.io/yaml -> go-yaml v2): `0644` is octal 420, `yes`/`on`/`y` are booleans, timestamps stay strings.
 */
import jsYaml from 'js-yaml';
import { ErrorCodes } from '../errors.js';
import type { Diagnostic, SourceLocation } from '../finding.js';
import { isObject, type K8sObject } from '../k8s/object.js';
import { joinPath } from './field-path.js';
import { buildPositionIndex, type PositionIndex } from './positions.js';

const BOOL_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const BOOL_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

const bool11 = new jsYaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string) => BOOL_TRUE.has(data) || BOOL_FALSE.has(data),
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
  resolve: (data: string) => INT_PATTERN.test(data) && /\d/.test(data),
  construct: parseInt11,
  predicate: (object: unknown) => typeof object === 'number' && Number.isInteger(object),
  represent: { decimal: (object: unknown) => String(object) },
  defaultStyle: 'decimal',
});

const types = (jsYaml as unknown as { types: Record<string, jsYaml.Type> }).types;

/** YAML 1.1 as Kubernetes reads it; timestamps are not an implicit type (they stay strings). */
export const KUBERNETES_YAML_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [types.null, bool11, int11, types.float, types.merge],
  explicit: [types.binary, types.omap, types.pairs, types.set, types.timestamp],
});

/** One object read from a manifest, with enough to locate any of its fields. */
export interface ObjectSource {
  file: string;
  doc: number;
  /** 0-based line where the document's text starts in the file. */
  docStartLine: number;
  /** Path of the object inside the document: '' or `items[3]` for List members. */
  basePath: string;
  text: string;
  /** Helm's `# Source: chart/templates/x.yaml` or Kustomize's origin annotation path, when present. */
  origin?: string;
}

export interface ParsedObject {
  object: K8sObject;
  source: ObjectSource;
}

export interface ParseResult {
  objects: ParsedObject[];
  diagnostics: Diagnostic[];
}

interface RawDocument {
  text: string;
  startLine: number;
}

/** Splits on document markers at column 0 (`---`, `...`), which YAML forbids inside scalars. */
export function splitDocuments(text: string): RawDocument[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const documents: RawDocument[] = [];
  let current: string[] = [];
  let startLine = 0;
  let sawMarker = false;
  const lines = text.split('\n');
  const flush = (nextStart: number) => {
    if (current.length > 0 || sawMarker) documents.push({ text: current.join('\n'), startLine });
    current = [];
    startLine = nextStart;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('---') && (line.length === 3 || line[3] === ' ' || line[3] === '\t' || line[3] === '\r')) {
      flush(i);
      sawMarker = true;
      // Keep content after the marker (`--- {a: 1}`) at its column.
      current.push('   ' + line.slice(3));
      continue;
    }
    if (line.startsWith('...') && (line.length === 3 || /^\.\.\.\s/.test(line))) {
      flush(i + 1);
      sawMarker = false;
      continue;
    }
    current.push(line);
  }
  flush(lines.length);
  return documents;
}

function isBlankDocument(text: string): boolean {
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith('%')) return false;
  }
  return true;
}

/** Parses one file's text. Never throws: problems become diagnostics. */
export function parseManifests(text: string, file: string): ParseResult {
  const objects: ParsedObject[] = [];
  const diagnostics: Diagnostic[] = [];
  const documents = splitDocuments(text);
  documents.forEach((document, doc) => {
    if (isBlankDocument(document.text)) return;
    let value: unknown;
    try {
      value = jsYaml.load(document.text, { schema: KUBERNETES_YAML_SCHEMA, filename: file });
    } catch (error) {
      const mark = (error as { mark?: { line: number; column: number } }).mark;
      const reason = (error as { reason?: string }).reason ?? (error as Error).message;
      const location: SourceLocation = {
        file,
        doc,
        line: document.startLine + (mark?.line ?? 0) + 1,
        column: (mark?.column ?? 0) + 1,
      };
      diagnostics.push({
        level: 'error',
        code: ErrorCodes.MANIFEST_PARSE,
        message: `${file}:${location.line}:${location.column}: YAML parse error: ${reason}`,
        location,
      });
      return;
    }
    if (value === null || value === undefined) return;
    const helmSource = /^# Source: (.+)$/m.exec(document.text)?.[1]?.trim();
    const source = { file, doc, docStartLine: document.startLine, text: document.text, ...(helmSource ? { origin: helmSource } : {}) };
    collect(value, '', source, objects, diagnostics);
  });
  return { objects, diagnostics };
}

function collect(
  value: unknown,
  basePath: string,
  source: Omit<ObjectSource, 'basePath'>,
  objects: ParsedObject[],
  diagnostics: Diagnostic[],
): void {
  const objectSource: ObjectSource = { ...source, basePath };
  const where = () => locateInSource(objectSource, undefined);
  if (!isObject(value)) {
    const location = where();
    diagnostics.push({
      level: 'warning',
      code: ErrorCodes.MANIFEST_NOT_OBJECT,
      message: `${location.file}:${location.line}:${location.column}: document is a ${Array.isArray(value) ? 'list' : typeof value}, not a Kubernetes object; skipped`,
      location,
    });
    return;
  }
  const { apiVersion, kind } = value as Record<string, unknown>;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') {
    const location = where();
    const missing = [typeof apiVersion === 'string' && apiVersion ? '' : 'apiVersion', typeof kind === 'string' && kind ? '' : 'kind'].filter(Boolean).join(' and ');
    diagnostics.push({
      level: 'warning',
      code: ErrorCodes.MANIFEST_NO_KIND,
      message: `${location.file}:${location.line}:${location.column}: object has no ${missing}; skipped`,
      location,
    });
    return;
  }
  if ((kind === 'List' || kind.endsWith('List')) && Array.isArray((value as Record<string, unknown>).items)) {
    // Items of a typed list (`PodList`, as `kubectl get -o yaml` writes) may omit apiVersion and kind.
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    ((value as Record<string, unknown>).items as unknown[]).forEach((item, i) => {
      if (itemKind && isObject(item)) {
        if (item.kind === undefined) item.kind = itemKind;
        if (item.apiVersion === undefined) item.apiVersion = apiVersion;
      }
      collect(item, joinPath(joinPath(basePath, 'items'), i), source, objects, diagnostics);
    });
    return;
  }
  const kustomizeOrigin = (value as K8sObject).metadata?.annotations?.['config.kubernetes.io/origin'];
  if (typeof kustomizeOrigin === 'string') {
    const originPath = /(?:^|\n)path:\s*(\S+)/.exec(kustomizeOrigin)?.[1];
    if (originPath) objectSource.origin = originPath;
  }
  objects.push({ object: value as K8sObject, source: objectSource });
}

/** Position of the first content line of a document: where a whole-document object starts. */
function documentStart(text: string): { line: number; column: number } {
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const content = text.slice(start, end === -1 ? text.length : end);
    const trimmed = content.trimStart();
    if (trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith('%')) return { line, column: content.length - trimmed.length };
    if (end === -1) break;
    start = end + 1;
    line++;
  }
  return { line: 0, column: 0 };
}

/*
 * Position indexes are built on first lookup and only the most recent few are kept: the engine asks for all
 * locations of one object before moving on, so memory stays flat however many documents have findings.
 */
const recentIndexes: Array<{ source: ObjectSource; index: PositionIndex }> = [];
const RECENT_INDEXES = 4;

function indexOf(source: ObjectSource): PositionIndex {
  for (const entry of recentIndexes) if (entry.source.text === source.text && entry.source.file === source.file) return entry.index;
  const index = buildPositionIndex(source.text);
  recentIndexes.unshift({ source, index });
  if (recentIndexes.length > RECENT_INDEXES) recentIndexes.pop();
  return index;
}

/** Location of a field of an object (or of the object itself), 1-based. */
export function locateInSource(source: ObjectSource, path: string | undefined): SourceLocation {
  if (!path && source.basePath === '') {
    const start = documentStart(source.text);
    return withOrigin({ file: source.file, doc: source.doc, line: source.docStartLine + start.line + 1, column: start.column + 1 }, source);
  }
  const fullPath = path ? (source.basePath ? `${source.basePath}${path.startsWith('[') ? '' : '.'}${path}` : path) : source.basePath;
  const position = indexOf(source).lookup(fullPath);
  return withOrigin({ file: source.file, doc: source.doc, line: source.docStartLine + position.line + 1, column: position.column + 1 }, source);
}

function withOrigin(location: SourceLocation, source: ObjectSource): SourceLocation {
  if (source.origin) location.origin = source.origin;
  return location;
}
