/** Rules built on the NetworkPolicy reachability analyser. Sorted by id. */
import netpolReachableFromAllNamespaces from '../netpol-reachable-from-all-namespaces/netpol-reachable-from-all-namespaces.rule.js';
import netpolReachableFromInternet from '../netpol-reachable-from-internet/netpol-reachable-from-internet.rule.js';

export const networkRules = [netpolReachableFromAllNamespaces, netpolReachableFromInternet] as const;
