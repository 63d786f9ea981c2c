/**
 * A fast loader for the YAML that Kubernetes tools write (Helm, kubectl, kustomize, js-yaml's dump): block mappings
 * and sequences, one-line plain and quoted scalars, one-line flow collections and block scalars. It returns exactly
 * what `jsYaml.load(text, { schema: KUBERNETES_YAML_SCHEMA })` returns, or UNSUPPORTED for anything outside that
 * subset or anything js-yaml would reject, so the caller loads that document with js-yaml instead.
 */
import type jsYaml from 'js-yaml';
import { KUBERNETES_YAML_SCHEMA } from './schema.js';

/** What fastLoad returns for a document it does not handle: load it with js-yaml. */
export const UNSUPPORTED: unique symbol = Symbol('fast-load: unsupported');

const TAB = 0x09;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const DOUBLE_QUOTE = 0x22;
const HASH = 0x23;
const SINGLE_QUOTE = 0x27;
const PLUS = 0x2b;
const COMMA = 0x2c;
const DASH = 0x2d;
const DOT = 0x2e;
const COLON = 0x3a;
const GREATER = 0x3e;
const QUESTION = 0x3f;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const PIPE = 0x7c;
const CLOSE_BRACE = 0x7d;

const CHOMP_CLIP = 0;
const CHOMP_STRIP = 1;
const CHOMP_KEEP = 2;

/** Far below js-yaml's maxDepth of 100, which counts more than one level per collection. */
const MAX_DEPTH = 40;

/*
 * Characters js-yaml rejects outside quoted scalars (its PATTERN_NON_PRINTABLE), plus CR, the BOM and every
 * surrogate: those are legal in places, but handling them exactly is not worth it here, so such documents fall back.
 */
