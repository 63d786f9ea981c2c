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
import type { Locator } from '../engine/run.js';
import { isObject, type K8sObject } from '../k8s/object.js';
import { joinPath } from './field-path.js';
import { fastLoad, UNSUPPORTED } from './fast-load.js';
import { positionsOf } from './positions.js';
import { KUBERNETES_YAML_SCHEMA } from './schema.js';

export { KUBERNETES_YAML_SCHEMA } from './schema.js';

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
export function splitDocuments(input: string): RawDocument[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const documents: RawDocument[] = [];
  let docStart = 0;
  let docStartLine = 0;
  let prefix = '';
  let pending = true;
  let line = 0;
  let lineStart = 0;
  const close = (end: number) => {
    if (pending) documents.push({ text: prefix + text.slice(docStart, end), startLine: docStartLine });
  };
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    if (text.charCodeAt(lineStart) === 45 /* - */ && text.startsWith('---', lineStart) && (lineEnd === lineStart + 3 || /[ \t\r]/.test(text[lineStart + 3]))) {
      close(lineStart === 0 ? 0 : lineStart - 1);
      if (lineStart === 0 && docStart === 0 && prefix === '') documents.length = 0;
      // Keep content after the marker (`--- {a: 1}`) at its column; the document then starts on the marker line.
      // A bare marker adds nothing, so the document is a plain view of the file's text (no copy of it is kept).
      const afterMarker = text.slice(lineStart + 3, lineEnd);
      const bare = afterMarker.trim() === '';
      prefix = bare ? '' : `   ${afterMarker}\n`;
      docStart = newline === -1 ? text.length : newline + 1;
      docStartLine = bare ? line + 1 : line;
      pending = true;
    } else if (text.charCodeAt(lineStart) === 46 /* . */ && text.startsWith('...', lineStart) && (lineEnd === lineStart + 3 || /\s/.test(text[lineStart + 3]))) {
      close(lineStart === 0 ? 0 : lineStart - 1);
      pending = false;
      prefix = '';
      docStart = newline === -1 ? text.length : newline + 1;
      docStartLine = line + 1;
    } else if (!pending) {
      pending = true;
      docStart = lineStart;
      docStartLine = line;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
    line++;
  }
  close(text.length);
  return documents;
}

function isBlankDocument(text: string): boolean {
  // Line by line without splitting: a manifest has content on its first lines, so this stops early.
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const trimmed = text.slice(start, end).trim();
    if (trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith('%')) return false;
    if (newline === -1) break;
    start = newline + 1;
  }
  return true;
}

/*
 * Before the fast loader, a file js-yaml read whole was taken from one loadAll pass. A document can read differently
 * alone than in its file (a root block scalar after `--- |`), so when one fails alone, the whole file is tried once
 * and its documents are used if they line up one to one with ours (blank where ours are blank).
 */
function loadAllAligned(text: string, documents: readonly RawDocument[], file: string): unknown[] | undefined {
  let values: unknown[];
  try {
    values = jsYaml.loadAll(text, undefined, { schema: KUBERNETES_YAML_SCHEMA, filename: file });
  } catch {
    return undefined;
  }
  if (values.length !== documents.length) return undefined;
  for (let i = 0; i < values.length; i++) {
    if (isBlankDocument(documents[i].text) !== (values[i] === null || values[i] === undefined)) return undefined;
  }
  return values;
}

