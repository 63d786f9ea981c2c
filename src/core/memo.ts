/**
 * A per-object memo for values derived from request- or scan-scoped objects (a workload's pod spec view, its
 * container views, what a run's index groups). The value is kept on the object itself under a private symbol:
 * non-enumerable, so JSON, equality checks and rules never see it. A WeakMap keyed by short-lived objects makes
 * every young-generation collection walk its ephemeron table; at admission (one parsed review per request) that
 * cost about a quarter of the evaluation. Frozen or sealed objects fall back to a WeakMap.
 */
export interface ObjectMemo<K extends object, V> {
  get(object: K): V | undefined;
  set(object: K, value: V): void;
}

export function objectMemo<K extends object, V>(description: string): ObjectMemo<K, V> {
  const key = Symbol(description);
  const fallback = new WeakMap<K, V>();
  return {
    get(object) {
      const value = (object as Record<symbol, V | undefined>)[key];
      if (value !== undefined || Object.isExtensible(object)) return value;
      return fallback.get(object);
    },
    set(object, value) {
      if (Object.isExtensible(object)) Object.defineProperty(object, key, { value, writable: true, configurable: true, enumerable: false });
      else fallback.set(object, value);
    },
  };
}