// eslint-disable-next-line no-control-regex
const OUTSIDE_SUBSET_CHARACTERS = /[\x00-\x08\x0B-\x1F\x7F-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/;

/** First characters that cannot start a plain scalar (js-yaml's readPlainScalar). */
const NOT_PLAIN_START = new Uint8Array(128);
for (const ch of ' \t\n,[]{}#&*!|>\'"%@`') NOT_PLAIN_START[ch.charCodeAt(0)] = 1;

/** First characters with which an implicit type (null, bool, int, float, merge) can match; others stay strings. */
const MAYBE_TYPED_START = new Uint8Array(128);
for (const ch of '~nNyYtTfFoO0123456789-+.<') MAYBE_TYPED_START[ch.charCodeAt(0)] = 1;

/** js-yaml's one-character escapes in double-quoted scalars. */
const SIMPLE_ESCAPES: Array<string | undefined> = new Array(128).fill(undefined);
for (const [ch, value] of [
  ['0', '\x00'], ['a', '\x07'], ['b', '\x08'], ['t', '\x09'], ['\t', '\x09'], ['n', '\x0A'], ['v', '\x0B'], ['f', '\x0C'],
  ['r', '\x0D'], ['e', '\x1B'], [' ', ' '], ['"', '"'], ['/', '/'], ['\\', '\\'], ['N', '\x85'], ['_', '\xA0'],
  ['L', '\u2028'], ['P', '\u2029'],
]) SIMPLE_ESCAPES[ch.charCodeAt(0)] = value;

/*
 * Direct-mapped caches from a plain scalar's text to what it makes (a key string; a value, always a primitive).
 * Manifests repeat a few hundred keys and many short values, so the entry in a scalar's slot is compared with the
 * document text in place: a hit costs no slice, no resolving and, for keys, no string-table lookup.
 */
const CACHE_SIZE = 1024;
/*
 * V8 makes slices of 13 characters or more as views into the document, which a cached value would keep alive after
 * the result is dropped. String keys are safe: using one as a property key turns it into the string table's copy.
 */
const MAX_CACHED_VALUE_LENGTH = 12;

interface ScalarCache<T> {
  sources: Array<string | undefined>;
  values: T[];
}

const keyCache: ScalarCache<string> = { sources: new Array(CACHE_SIZE).fill(undefined), values: new Array(CACHE_SIZE).fill('') };
const valueCache: ScalarCache<unknown> = { sources: new Array(CACHE_SIZE).fill(undefined), values: new Array(CACHE_SIZE).fill(null) };

function cacheSlot(text: string, start: number, end: number): number {
  const length = end - start;
  return (length * 31 + text.charCodeAt(start) * 7 + text.charCodeAt(end - 1) * 3 + text.charCodeAt(start + (length >> 1))) & (CACHE_SIZE - 1);
}

function isCached(source: string | undefined, text: string, start: number, end: number): boolean {
  if (source === undefined || source.length !== end - start) return false;
  for (let i = start, k = 0; i < end; i++, k++) {
    if (text.charCodeAt(i) !== source.charCodeAt(k)) return false;
  }
  return true;
}

type ImplicitType = Pick<jsYaml.Type, 'resolve' | 'construct'>;

/** The schema's own implicit types (null, YAML 1.1 bool and int, float), in the order js-yaml tries them. */
const implicitTypes: readonly ImplicitType[] = (KUBERNETES_YAML_SCHEMA as unknown as { compiledImplicit: ImplicitType[] }).compiledImplicit;

/** Thrown inside the loader to give up on a document; a plain object, so no stack is captured. */
const GIVE_UP = { fastLoad: 'unsupported' };

function giveUp(): never {
  throw GIVE_UP;
}

/**
 * Loads one document (the text of one document as splitDocuments yields it) exactly as js-yaml would with
 * KUBERNETES_YAML_SCHEMA, or returns UNSUPPORTED. Never throws. `view`: the same characters at the same offsets
 * (a prefix is enough) as the caller keeps them; strings in the result are cut from it, so they share its memory.
 */
export function fastLoad(documentText: string, view: string = documentText): unknown {
  if (documentText.length === 0) return undefined;
  // js-yaml appends the final line break too; with it every line ends in '\n', which the scanners rely on.
  // join copies into one flat string: reading characters of the concatenated and sliced strings splitDocuments
  // makes costs V8 an indirection each time, about a quarter of the load time.
  const body = documentText.charCodeAt(documentText.length - 1) === NEWLINE ? documentText.slice(0, -1) : documentText;
  const text = [body, '\n'].join('');
  const value = loadText(text, implicitTypes, view);
  // Characters are checked after loading, so that documents given up early (an anchor, a tag) cost little.
  if (value === UNSUPPORTED && text.indexOf('\r') === -1) return UNSUPPORTED;
  if (!OUTSIDE_SUBSET_CHARACTERS.test(text)) return value === BLANK ? blankDocumentValue(documentText) : value;
  const withoutCr = withoutCarriageReturns(documentText);
  if (withoutCr === undefined || OUTSIDE_SUBSET_CHARACTERS.test(withoutCr)) return UNSUPPORTED;
  const crlfValue = loadText(withoutCr, implicitTypes);
  return crlfValue === BLANK ? blankDocumentValue(documentText) : crlfValue;
}

/** The Loader's value, BLANK, or UNSUPPORTED when it gives up. */
function loadText(text: string, types: readonly ImplicitType[], source?: string): unknown {
  try {
    return new Loader(text, types, source).load();
  } catch {
    // GIVE_UP, or anything unexpected (a deep recursion included): js-yaml decides.
    return UNSUPPORTED;
  }
}

/** Stands in for the mapping of a flow sequence, which never receives a key. */
const EMPTY_MAPPING: Record<string, unknown> = Object.freeze({});

const BLANK = Symbol('fast-load: blank document');

/**
 * A document without content is null to js-yaml, or undefined (no document at all) when nothing but leading
 * spaces and one line break is left of its input.
 */
function blankDocumentValue(documentText: string): null | undefined {
  const last = documentText.charCodeAt(documentText.length - 1);
  const length = last === NEWLINE || last === 0x0d ? documentText.length : documentText.length + 1;
  let position = 0;
  while (documentText.charCodeAt(position) === SPACE) position++;
  return position < length - 1 ? null : undefined;
}

/*
 * js-yaml reads CRLF as one line break and never keeps a CR in a value, so a CRLF document loads as its LF form.
 * A final CR (splitDocuments cuts the LF before `---`) is the last line break; any other CR is left to js-yaml.
 */
function withoutCarriageReturns(documentText: string): string | undefined {
  if (documentText.indexOf('\r') === -1) return undefined;
  let text = documentText.replace(/\r\n/g, '\n');
  if (text.charCodeAt(text.length - 1) === 0x0d) text = `${text.slice(0, -1)}\n`;
  else if (text.charCodeAt(text.length - 1) !== NEWLINE) text += '\n';
  return text;
}

/**
 * Gives up on a key js-yaml would reject as a duplicate, or on `__proto__` (which js-yaml defines as an own
 * property). `seenKeys` is a 32-bit summary of the mapping's keys so far; only a key whose bit is already set is
 * looked up in the object, which spares nearly every lookup. Returns the summary with this key added.
 */
function checkNewKey(mapping: Record<string, unknown>, key: string, seenKeys: number): number {
  const bit = 1 << ((key.length + key.charCodeAt(0) * 5 + key.charCodeAt(key.length - 1) * 3) & 31);
  if ((seenKeys & bit) !== 0 && Object.prototype.hasOwnProperty.call(mapping, key)) giveUp();
  if (key === '__proto__') giveUp();
  return seenKeys | bit;
}

function isFlowIndicator(ch: number): boolean {
  return ch === COMMA || ch === OPEN_BRACKET || ch === CLOSE_BRACKET || ch === OPEN_BRACE || ch === CLOSE_BRACE;
}

/** js-yaml's charFromCodepoint, kept identical (including what it does past U+10FFFF). */
function charFromCodepoint(code: number): string {
  if (code <= 0xffff) return String.fromCharCode(code);
  return String.fromCharCode(((code - 0x010000) >> 10) + 0xd800, ((code - 0x010000) & 0x03ff) + 0xdc00);
}

function fromHexCode(ch: number): number {
  if (ch >= 0x30 && ch <= 0x39) return ch - 0x30;
  const lower = ch | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/*
 * A line-oriented reader. `lineStart` and `content` describe the current content line (blank and comment lines
 * are skipped): where it starts and where its first non-space character is. Block collections are read
 * by column: a collection at column c owns the following lines indented exactly c; a line indented less ends it,
 * one indented more where js-yaml would continue a scalar or report bad indentation makes us give up.
 */
class Loader {
  private readonly text: string;
  private readonly length: number;
  private readonly hasTabs: boolean;
  private readonly types: readonly ImplicitType[];
  private depth = 0;
  private atEnd = false;
  private lineStart = 0;
  private content = 0;
  /** Where the last scanner stopped: just past a quoted scalar or flow collection, or at the end of a plain one. */
  private end = 0;
  /** The key read by readKey. */
  private key = '';
  /** Whether the last flow node read was a plain scalar (a plain `<<` key is a merge key). */
  private lastWasPlain = false;
  /** Entries of the sequences being read, copied out when each ends so that arrays are not over-allocated. */
  private readonly entries: unknown[] = [];

  /**
   * The document as the caller holds it (a view into the file's text). Strings that go into the result are cut
   * from it, not from `text`: a view of `text` would keep that per-document copy alive as long as the objects.
   */
  private readonly source: string;

  constructor(text: string, types: readonly ImplicitType[], source: string = text) {
    this.text = text;
    this.source = source;
    this.length = text.length;
    this.hasTabs = text.indexOf('\t') !== -1;
    this.types = types;
  }

  /** Characters start..end of the document, as a string the result may keep. */
  private cut(start: number, end: number): string {
    return end <= this.source.length ? this.source.slice(start, end) : this.text.slice(start, end);
  }

  /** The document's value, or BLANK when it has no content line. */
  load(): unknown {
    this.advance(0);
    if (this.atEnd) return BLANK;
    const column = this.content - this.lineStart;
    // Where a document starts, js-yaml takes `---` as the marker even with no space after it (`---a: 1`).
    const text = this.text;
    if (column === 0 && text.charCodeAt(this.content) === DASH && text.charCodeAt(this.content + 1) === DASH && text.charCodeAt(this.content + 2) === DASH) giveUp();
    // The root is a node whose parent sits one column to the left; nothing may follow it.
    const value = this.readInlineNode(this.content, column - 1, true);
    if (!this.atEnd) giveUp();
    return value;
  }

  /**
   * Moves to the first content line from `start` (a line start), skipping blank and comment lines. The end of the
   * line is left to the scanners, which reach it anyway.
   */
  private advance(start: number): void {
    const text = this.text;
    for (;;) {
      if (start >= this.length) {
        this.atEnd = true;
        this.lineStart = this.content = this.length;
        return;
      }
      let position = start;
      let ch = text.charCodeAt(position);
      while (ch === SPACE) ch = text.charCodeAt(++position);
      if (ch === NEWLINE) {
        start = position + 1;
        continue;
      }
      if (ch === HASH) {
        start = text.indexOf('\n', position) + 1;
        continue;
      }
      if (ch === TAB) giveUp();
      if (position === start && (ch === DASH || ch === DOT) && text.charCodeAt(position + 1) === ch && text.charCodeAt(position + 2) === ch) {
        const after = text.charCodeAt(position + 3);
        if (after === SPACE || after === NEWLINE || after === TAB) giveUp();
      }
      if (this.hasTabs) {
        for (let i = position; text.charCodeAt(i) !== NEWLINE; i++) if (text.charCodeAt(i) === TAB) giveUp();
      }
      this.lineStart = start;
      this.content = position;
      return;
    }
  }

  private column(): number {
    return this.content - this.lineStart;
  }

  private isSequenceEntry(position: number): boolean {
    if (this.text.charCodeAt(position) !== DASH) return false;
    const after = this.text.charCodeAt(position + 1);
    return after === SPACE || after === NEWLINE;
  }

  private skipSpaces(position: number): number {
    while (this.text.charCodeAt(position) === SPACE) position++;
    return position;
  }

  /**
   * A node starting at `position` on the current line, inside a block collection at column `owner`. With
   * `allowCompact` (sequence entries and the root) it may be a block sequence or mapping starting on this line.
   * Leaves the first line after the node current; the caller checks its indentation.
   */
  private readInlineNode(position: number, owner: number, allowCompact: boolean): unknown {
    if (allowCompact) {
      if (this.isSequenceEntry(position)) return this.readSequence(position);
      const afterColon = this.readKey(position);
      if (afterColon !== -1) return this.readMapping(position - this.lineStart, this.key, afterColon);
    }
    return this.readScalarOrFlow(position, owner);
  }

  private readScalarOrFlow(position: number, owner: number): unknown {
    const text = this.text;
    const ch = text.charCodeAt(position);
    let value: unknown;
    if (ch === DOUBLE_QUOTE) {
      value = this.readDoubleQuoted(position);
    } else if (ch === SINGLE_QUOTE) {
      value = this.readSingleQuoted(position);
    } else if (ch === OPEN_BRACKET || ch === OPEN_BRACE) {
      value = this.readFlow(position);
    } else if (ch === PIPE || ch === GREATER) {
      return this.readBlockScalar(position, owner);
    } else {
      if (!this.isPlainStart(position, false)) giveUp();
      if (this.scanPlainBlock(position) !== -1) giveUp();
      value = this.plainValue(position, this.end);
    }
    this.finishLine(this.end);
    return value;
  }

  /** After a node that ends on its line: only spaces and a comment may follow. Moves to the next line. */
  private finishLine(position: number): void {
    const after = this.skipSpaces(position);
    const ch = this.text.charCodeAt(after);
    if (ch === NEWLINE) this.advance(after + 1);
    else if (ch === HASH && this.text.charCodeAt(after - 1) === SPACE) this.advance(this.text.indexOf('\n', after) + 1);
    else giveUp();
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) giveUp();
  }

  /** A block sequence whose first `- ` is at `position` on the current line. */
  private readSequence(position: number): unknown[] {
    this.enter();
    const column = position - this.lineStart;
    const entries = this.entries;
    const base = entries.length;
    for (;;) {
      const entry = this.skipSpaces(position + 1);
      const ch = this.text.charCodeAt(entry);
      if (ch === NEWLINE || ch === HASH) {
        this.advance(this.text.indexOf('\n', entry) + 1);
        if (this.atEnd || this.column() <= column) {
          // js-yaml goes on to the next `- ` here without checking its indentation.
          if (!this.atEnd && this.column() < column && this.isSequenceEntry(this.content)) giveUp();
          entries.push(null);
        } else {
          entries.push(this.readBlockCollection());
        }
      } else {
        entries.push(this.readInlineNode(entry, column, true));
      }
      if (this.atEnd) break;
      const next = this.column();
      if (next < column) break;
      // As in readMapping: a continued plain scalar, or bad indentation.
      if (next > column) giveUp();
      position = this.content;
      if (!this.isSequenceEntry(position)) break;
    }
    this.depth--;
    const result = entries.slice(base);
    entries.length = base;
    return result;
  }

  /** A block mapping at `column` whose first key (already read) ends just before `afterColon`. */
  private readMapping(column: number, firstKey: string, afterColon: number): Record<string, unknown> {
    this.enter();
    const result: Record<string, unknown> = {};
    let key = firstKey;
    let seenKeys = 0;
    for (;;) {
      seenKeys = checkNewKey(result, key, seenKeys);
      result[key] = this.readValue(afterColon, column);
      if (this.atEnd) break;
      const next = this.column();
      if (next < column) break;
      // More indented after a value: js-yaml would continue a plain scalar there or report bad indentation.
      if (next > column) giveUp();
      afterColon = this.readKey(this.content);
      if (afterColon === -1) giveUp();
      key = this.key;
    }
    this.depth--;
    return result;
  }

  /** The value of a mapping entry at column `owner`, from just after its `:`. */
  private readValue(afterColon: number, owner: number): unknown {
    const position = this.skipSpaces(afterColon);
    const ch = this.text.charCodeAt(position);
    if (ch !== NEWLINE && ch !== HASH) return this.readInlineNode(position, owner, false);
    this.advance(this.text.indexOf('\n', position) + 1);
    if (this.atEnd) return null;
    const column = this.column();
    if (column > owner) return this.readBlockCollection();
    // kubectl's style: a sequence may sit at the same indentation as its key.
    if (column === owner && this.isSequenceEntry(this.content)) return this.readSequence(this.content);
    return null;
  }

  /** A block sequence or mapping starting at the current line's content. */
  private readBlockCollection(): unknown {
    const position = this.content;
    if (this.isSequenceEntry(position)) return this.readSequence(position);
    const afterColon = this.readKey(position);
    if (afterColon === -1) giveUp();
    return this.readMapping(position - this.lineStart, this.key, afterColon);
  }

  /**
   * An implicit key at `position` (plain or quoted, then `: ` or `:` at the line end). Returns the position after
   * the colon and sets `key`, or -1 when the node there is not a key.
   */
  private readKey(position: number): number {
    const text = this.text;
    const ch = text.charCodeAt(position);
    if (ch === DOUBLE_QUOTE || ch === SINGLE_QUOTE) {
      const key = ch === DOUBLE_QUOTE ? this.readDoubleQuoted(position) : this.readSingleQuoted(position);
      const colon = this.skipSpaces(this.end);
      if (text.charCodeAt(colon) !== COLON) return -1;
      const after = text.charCodeAt(colon + 1);
      if (after !== SPACE && after !== NEWLINE) giveUp();
      this.key = key;
      return colon + 1;
    }
    if (!this.isPlainStart(position, false)) return -1;
    const colon = this.scanPlainBlock(position);
    if (colon === -1) return -1;
    let end = colon;
    while (end > position && text.charCodeAt(end - 1) === SPACE) end--;
    this.key = this.plainKey(position, end);
    return colon + 1;
  }

  /** The key a plain scalar makes: js-yaml resolves it like a value, then makes it a string. */
  private plainKey(start: number, end: number): string {
    const slot = cacheSlot(this.text, start, end);
    if (isCached(keyCache.sources[slot], this.text, start, end)) return keyCache.values[slot];
    const source = this.cut(start, end);
    if (source === '<<') giveUp();
    const key = String(this.resolvePlain(source));
    // A typed key (`0644`) is not the string used as property key, so only a short one is cached.
    if (key === source || source.length <= MAX_CACHED_VALUE_LENGTH) {
      keyCache.sources[slot] = source;
      keyCache.values[slot] = key;
    }
    return key;
  }

  /** A plain scalar value, trailing spaces trimmed; short ones (ports, quantities, enum values) through a cache. */
  private plainValue(start: number, end: number): unknown {
    while (end > start && this.text.charCodeAt(end - 1) === SPACE) end--;
    if (end - start > MAX_CACHED_VALUE_LENGTH) return this.resolvePlain(this.cut(start, end));
    const slot = cacheSlot(this.text, start, end);
    if (isCached(valueCache.sources[slot], this.text, start, end)) return valueCache.values[slot];
    const source = this.text.slice(start, end);
    const value = this.resolvePlain(source);
    valueCache.sources[slot] = source;
    valueCache.values[slot] = value;
    return value;
  }

  /**
   * Whether a plain scalar can start at `position`: js-yaml's test, and `:` only where js-yaml would read at least
   * one character (`::1`), not an empty scalar or an explicit value.
   */
  private isPlainStart(position: number, inFlow: boolean): boolean {
    const ch = this.text.charCodeAt(position);
    if (ch < 128 && NOT_PLAIN_START[ch] === 1) return false;
    if (ch === DASH || ch === QUESTION || ch === COLON) {
      const after = this.text.charCodeAt(position + 1);
      if (after === SPACE || after === NEWLINE || after === TAB || (inFlow && isFlowIndicator(after))) return false;
    }
    return true;
  }

  /**
   * Scans a plain scalar in block context. Returns the index of a `: ` / `:\n` separator, or -1 with `end` at the
   * comment or line end that stops the scalar.
   */
  private scanPlainBlock(position: number): number {
    const text = this.text;
    for (let i = position; ; i++) {
      const ch = text.charCodeAt(i);
      if (ch === COLON) {
        const after = text.charCodeAt(i + 1);
        if (after === SPACE || after === NEWLINE) return i;
      } else if (ch === NEWLINE || (ch === HASH && text.charCodeAt(i - 1) === SPACE)) {
        this.end = i;
        return -1;
      }
    }
  }

  /** A plain scalar's value as KUBERNETES_YAML_SCHEMA's implicit types resolve it, in js-yaml's order. */
  private resolvePlain(scalar: string): unknown {
    const first = scalar.charCodeAt(0);
    if (first >= 128 || MAYBE_TYPED_START[first] === 0) return scalar;
    const types = this.types;
    for (let i = 0; i < types.length; i++) {
      if (types[i].resolve(scalar)) return types[i].construct(scalar);
    }
    return scalar;
  }

  private readSingleQuoted(position: number): string {
    const text = this.text;
    const lineEnd = text.indexOf('\n', position);
    let result = '';
    let start = position + 1;
    for (;;) {
      const quote = text.indexOf("'", start);
      if (quote === -1 || quote > lineEnd) giveUp();
      if (text.charCodeAt(quote + 1) === SINGLE_QUOTE) {
        result += this.cut(start, quote + 1);
        start = quote + 2;
        continue;
      }
      this.end = quote + 1;
      return result + this.cut(start, quote);
    }
  }

  private readDoubleQuoted(position: number): string {
    const text = this.text;
    let result = '';
    let start = position + 1;
    for (let i = start; ; ) {
      const ch = text.charCodeAt(i);
      if (ch === DOUBLE_QUOTE) {
        this.end = i + 1;
        return result + this.cut(start, i);
      }
      if (ch === NEWLINE) giveUp();
      if (ch !== BACKSLASH) {
        i++;
        continue;
      }
      result += this.cut(start, i);
      const escape = text.charCodeAt(i + 1);
      const simple = escape < 128 ? SIMPLE_ESCAPES[escape] : undefined;
      if (simple !== undefined) {
        result += simple;
        i += 2;
      } else {
        const digits = escape === 0x78 /* x */ ? 2 : escape === 0x75 /* u */ ? 4 : escape === 0x55 /* U */ ? 8 : 0;
        if (digits === 0) giveUp();
        let code = 0;
        for (let k = 1; k <= digits; k++) {
          const digit = fromHexCode(text.charCodeAt(i + 1 + k));
          if (digit < 0) giveUp();
          code = (code << 4) + digit;
        }
        result += charFromCodepoint(code);
        i += 2 + digits;
      }
      start = i;
    }
  }

  /** A flow collection that closes on its own line; nested ones too. Sets `end` past the closing bracket. */
  private readFlow(position: number): unknown {
    this.enter();
    const text = this.text;
    const isMapping = text.charCodeAt(position) === OPEN_BRACE;
    const terminator = isMapping ? CLOSE_BRACE : CLOSE_BRACKET;
    const mapping: Record<string, unknown> = isMapping ? {} : EMPTY_MAPPING;
    const entries = this.entries;
    const base = entries.length;
    let readNext = true;
    let seenKeys = 0;
    let i = position + 1;
    for (;;) {
      i = this.skipSpaces(i);
      let ch = text.charCodeAt(i);
      if (ch === terminator) {
        this.end = i + 1;
        this.depth--;
        if (isMapping) return mapping;
        const sequence = entries.slice(base);
        entries.length = base;
        return sequence;
      }
      if (!readNext || ch === COMMA || ch === NEWLINE || ch === HASH) giveUp();
      const node = this.readFlowNode(i);
      const nodeWasPlain = this.lastWasPlain;
      i = this.skipSpaces(this.end);
      ch = text.charCodeAt(i);
      if (ch === COLON) {
        if (!isMapping || (typeof node === 'object' && node !== null)) giveUp();
        if (nodeWasPlain && node === '<<') giveUp();
        const key = String(node);
        i = this.skipSpaces(i + 1);
        ch = text.charCodeAt(i);
        if (ch === COMMA || ch === terminator || ch === NEWLINE || ch === HASH) giveUp();
        const value = this.readFlowNode(i);
        seenKeys = checkNewKey(mapping, key, seenKeys);
        mapping[key] = value;
        i = this.skipSpaces(this.end);
      } else {
        if (isMapping) giveUp();
        entries.push(node);
      }
      if (text.charCodeAt(i) === COMMA) {
        readNext = true;
        i++;
      } else {
        readNext = false;
      }
    }
  }

  private readFlowNode(position: number): unknown {
    const ch = this.text.charCodeAt(position);
    this.lastWasPlain = false;
    if (ch === OPEN_BRACKET || ch === OPEN_BRACE) {
      const collection = this.readFlow(position);
      this.lastWasPlain = false;
      return collection;
    }
    if (ch === DOUBLE_QUOTE) return this.readDoubleQuoted(position);
    if (ch === SINGLE_QUOTE) return this.readSingleQuoted(position);
    if (!this.isPlainStart(position, true)) giveUp();
    const text = this.text;
    let i = position;
    for (;; i++) {
      const c = text.charCodeAt(i);
      if (c === COLON) {
        const after = text.charCodeAt(i + 1);
        if (after === SPACE || after === NEWLINE || isFlowIndicator(after)) break;
      } else if (c === NEWLINE || isFlowIndicator(c) || (c === HASH && text.charCodeAt(i - 1) === SPACE)) {
        break;
      }
    }
    this.end = i;
    this.lastWasPlain = true;
    return this.plainValue(position, i);
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar whose header is at `position`, in a collection at column
   * `owner`: js-yaml's readBlockScalar line for line, without explicit indentation indicators.
   */
  private readBlockScalar(position: number, owner: number): string {
    const text = this.text;
    const folding = text.charCodeAt(position) === GREATER;
    let i = position + 1;
    let ch = text.charCodeAt(i);
    let chomping = CHOMP_CLIP;
    if (ch === PLUS || ch === DASH) {
      chomping = ch === PLUS ? CHOMP_KEEP : CHOMP_STRIP;
      ch = text.charCodeAt(++i);
    }
    if (ch === SPACE) {
      do ch = text.charCodeAt(++i);
      while (ch === SPACE);
      if (ch === HASH) {
        i = text.indexOf('\n', i);
        ch = NEWLINE;
      }
    }
    if (ch !== NEWLINE) giveUp();

    let textIndent = owner + 1;
    let detectedIndent = false;
    let didReadContent = false;
    let atMoreIndented = false;
    let emptyLines = 0;
    let result = '';
    let start = i + 1;
    for (;;) {
      let lineIndent = 0;
      let at = start;
      ch = text.charCodeAt(at);
      while ((!detectedIndent || lineIndent < textIndent) && ch === SPACE) {
        lineIndent++;
        ch = text.charCodeAt(++at);
      }
      if (!detectedIndent && lineIndent > textIndent) textIndent = lineIndent;
      if (ch === NEWLINE) {
        emptyLines++;
        start = at + 1;
        continue;
      }
      // Only a root scalar at column 0 gets here; js-yaml reports 'missing indentation for block scalar'.
      if (!detectedIndent && textIndent === 0) giveUp();
      if (lineIndent < textIndent) {
        if (chomping === CHOMP_KEEP) result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
        else if (chomping === CHOMP_CLIP && didReadContent) result += '\n';
        break;
      }
      if (folding) {
        if (ch === SPACE || ch === TAB) {
          // More-indented lines are not folded.
          atMoreIndented = true;
          result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
        } else if (atMoreIndented) {
          atMoreIndented = false;
          result += '\n'.repeat(emptyLines + 1);
        } else if (emptyLines === 0) {
          if (didReadContent) result += ' ';
        } else {
          result += '\n'.repeat(emptyLines);
        }
      } else {
        result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
      }
      didReadContent = true;
      detectedIndent = true;
      emptyLines = 0;
      const lineEnd = text.indexOf('\n', at);
      result += this.cut(at, lineEnd);
      start = lineEnd + 1;
    }
    // The line that ended the scalar (less indented, or the end) is read again as a content line.
    this.advance(start);
    return result;
  }
}
