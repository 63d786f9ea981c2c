/**
 * Memoises a pure function of a string: image references, resource quantities and similar values repeat across
 * the objects of a scan and the requests of a webhook, so each distinct text is parsed once. Bounded: past
 * `limit` entries the memo starts over, so hostile input cannot grow it. Results are shared; callers must not
 * change them (object results are frozen).
 */
export function memoizeByString<T>(compute: (text: string) => T, limit = 4096): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    let result = memo.get(text);
    if (result === undefined && !memo.has(text)) {
      result = compute(text);
      if (result !== null && typeof result === 'object') Object.freeze(result);
      if (memo.size >= limit) memo.clear();
      memo.set(text, result);
    }
    return result as T;
  };
}
