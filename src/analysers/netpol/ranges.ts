/**
 * Closed integer ranges `[lo, hi]`, as both address ranges (IPv4 as numbers) and port ranges use them.
 */
export type Range = readonly [number, number];

/** Sorted, with overlapping and adjacent ranges merged. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last && range[0] <= last[1] + 1) {
      if (range[1] > last[1]) out[out.length - 1] = [last[0], range[1]];
    } else out.push(range);
  }
  return out;
}

/** What is left of `from` once every range of `remove` is taken out. */
export function subtractRanges(from: readonly Range[], remove: readonly Range[]): Range[] {
  let current = [...from];
  for (const [lo, hi] of remove) {
    const next: Range[] = [];
    for (const [a, b] of current) {
      if (hi < a || lo > b) next.push([a, b]);
      else {
        if (a < lo) next.push([a, lo - 1]);
        if (hi < b) next.push([hi + 1, b]);
      }
    }
    current = next;
  }
  return current;
}
