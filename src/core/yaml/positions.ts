/**
 * Maps field paths of one YAML document to line and column, without a second full parse.
 *
 * Parsing is the whole cost of a scan, so objects are parsed once by js-yaml (fast, no positions) and this
 * index is built lazily, only for documents that have findings, by one linear pass over the document text:
 * block mappings and sequences (including compact `- key: v` and `- - x`), flow collections (`[a, b]`,
 * `{a: 1}`, whole JSON documents), block scalars and multi-line quoted scalars are understood. A path that
 * is not in the text (a missing field) resolves to its nearest present ancestor, which is where a fix goes.
 */
import { memoizeByString } from '../string-memo.js';
import { parsePath, type PathSegment } from './field-path.js';

/** 0-based line and column inside the document text. */
export interface TextPosition {
  line: number;
  column: number;
}

export interface PositionIndex {
  /** Exact position of a path, or of its nearest ancestor that is present in the text. */
  lookup(path: string | undefined): TextPosition & { exact: boolean };
}

/**
 * A field of the document as a tree node: children by key (string) or item index (number). Keys are read from the
 * text and matched segment by segment, with no path strings built. Where a field is goes into a separate array
 * (by node id), so the tree itself is never changed by a scan. Children are a sibling chain (documents have
 * few wanted fields per level); a node with many children (a large mapping) also gets a map.
 */
interface PathNode {
  id: number;
  segment: PathSegment;
  firstChild: PathNode | undefined;
  nextSibling: PathNode | undefined;
  childCount: number;
  childMap: Map<PathSegment, PathNode> | undefined;
}

const CHAIN_LIMIT = 12;

/**
 * Positions found by one scan: line and column of node `id` at `2 * id` and `2 * id + 1`; the first occurrence
 * wins (a duplicate key later in the text does not move the field). Numbers only, no object per field.
 */
type Found = number[];

function findChild(node: PathNode, segment: PathSegment): PathNode | undefined {
  if (node.childMap) return node.childMap.get(segment);
  for (let child = node.firstChild; child; child = child.nextSibling) if (child.segment === segment) return child;
  return undefined;
}

function newNode(id: number, segment: PathSegment): PathNode {
  return { id, segment, firstChild: undefined, nextSibling: undefined, childCount: 0, childMap: undefined };
}

function childOrNew(tree: PathTree, node: PathNode, segment: PathSegment): PathNode {
  const found = findChild(node, segment);
  if (found) return found;
  const child = newNode(tree.size++, segment);
  child.nextSibling = node.firstChild;
  node.firstChild = child;
  node.childCount++;
  if (node.childMap) node.childMap.set(segment, child);
  else if (node.childCount > CHAIN_LIMIT) {
    node.childMap = new Map();
    for (let c: PathNode | undefined = node.firstChild; c; c = c.nextSibling) node.childMap.set(c.segment, c);
  }
  return child;
}

/**
 * The nodes the scan fills in. Without wanted paths every field gets a node; with them, only those paths and
 * their ancestors have nodes, `child` answers undefined for anything else, and the scanner skips that subtree.
 */
interface PathTree {
  root: PathNode;
  size: number;
  /** Nodes not yet given a position; when none is left the scan can stop (first occurrences win). */
  unplaced: number;
  child(node: PathNode | undefined, segment: PathSegment): PathNode | undefined;
}

interface Frame {
  indent: number;
  kind: 'map' | 'seq';
  node: PathNode | undefined;
  index: number;
  /** Node of the value that a deeper line would belong to: the last key's value or the last item. */
  pendingNode: PathNode | undefined;
}

const KEY_PATTERN = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"{[\]},&*!|>%@`-][^#]*?|-[^\s#][^#]*?))[ \t]*:(?=[ \t]|$)/;

/**
 * Builds the index of a document. With `wanted`, only those paths and their ancestors are indexed, and every
 * other subtree is skipped line by line: a finding needs a handful of positions, not the whole document.
 */
export function buildPositionIndex(text: string, wanted?: readonly string[]): PositionIndex {
  const tree = wanted ? wantedTree(wanted) : growingTree();
  const found = indexText(text, tree);
  return {
    lookup(path) {
      const answer = locate(found, tree, path);
      const slot = answer >> 1;
      return { line: found[slot], column: found[slot + 1], exact: (answer & 1) === 1 };
    },
  };
}

