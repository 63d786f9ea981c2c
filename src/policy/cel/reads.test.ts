import { describe, expect, it } from 'vitest';
import { compileCel } from './compile.js';
import { generatedCases, outcome, same, sameOutcome } from './expression-generator.js';
import { mergeReads, NO_READS, toCelReading, toCelReadingInterpreted, type FieldReads } from './reads.js';
import { toCel } from './values.js';

const site = { policy: 'test', field: 'expression' };

function readsOf(expression: string): FieldReads {
  return compileCel(expression, site).objectReads;
}

/** A FieldReads as nested plain objects, `true` for whole subtrees and `[*]` for list elements, for readable expectations. */
function plain(reads: FieldReads): unknown {
  if (reads === true) return true;
  const fields = Object.fromEntries([...reads.fields].map(([key, below]) => [key, plain(below)]));
  return reads.elements === undefined ? fields : { ...fields, '[*]': plain(reads.elements) };
}

describe('objectReadsOf', () => {
  it('records literal selections from object and oldObject, whole below the last one', () => {
    expect(plain(readsOf("size(object.spec.containers) > 0 && oldObject.metadata.labels['app'] == 'x'"))).toEqual({
      spec: { containers: true },
      metadata: { labels: { app: true } },
    });
  });

  it('follows all, exists, exists_one and map into the elements they read', () => {
    expect(plain(readsOf("object.spec.containers.all(c, c.image != '' && c.ports.exists(p, p.containerPort == 80)) && object.spec.volumes.map(v, v.name).size() > 0"))).toEqual({
      spec: { containers: { '[*]': { image: true, ports: { '[*]': { containerPort: true } } } }, volumes: { '[*]': { name: true } } },
    });
    expect(plain(readsOf('object.spec.containers.exists_one(c, true)'))).toEqual({ spec: { containers: { '[*]': {} } } });
  });

  it('reads whole elements that escape: filter, bare iteration variables, computed indexes', () => {
    expect(plain(readsOf('object.spec.containers.filter(c, c.name == "a").size() == 1'))).toEqual({ spec: { containers: true } });
    expect(plain(readsOf('object.spec.containers.map(c, c).size() == 1'))).toEqual({ spec: { containers: { '[*]': true } } });
    expect(plain(readsOf('object.spec.containers[0].name == "a"'))).toEqual({ spec: { containers: true } });
  });

  it('resolves nested iteration variables by scope, an inner one shadowing an outer one', () => {
    expect(plain(readsOf('object.a.all(x, object.b.all(x, x.inner == 1) && x.outer == 1)'))).toEqual({
      a: { '[*]': { outer: true } },
      b: { '[*]': { inner: true } },
    });
  });

  it('follows optional selections and has()', () => {
    expect(plain(readsOf('has(object.spec.hostPID) && !object.?spec.?hostNetwork.orValue(false)'))).toEqual({ spec: { hostPID: true, hostNetwork: true } });
  });

  it('maps Gatekeeper roots (request.object, request.oldObject, variables.anyObject) to the object', () => {
    expect(plain(readsOf('variables.anyObject.spec.replicas > 1 && request.object.metadata.name != request.oldObject.kind'))).toEqual({
      spec: { replicas: true },
      metadata: { name: true },
      kind: true,
    });
  });

  it('ignores request fields outside the object, params and user variables', () => {
    expect(plain(readsOf("request.userInfo.username == 'x' && params.spec.max > variables.count"))).toEqual({});
  });

  it('reads a whole subtree under a computed index and the whole object when it is used as a value', () => {
    expect(plain(readsOf("object.metadata.labels[params.key] == 'x'"))).toEqual({ metadata: { labels: true } });
    expect(readsOf('object == oldObject')).toBe(true);
    expect(readsOf('(true ? object : oldObject).spec.x == 1')).toBe(true);
    expect(readsOf('cel.bind(o, object, o.spec.x == 1)')).toBe(true);
    expect(readsOf('size(variables) > 0')).toBe(true);
    expect(readsOf("request.object['spec'] == request")).toBe(true);
  });

  it('merges read sets, a whole read winning', () => {
    const a = readsOf('object.spec.a == 1 && object.spec.list.all(e, e.x == 1)');
    const b = readsOf('object.spec.b == 1 && object.metadata.name == "x" && object.spec.list.all(e, e.y == 1)');
    expect(plain(mergeReads(a, b))).toEqual({ spec: { a: true, b: true, list: { '[*]': { x: true, y: true } } }, metadata: { name: true } });
    expect(mergeReads(a, true)).toBe(true);
    expect(mergeReads(NO_READS, a)).toBe(a);
  });
});

