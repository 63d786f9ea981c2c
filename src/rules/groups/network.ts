/** Rules built on the NetworkPolicy reachability analyser. Sorted by id. */

export const networkRules = [] as const;