/**
 * Positions of several paths of one document (each exact, or its nearest ancestor present in the text, or the
 * document root), in one pass that reads only those paths and their ancestors. `make` turns each answer into
 * what the caller keeps, so no intermediate object is made per path.
 */
export function positionsOf<T>(text: string, paths: readonly string[], make: (line: number, column: number, exact: boolean) => T): T[] {
  const tree = wantedTree(paths);
  const found = indexText(text, tree);
  return paths.map((path) => {
    const answer = locate(found, tree, path);
    const slot = answer >> 1;
    return make(found[slot], found[slot + 1], (answer & 1) === 1);
  });
}

/**
 * Where a path's position is in `found`, times two, plus one when it is the path's own position: else it is the
 * nearest ancestor present in the text (the deepest positioned node on the way down), else the root.
 */
function locate(found: Found, tree: PathTree, path: string | undefined): number {
  // A document whose root is not in the text (blank) answers line 0, column 0.
  if (found[0] === undefined) {
    found[0] = 0;
    found[1] = 0;
  }
  if (!path) return 1;
  let node: PathNode | undefined = tree.root;
  let nearest = 0;
  let exact = false;
  for (const segment of segmentsOf(path)) {
    node = findChild(node, segment);
    if (!node) break;
    const slot = 2 * node.id;
    exact = found[slot] !== undefined;
    if (exact) nearest = slot;
  }
  return 2 * nearest + (node && exact ? 1 : 0);
}

function growingTree(): PathTree {
  const tree: PathTree = {
    root: newNode(0, ''),
    size: 1,
    unplaced: Infinity,
    child: (node, segment) => (node ? childOrNew(tree, node, segment) : undefined),
  };
  return tree;
}

function wantedTree(paths: readonly string[]): PathTree {
  const tree: PathTree = {
    root: newNode(0, ''),
    size: 1,
    unplaced: 0,
    child: (node, segment) => (node ? findChild(node, segment) : undefined),
  };
  for (const path of paths) {
    let node = tree.root;
    for (const segment of segmentsOf(path)) node = childOrNew(tree, node, segment);
  }
  tree.unplaced = tree.size;
  return tree;
}

function record(tree: PathTree, found: Found, node: PathNode | undefined, line: number, column: number): void {
  if (node && found[2 * node.id] === undefined) {
    found[2 * node.id] = line;
    found[2 * node.id + 1] = column;
    tree.unplaced--;
  }
}

/* Findings use a few hundred distinct paths, so each path is split into segments once. */
const segmentsOf: (path: string) => readonly PathSegment[] = memoizeByString(parsePath);

