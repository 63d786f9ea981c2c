/**
 * Batches the transport's work per turn of the event loop. The webhook's transport (main.ts) hands it the
 * evaluation of each request whose body is complete; the requests that complete in one turn are then evaluated
 * together in the next check phase, instead of each as soon as its body has arrived.
 *
 * Why: one review's evaluation then follows the last one's, and the responses are written one after another,
 * rather than evaluation and TLS/HTTP code alternating per request. Measured at saturation with 16 connections
 * (docs/admission.md), that cuts the server's CPU per review by about a third, the transport's share included;
 * writing each response before the next evaluation (a TLS write and a system call in between) undoes nearly all
 * of it. At low load a batch holds one request and costs one setImmediate.
 */
export interface Batch {
  /** Runs `work` in the next check phase, after the work queued before it; work queued while a batch runs waits for the next. */
  add(work: () => void): void;
  /** Work queued and not yet run. */
  pending(): number;
}

/** `onError` receives what a piece of work throws; the rest of its batch still runs, so no request is left unanswered. */
export function createBatch(onError: (error: unknown) => void): Batch {
  let queued: Array<() => void> = [];
  const runQueued = () => {
    const batch = queued;
    queued = [];
    for (const work of batch) {
      try {
        work();
      } catch (error) {
        onError(error);
      }
    }
  };
  return {
    add(work) {
      queued.push(work);
      if (queued.length === 1) setImmediate(runQueued);
    },
    pending: () => queued.length,
  };
}