describe('toCelReading', () => {
  const object = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', labels: { app: 'web' }, managedFields: [{ manager: 'kubectl', time: '2024-01-01T00:00:00Z' }] },
    spec: { replicas: 3, ratio: 0.5, containers: [{ name: 'app', ports: [{ containerPort: 8080 }] }], hostPID: undefined },
    status: { phase: 'Running' },
  };

  it('converts what is read as toCel does and leaves the rest out', () => {
    const reads = mergeReads(readsOf('object.spec.containers.all(c, c.ports.all(p, p.containerPort > 0)) && object.spec.replicas + 1 > 0'), readsOf('has(object.spec.hostPID)'));
    expect(toCelReading(object, reads)).toEqual({ spec: { containers: [{ ports: [{ containerPort: 8080n }] }], replicas: 3n } });
    expect(toCelReading(object, true)).toEqual(toCel(object));
  });

  it('gives every expression whose reads are included the same result as the full conversion', () => {
    const expressions = [
      'object.spec.replicas + 1 == 4',
      'object.spec.ratio * 2.0 == 1.0',
      'size(object.metadata.labels) == 1',
      'has(object.spec.hostPID) || has(object.status.phase)',
      "object.spec.containers.exists(c, c.ports.exists(p, p.containerPort == 8080))",
      'object.metadata.?annotations.orValue({}).size() == 0',
      "object.metadata.managedFields.map(f, f.manager) == ['kubectl']",
      'object.kind == oldObject.kind',
      'object.metadata.labels.all(k, k.startsWith("a"))',
      'object.spec.containers.all(c, true) && object.spec.containers.exists_one(c, c.name == "app")',
      'object.spec.containers.map(c, c.ports.map(p, p.containerPort)) == [[8080]]',
      'object.spec.containers.exists(c, c.ports.exists(p, p.containerPort + 1 == 8081))',
      "object.spec.missing == 1",
    ];
    const programs = expressions.map((e) => compileCel(e, site));
    const reads = programs.reduce<FieldReads>((all, p) => mergeReads(all, p.objectReads), NO_READS);
    const partial = { object: toCelReading(object, reads), oldObject: toCelReading(object, reads) };
    const full = { object: toCel(object), oldObject: toCel(object) };
    const outcome = (run: () => unknown) => {
      try {
        return run();
      } catch (error) {
        return (error as Error).message;
      }
    };
    for (const program of programs) {
      expect(outcome(() => program.evaluate(partial)), program.source).toEqual(outcome(() => program.evaluate(full)));
    }
    expect(programs.map((p) => outcome(() => p.evaluate(partial)))).toEqual([...expressions.slice(1).map(() => true), expect.stringContaining('No such key: missing')]);
  });

  it('gives generated expressions the results of the full conversion, reading only what they read', () => {
    let compared = 0;
    let partial = 0;
    for (const { source, objects, variable } of generatedCases(7, 1500)) {
      let program;
      try {
        program = compileCel(source, site);
      } catch {
        continue;
      }
      if (program.objectReads !== true) partial++;
      for (const object of objects) {
        const variables = new Map([['v', toCel(variable)]]);
        const full = outcome(() => program.evaluate({ object: toCel(object), oldObject: toCel(object), variables }));
        const read = toCelReading(object, program.objectReads);
        // The compiled reader builds what the interpreted walk builds, types and key order included.
        const interpreted = toCelReadingInterpreted(object, program.objectReads);
        expect(same(read, interpreted), source).toBe(true);
        expect(Object.keys((read ?? {}) as object)).toEqual(Object.keys((interpreted ?? {}) as object));
        expect(sameOutcome(outcome(() => program.evaluate({ object: read, oldObject: read, variables })), full), source).toBe(true);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(2000);
    expect(partial).toBeGreaterThan(300);
  });

  it('keeps a __proto__ key as data, never as the prototype, in whole and partial conversions', () => {
    const hostile = JSON.parse('{"metadata": {"__proto__": {"polluted": 1}}}');
    const whole = toCel(hostile) as { metadata: object };
    expect(Object.getPrototypeOf(whole.metadata)).toBe(Object.prototype);
    expect(compileCel("size(object.metadata) == 1 && object.metadata['__proto__'].polluted == 1", site).evaluate({ object: whole })).toBe(true);
    for (const read of [toCelReading, toCelReadingInterpreted]) {
      const converted = read(hostile, readsOf('object.metadata.__proto__.polluted == 1')) as { metadata: object };
      expect(Object.getPrototypeOf(converted.metadata)).toBe(Object.prototype);
      expect(Object.keys(converted.metadata)).toEqual(['__proto__']);
      expect(Object.getOwnPropertyDescriptor(converted.metadata, '__proto__')?.value).toEqual({ polluted: 1n });
    }
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });
});
