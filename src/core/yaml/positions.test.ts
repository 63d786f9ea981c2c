import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { describe, expect, it, vi } from 'vitest';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import { joinPath } from './field-path.js';
import { buildPositionIndex, positionsOf } from './positions.js';
import { parseManifests } from './parse.js';

/** Every path of a document with its exact position, read with the `yaml` library as the reference. */
function referencePositions(text: string): Map<string, { line: number; column: number }> {
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, version: '1.1' });
  const result = new Map<string, { line: number; column: number }>();
  const visit = (node: Node | null | undefined, path: string) => {
    if (!node) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node;
        const keyText = isScalar(key) ? String(key.value) : '';
        const childPath = joinPath(path, keyText);
        const at = counter.linePos(key.range![0]);
        result.set(childPath, { line: at.line - 1, column: at.col - 1 });
        visit(pair.value as Node, childPath);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const childPath = joinPath(path, i);
        const at = counter.linePos((item as Node).range![0]);
        if (!isMap(item) || (item as Node).range![0] !== undefined) result.set(childPath, { line: at.line - 1, column: at.col - 1 });
        visit(item as Node, childPath);
      });
    }
  };
  visit(document.contents as Node, '');
  return result;
}

describe('position index', () => {
  it('maps block, compact, flow and quoted forms', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web # a comment',
      '  annotations:',
      '    "kubeward.io/ignore": privileged',
      'spec:',
      '  containers:',
      '  - name: app',
      '    image: nginx:1.25',
      '    args: ["--a", "--b"]',
      '    command:',
      '      - sh',
      '      - - nested',
      '    env: [{name: A, value: "x"}, {name: B}]',
      '    script: |',
      '      key: not a key',
      '      - not an item',
      '    securityContext: {privileged: true}',
      '  - name: side',
    ].join('\n');
    const index = buildPositionIndex(text);
    const at = (p: string) => { const r = index.lookup(p); return [r.line + 1, r.column + 1, r.exact]; };
    expect(at('metadata.name')).toEqual([4, 3, true]);
    expect(at('metadata.annotations["kubeward.io/ignore"]')).toEqual([6, 5, true]);
    expect(at('spec.containers[0]')).toEqual([9, 5, true]);
    expect(at('spec.containers[0].image')).toEqual([10, 5, true]);
    expect(at('spec.containers[0].args[1]')).toEqual([11, 19, true]);
    expect(at('spec.containers[0].command[1][0]')).toEqual([14, 11, true]);
    expect(at('spec.containers[0].env[1].name')).toEqual([15, 35, true]);
    expect(at('spec.containers[0].securityContext.privileged')).toEqual([19, 23, true]);
    expect(at('spec.containers[1].name')).toEqual([20, 5, true]);
    expect(at('spec.containers[0].resources.limits')).toEqual([9, 5, false]);
    expect(index.lookup('spec.containers[0].script').line + 1).toBe(16);
  });

  it('maps whole JSON documents', () => {
    const text = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "spec": {"containers": [\n    {"name": "a", "image": "x"}\n  ]}\n}\n';
    const index = buildPositionIndex(text);
    expect(index.lookup('spec.containers[0].image')).toMatchObject({ line: 4, column: 18, exact: true });
  });

  it('agrees with the yaml library on every field of the PSA conformance fixtures', () => {
    const root = path.resolve(__dirname, '../../../../shared/conformance/psa');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.yaml')) files.push(full);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(4000);
    let compared = 0;
    const mismatches: string[] = [];
    for (const file of files.slice(0, 1500)) {
      const text = readFileSync(file, 'utf8');
      const index = buildPositionIndex(text);
      for (const [fieldPath, expected] of referencePositions(text)) {
        const actual = index.lookup(fieldPath);
        compared++;
        if (!actual.exact || actual.line !== expected.line || actual.column !== expected.column) {
          mismatches.push(`${file}: ${fieldPath} expected ${expected.line}:${expected.column} got ${actual.line}:${actual.column} exact=${actual.exact}`);
        }
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(compared).toBeGreaterThan(10_000);
  });

  it('indexes only the wanted paths and their ancestors, skipping other subtrees, with the same answers', () => {
    const root = path.resolve(__dirname, '../../../../shared/conformance/psa/restricted');
    const files = readdirSync(path.join(root, 'v1.30', 'fail')).slice(0, 300).map((name) => path.join(root, 'v1.30', 'fail', name));
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const reference = [...referencePositions(text)];
      for (let i = 0; i < reference.length; i += 3) {
        const [fieldPath, expected] = reference[i];
        const wanted = [fieldPath, `${fieldPath}.missing.child`];
        const index = buildPositionIndex(text, wanted);
        expect(index.lookup(fieldPath), `${file} ${fieldPath}`).toEqual({ ...expected, exact: true });
        expect(index.lookup(`${fieldPath}.missing.child`)).toEqual({ ...expected, exact: false });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });
});

describe('positionsOf', () => {
  it('answers like the full index, also when the same set of paths is asked of another document', () => {
    const wanted = ['spec.containers[0].securityContext.privileged', 'spec.containers[1].image', 'metadata.labels.app', 'spec.volumes[0]', ''];
    const texts = [
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: app\n    securityContext:\n      privileged: true\n  - name: side\n    image: x\n',
      '# another layout\nkind: Pod\napiVersion: v1\nspec:\n  volumes: [{name: v}]\n  containers:\n    - image: y\n      name: app\n',
      'metadata:\n  labels:\n    app: web\n',
    ];
    for (let round = 0; round < 2; round++) {
      for (const text of texts) {
        const full = buildPositionIndex(text);
        expect(positionsOf(text, wanted, (line, column, exact) => ({ line, column, exact }))).toEqual(wanted.map((path) => full.lookup(path)));
      }
    }
  });
});

describe('parseManifests', () => {
  it('reads YAML 1.1 scalars as Kubernetes does', () => {
    const { objects } = parseManifests('apiVersion: v1\nkind: X\nmode: 0644\nhex: 0x1F\nflag: yes\nother: off\nts: 2024-01-01T00:00:00Z\nver: 1.20\nname: "0644"\n', 'f.yaml');
    expect(objects[0].object).toMatchObject({ mode: 420, hex: 31, flag: true, other: false, ts: '2024-01-01T00:00:00Z', ver: 1.2, name: '0644' });
  });

  it('reports a broken document with file:line:column and keeps the others', () => {
    const text = 'apiVersion: v1\nkind: A\nmetadata: {name: a}\n---\napiVersion: v1\nkind: B\nmetadata:\n  name: [unclosed\n---\napiVersion: v1\nkind: C\n';
    const { objects, diagnostics } = parseManifests(text, 'multi.yaml');
    expect(objects.map((o) => o.object.kind)).toEqual(['A', 'C']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].code).toBe('E_MANIFEST_PARSE');
    expect(diagnostics[0].location).toMatchObject({ file: 'multi.yaml', doc: 1 });
    expect(diagnostics[0].location!.line).toBeGreaterThanOrEqual(8);
    expect(diagnostics[0].message).toMatch(/^multi\.yaml:\d+:\d+: YAML parse error/);
  });

  it('skips documents without apiVersion/kind with a diagnostic, and expands Lists', () => {
    const text = 'foo: bar\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n- apiVersion: v1\n  kind: Service\n  metadata: {name: s}\n';
    const { objects, diagnostics } = parseManifests(text, 'l.yaml');
    expect(objects.map((o) => o.object.kind)).toEqual(['Pod', 'Service']);
    expect(objects[1].source.basePath).toBe('items[1]');
    expect(diagnostics.map((d) => d.code)).toEqual(['E_MANIFEST_NO_KIND']);
    const typed = parseManifests('apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: a}\n', 't.yaml');
    expect(typed.objects[0].object).toMatchObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' } });
    expect(diagnostics[0].message).toContain('l.yaml:1:1');
  });

  it('reads the same objects, documents and lines in one pass as document by document', () => {
    // A broken last document makes the one-pass read fail, so the second parse goes document by document.
    const broken = '---\nkind: [unclosed\n';
    const texts = [
      '# preamble comment\n---\napiVersion: v1\nkind: A\n---\n# only a comment\n---\napiVersion: v1\nkind: B\n...\n',
      '%YAML 1.1\n---\napiVersion: v1\nkind: A\n',
      'apiVersion: v1\nkind: A\n...\napiVersion: v1\nkind: B\n---\n~\n---\n--- {apiVersion: v1, kind: C}\n',
      '---\napiVersion: v1\nkind: A\nmetadata: &m {name: a}\n---\napiVersion: v1\nkind: B\nmetadata: *m\n',
      '\ufeffapiVersion: v1\nkind: A\r\n---\r\napiVersion: v1\r\nkind: B\r\n',
      '---\n---\n\n---\napiVersion: v1\nkind: A\nmode: 0644\n',
    ];
    for (const text of texts) {
      const whole = parseManifests(text, 'f.yaml');
      const byDocument = parseManifests(`${text}${text.endsWith('\n') ? '' : '\n'}${broken}`, 'f.yaml');
      expect(byDocument.diagnostics.at(-1)?.code, text).toBe('E_MANIFEST_PARSE');
      // The document before the appended one loses its final newline; nothing else may differ.
      const comparable = (objects: ReturnType<typeof parseManifests>['objects']) =>
        objects.map(({ object, source }) => ({ object, source: { ...source, text: source.text.replace(/\n$/, '') } }));
      expect(comparable(whole.objects), text).toEqual(comparable(byDocument.objects));
      expect(whole.diagnostics, text).toEqual(byDocument.diagnostics.slice(0, -1));
    }
  });

  it('leaves to js-yaml only the documents the fast loader does not take, and reads a broken one against its own text', () => {
    const load = vi.spyOn(jsYaml, 'load');
    try {
      parseManifests('---\napiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: B\n', 'f.yaml');
      expect(load).not.toHaveBeenCalled();
      // The unclosed flow sequence goes to js-yaml; its error is then read again against the document alone.
      parseManifests('---\napiVersion: v1\nkind: A\n---\nkind: [\n', 'f.yaml');
      expect(load).toHaveBeenCalledTimes(2);
    } finally {
      load.mockRestore();
    }
  });

  it('records Helm and Kustomize origins', async () => {
    const { locateInSource } = await import('./parse.js');
    const helm = '---\n# Source: shop/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    config.kubernetes.io/origin: |\n      path: base/service.yaml\n';
    const { objects } = parseManifests(helm, '<stdin>');
    expect(locateInSource(objects[0].source, 'metadata.name')).toMatchObject({ file: '<stdin>', line: 6, origin: 'shop/templates/deployment.yaml' });
    expect(locateInSource(objects[1].source, undefined)).toMatchObject({ line: 8, origin: 'base/service.yaml' });
  });
});
