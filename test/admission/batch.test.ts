/** The transport's batch: the work queued in one turn runs together, in order, in the next check phase. */
import { describe, expect, it } from 'vitest';
import { createBatch } from '../../src/server/admission/batch.js';

const nextCheckPhase = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createBatch', () => {
  it('runs the work queued in one turn together, in order, after the turn', async () => {
    const batch = createBatch((error) => { throw error; });
    const ran: string[] = [];
    batch.add(() => ran.push('a'));
    batch.add(() => ran.push('b'));
    batch.add(() => ran.push('c'));
    expect(ran).toEqual([]);
    expect(batch.pending()).toBe(3);
    await nextCheckPhase();
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(batch.pending()).toBe(0);
  });

  it('queues work added while a batch runs for the next batch', async () => {
    const batch = createBatch((error) => { throw error; });
    const ran: string[] = [];
    batch.add(() => {
      ran.push('first');
      batch.add(() => ran.push('added during the first batch'));
      expect(batch.pending()).toBe(1);
    });
    batch.add(() => ran.push('second'));
    await nextCheckPhase();
    expect(ran).toEqual(['first', 'second']);
    await nextCheckPhase();
    expect(ran).toEqual(['first', 'second', 'added during the first batch']);
  });

  it('reports a piece of work that throws and still runs the rest of its batch', async () => {
    const errors: unknown[] = [];
    const batch = createBatch((error) => errors.push(error));
    const ran: string[] = [];
    batch.add(() => ran.push('before'));
    batch.add(() => { throw new Error('broken'); });
    batch.add(() => ran.push('after'));
    await nextCheckPhase();
    expect(ran).toEqual(['before', 'after']);
    expect(errors.map((e) => (e as Error).message)).toEqual(['broken']);
  });

  it('runs a batch per turn of the event loop', async () => {
    const batch = createBatch((error) => { throw error; });
    const turns: number[] = [];
    let turn = 0;
    for (; turn < 3; turn++) {
      const current = turn;
      batch.add(() => turns.push(current));
      batch.add(() => turns.push(current));
      await nextCheckPhase();
    }
    expect(turns).toEqual([0, 0, 1, 1, 2, 2]);
  });
});