/** Parses one file's text. Never throws: problems become diagnostics. */
export function parseManifests(text: string, file: string): ParseResult {
  const objects: ParsedObject[] = [];
  const diagnostics: Diagnostic[] = [];
  const documents = splitDocuments(text);
  let wholeFile: { values: unknown[] | undefined } | undefined;
  documents.forEach((document, doc) => {
    // splitDocuments drops the line break before a marker, which a kept (`|+`) block scalar at the end counts when
    // blank lines precede the marker (without them, loaders add a final line break themselves).
    const documentText = doc < documents.length - 1 && document.text.endsWith('\n') ? `${document.text}\n` : document.text;
    // A blank document loads as null or undefined, so only documents left to js-yaml need the blank test.
    let value = fastLoad(documentText, document.text);
    if (value === UNSUPPORTED) {
      if (isBlankDocument(document.text)) return;
      try {
        value = jsYaml.load(documentText, { schema: KUBERNETES_YAML_SCHEMA, filename: file });
      } catch {
        wholeFile ??= { values: loadAllAligned(text, documents, file) };
        if (!wholeFile.values) {
          diagnostics.push(parseErrorOf(document, doc, file));
          return;
        }
        value = wholeFile.values[doc];
      }
    }
    if (value === null || value === undefined) return;
    const helmSource = document.text.includes('# Source: ') ? /^# Source: (.+)$/m.exec(document.text)?.[1]?.trim() : undefined;
    const source = { file, doc, docStartLine: document.startLine, text: document.text, ...(helmSource ? { origin: helmSource } : {}) };
    collect(value, '', source, objects, diagnostics);
  });
  return { objects, diagnostics };
}

/** The parse error of a document, located as js-yaml reports it for the document's own text. */
function parseErrorOf(document: RawDocument, doc: number, file: string): Diagnostic {
  let error: unknown;
  try {
    jsYaml.load(document.text, { schema: KUBERNETES_YAML_SCHEMA, filename: file });
  } catch (thrown) {
    error = thrown;
  }
  const mark = (error as { mark?: { line: number; column: number } } | undefined)?.mark;
  const reason = (error as { reason?: string } | undefined)?.reason ?? (error as Error | undefined)?.message ?? 'unreadable document';
  const location: SourceLocation = {
    file,
    doc,
    line: document.startLine + (mark?.line ?? 0) + 1,
    column: (mark?.column ?? 0) + 1,
  };
  return {
    level: 'error',
    code: ErrorCodes.MANIFEST_PARSE,
    message: `${file}:${location.line}:${location.column}: YAML parse error: ${reason}`,
    location,
  };
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

/** Locations of several fields of one object: one pass over the document, indexing only what is asked. */
export function locateManyInSource(source: ObjectSource, paths: ReadonlyArray<string | undefined>): SourceLocation[] {
  const fullPaths = paths.map((path) => (path ? (source.basePath ? `${source.basePath}${path.startsWith('[') ? '' : '.'}${path}` : path) : source.basePath));
  return positionsOf(source.text, fullPaths, (line, column) =>
    withOrigin({ file: source.file, doc: source.doc, line: source.docStartLine + line + 1, column: column + 1 }, source));
}

/** A Locator (what the engine and reports use) over the sources of parsed objects. */
export function sourceLocator(sourceOf: (object: K8sObject) => ObjectSource | undefined): Locator {
  return Object.assign(
    (object: K8sObject, fieldPath?: string) => {
      const source = sourceOf(object);
      return source ? locateInSource(source, fieldPath) : undefined;
    },
    {
      many: (object: K8sObject, fieldPaths: ReadonlyArray<string | undefined>) => {
        const source = sourceOf(object);
        return source ? locateManyInSource(source, fieldPaths) : fieldPaths.map(() => undefined);
      },
    },
  );
}

/** Location of a field of an object (or of the object itself), 1-based. */
export function locateInSource(source: ObjectSource, path: string | undefined): SourceLocation {
  if (!path && source.basePath === '') {
    const start = documentStart(source.text);
    return withOrigin({ file: source.file, doc: source.doc, line: source.docStartLine + start.line + 1, column: start.column + 1 }, source);
  }
  return locateManyInSource(source, [path])[0];
}

function withOrigin(location: SourceLocation, source: ObjectSource): SourceLocation {
  if (source.origin) location.origin = source.origin;
  return location;
}