/** Start of the line after the one holding `offset` (past the end when it is the last line). */
function lineAfter(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length + 1 : newline + 1;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(lineStarts: number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Answer of keyAt, reused: read it before the next call. */
const keyMatch = { key: '', length: 0 };

/** The key at `column` and the length through its colon, or undefined when no key starts there. */
function keyAt(line: string, column: number): { readonly key: string; readonly length: number } | undefined {
  // Most keys are plain words right before `: ` or a final `:`. Such a key holds no `:` or `#`, so its colon is the
  // first one KEY_PATTERN could stop at: the answer is the same, without a regex match and a trimmed copy.
  let end = column;
  while (end < line.length && isPlainKeyChar(line.charCodeAt(end))) end++;
  if (end > column && line.charCodeAt(end) === 58 /* : */) {
    const after = end + 1 < line.length ? line.charCodeAt(end + 1) : -1;
    if (after === -1 || after === 32 || after === 9) {
      keyMatch.key = line.slice(column, end);
      keyMatch.length = end + 1 - column;
      return keyMatch;
    }
  }
  // KEY_PATTERN needs a colon followed by a blank or the end of the line: most scalar values (`nginx`,
  // `nginx:1.25`, `http://x`) have none.
  if (!hasKeyColon(line, end)) return undefined;
  const match = KEY_PATTERN.exec(column === 0 ? line : line.slice(column));
  if (!match) return undefined;
  keyMatch.key = unquoteKey(match);
  keyMatch.length = match[0].length;
  return keyMatch;
}

function hasKeyColon(line: string, from: number): boolean {
  for (let colon = line.indexOf(':', from); colon !== -1; colon = line.indexOf(':', colon + 1)) {
    const after = colon + 1 < line.length ? line.charCodeAt(colon + 1) : -1;
    if (after === -1 || after === 32 || after === 9) return true;
  }
  return false;
}

/** Letters, digits, `_`, `.` and `/`: characters KEY_PATTERN accepts anywhere in a plain key, first included. */
function isPlainKeyChar(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 95 || ch === 46 || ch === 47;
}

function unquoteKey(match: RegExpExecArray): string {
  if (match[1] !== undefined) {
    try {
      return JSON.parse(`"${match[1]}"`) as string;
    } catch {
      return match[1];
    }
  }
  if (match[2] !== undefined) return match[2].replace(/''/g, "'");
  return match[3].trimEnd();
}

function indexText(text: string, tree: PathTree): Found {
  const found: Found = [];
  // Line starts are needed only to turn offsets inside flow collections into lines; most documents have none.
  let lineStarts: number[] | undefined;
  const lines = () => (lineStarts ??= computeLineStarts(text));
  // Lines indented deeper than this belong to a subtree nobody asked about; with skipCompactSequence, so do
  // `- ` lines at that column (a compact sequence under a skipped key).
  let skipDeeperThan = -1;
  let skipCompactSequence = false;
  const stack: Frame[] = [];
  let lineNo = 0;
  // After a block scalar indicator, lines indented more than this belong to the scalar.
  let blockScalarParentIndent = -1;

  const top = () => stack[stack.length - 1];
  const pendingOfTop = () => (stack.length > 0 ? top().pendingNode : tree.root);

  let start = 0;
  // Once every wanted path has its position the rest of the document cannot change an answer.
  while (start <= text.length && tree.unplaced > 0) {
    // Skipped and blank lines are decided on character codes; only lines that are read get sliced.
    const newline = text.indexOf('\n', start);
    const lineEnd = newline === -1 ? text.length : newline;
    // Where the next line starts; a value spanning lines (flow, quoted) moves it past the line it ends on.
    let nextStart = newline === -1 ? text.length + 1 : newline + 1;
    let end = lineEnd;
    if (end > start && text.charCodeAt(end - 1) === 13 /* \r */) end--;
    let indent = 0;
    while (start + indent < end && text.charCodeAt(start + indent) === 32) indent++;
    const first = start + indent < end ? text.charCodeAt(start + indent) : -1;
    const blank = first === -1 || first === 35 /* # */;

    if (blockScalarParentIndent >= 0) {
      if (blank || indent > blockScalarParentIndent) { start = nextStart; lineNo++; continue; }
      blockScalarParentIndent = -1;
    }
    if (blank || (indent === 0 && (text.startsWith('---', start) || text.startsWith('...', start) || first === 37 /* % */))) {
      start = nextStart;
      lineNo++;
      continue;
    }
    if (skipDeeperThan >= 0) {
      const compactItem = skipCompactSequence && indent === skipDeeperThan && first === 45 /* - */ && (start + indent + 1 === end || text.charCodeAt(start + indent + 1) === 32);
      if (indent > skipDeeperThan || compactItem) { start = nextStart; lineNo++; continue; }
      skipDeeperThan = -1;
    }

    const line = text.slice(start, end);
    let column = indent;
    // A line can hold several tokens: `- - key: value`.
    for (;;) {
      if (line[column] === '-' && (column + 1 === line.length || line[column + 1] === ' ' || line[column + 1] === '\t')) {
        while (stack.length > 0 && top().indent > column) stack.pop();
        let frame = stack.length > 0 ? top() : undefined;
        let item: PathNode | undefined;
        if (frame && frame.kind === 'seq' && frame.indent === column) {
          frame.index++;
          item = tree.child(frame.node, frame.index);
        } else {
          const parent = pendingOfTop();
          frame = { indent: column, kind: 'seq', node: parent, index: 0, pendingNode: undefined };
          stack.push(frame);
          item = tree.child(parent, 0);
        }
        frame.pendingNode = item;
        let next = column + 1;
        while (next < line.length && (line[next] === ' ' || line[next] === '\t')) next++;
        // An item is located at its content (`- name: x` -> at `name`), or at the dash when it has none.
        const itemHasContent = next < line.length && line[next] !== '#';
        record(tree, found, item, lineNo, itemHasContent ? next : column);
        if (!item) {
          skipDeeperThan = column;
          skipCompactSequence = false;
          break;
        }
        if (!itemHasContent) break;
        column = next;
        const after = handleValue(line, column, item, start);
        if (after.kind === 'continue') continue;
        if (after.kind === 'block-scalar') blockScalarParentIndent = frame.indent;
        if (after.kind === 'flow') nextStart = Math.max(nextStart, lineAfter(text, after.endsAt));
        break;
      }

      const keyFound = keyAt(line, column);
      if (keyFound) {
        const { key, length: keyLength } = keyFound;
        while (stack.length > 0 && (top().indent > column || (top().indent === column && top().kind === 'seq'))) stack.pop();
        let frame = stack.length > 0 ? top() : undefined;
        if (!frame || frame.kind !== 'map' || frame.indent !== column) {
          const parent = pendingOfTop();
          frame = { indent: column, kind: 'map', node: parent, index: 0, pendingNode: undefined };
          stack.push(frame);
          if (parent === tree.root) record(tree, found, parent, lineNo, column);
        }
        const field = tree.child(frame.node, key);
        frame.pendingNode = field;
        record(tree, found, field, lineNo, column);
        if (!field) {
          skipDeeperThan = column;
          skipCompactSequence = true;
          break;
        }
        let valueColumn = column + keyLength;
        while (valueColumn < line.length && (line[valueColumn] === ' ' || line[valueColumn] === '\t')) valueColumn++;
        if (valueColumn >= line.length || line[valueColumn] === '#') break;
        const after = handleValue(line, valueColumn, field, start);
        if (after.kind === 'block-scalar') blockScalarParentIndent = column;
        if (after.kind === 'flow' || after.kind === 'quoted') nextStart = Math.max(nextStart, lineAfter(text, after.endsAt));
        // A nested key on the same line (`a: b: c`) is invalid YAML; nothing else to read.
        break;
      }
      // A bare scalar or flow collection at the start of a line (root or continuation).
      if (line[column] === '[' || line[column] === '{') {
        nextStart = Math.max(nextStart, lineAfter(text, indexFlow(text, start + column, pendingOfTop(), lines, tree, found)));
      }
      break;
    }
    // Lines jumped over (inside a flow or quoted value) still count.
    if (nextStart !== lineEnd + 1) {
      for (let at = lineEnd; at !== -1 && at < nextStart - 1; at = text.indexOf('\n', at + 1)) lineNo++;
    }
    lineNo++;
    start = nextStart;
  }
  return found;

  function handleValue(line: string, column: number, node: PathNode | undefined, lineStart: number): ValueKind {
    // Anchors and tags before a value (`&a`, `!!str`) do not change where the value is.
    if (line[column] === '&' || line[column] === '!') {
      let value = line.slice(column);
      while (/^[&!][^\s]*\s+/.test(value)) {
        const skip = /^[&!][^\s]*\s+/.exec(value)![0].length;
        column += skip;
        value = value.slice(skip);
      }
    }
    const first = line[column];
    if (first === '|' || first === '>') return BLOCK_SCALAR;
    if (first === '[' || first === '{') {
      const endOffset = indexFlow(text, lineStart + column, node, lines, tree, found);
      return { kind: 'flow', endsAt: Math.max(endOffset - 1, 0) };
    }
    if (first === '"' || first === "'") {
      const endOffset = skipQuoted(text, lineStart + column);
      return { kind: 'quoted', endsAt: Math.max(endOffset - 1, 0) };
    }
    if (first === '-' && (column + 1 === line.length || line[column + 1] === ' ')) return CONTINUE;
    if (keyAt(line, column)) return CONTINUE;
    return SCALAR;
  }
}

/** What follows a key or a `- `: read on (`- key: v`), a scalar, a block scalar, or a flow/quoted value spanning lines. */
type ValueKind = { kind: 'continue' } | { kind: 'scalar' } | { kind: 'block-scalar' } | { kind: 'flow'; endsAt: number } | { kind: 'quoted'; endsAt: number };
const CONTINUE: ValueKind = { kind: 'continue' };
const SCALAR: ValueKind = { kind: 'scalar' };
const BLOCK_SCALAR: ValueKind = { kind: 'block-scalar' };

/** Returns the offset just after a quoted scalar starting at `offset`. */
function skipQuoted(text: string, offset: number): number {
  const quote = text[offset];
  let i = offset + 1;
  while (i < text.length) {
    const ch = text[i];
    if (quote === '"' && ch === '\\') { i += 2; continue; }
    if (ch === quote) {
      if (quote === "'" && text[i + 1] === "'") { i += 2; continue; }
      return i + 1;
    }
    i++;
  }
  return text.length;
}

/**
 * Indexes a flow collection (or a whole JSON document) starting at `offset`; returns the offset after it.
 */
function indexFlow(text: string, offset: number, base: PathNode | undefined, lines: () => number[], tree: PathTree, found: Found): number {
  interface FlowFrame { kind: 'map' | 'seq'; node: PathNode | undefined; index: number; expectKey: boolean; currentKey?: string }
  const stack: FlowFrame[] = [];
  const at = (position: number) => {
    const lineStarts = lines();
    const line = lineOf(lineStarts, position);
    return { line, column: position - lineStarts[line] };
  };
  const valueNode = (frame: FlowFrame | undefined): PathNode | undefined => {
    if (!frame) return base;
    if (frame.kind === 'seq') return tree.child(frame.node, frame.index);
    return frame.currentKey === undefined ? frame.node : tree.child(frame.node, frame.currentKey);
  };
  let i = offset;
  while (i < text.length) {
    const ch = text[i];
    const frame = stack[stack.length - 1];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') { i++; continue; }
    if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
      continue;
    }
    if (ch === '{' || ch === '[') {
      const node = valueNode(frame);
      const { line, column } = at(i);
      if (frame?.kind === 'seq') record(tree, found, node, line, column);
      if (!frame) record(tree, found, node, line, column);
      stack.push({ kind: ch === '{' ? 'map' : 'seq', node, index: 0, expectKey: ch === '{' });
      i++;
      continue;
    }
    if (ch === '}' || ch === ']') {
      stack.pop();
      i++;
      if (stack.length === 0) return i;
      continue;
    }
    if (!frame) return i;
    if (ch === ',') {
      if (frame.kind === 'seq') frame.index++;
      else { frame.expectKey = true; frame.currentKey = undefined; }
      i++;
      continue;
    }
    if (ch === ':') {
      if (frame.kind === 'map') frame.expectKey = false;
      i++;
      continue;
    }
    // A scalar: quoted or plain.
    let endOfScalar: number;
    let scalar: string;
    if (ch === '"' || ch === "'") {
      endOfScalar = skipQuoted(text, i);
      const raw = text.slice(i, endOfScalar);
      try {
        scalar = ch === '"' ? (JSON.parse(raw) as string) : raw.slice(1, -1).replace(/''/g, "'");
      } catch {
        scalar = raw.slice(1, -1);
      }
    } else {
      endOfScalar = i;
      while (endOfScalar < text.length && !',[]{}\n'.includes(text[endOfScalar]) && !(text[endOfScalar] === ':' && /[\s,\]}]/.test(text[endOfScalar + 1] ?? ' '))) endOfScalar++;
      scalar = text.slice(i, endOfScalar).trim();
    }
    const { line, column } = at(i);
    if (frame.kind === 'map' && frame.expectKey) {
      frame.currentKey = scalar;
      record(tree, found, tree.child(frame.node, scalar), line, column);
    } else if (frame.kind === 'seq') {
      record(tree, found, tree.child(frame.node, frame.index), line, column);
    }
    i = endOfScalar;
  }
  return i;
}

export type { PathSegment };
