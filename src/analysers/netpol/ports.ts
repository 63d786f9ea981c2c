/**
 * Connection sets: which protocols and ports a connection may use, as sorted interval lists per protocol
 * (TCP, UDP, SCTP over ports 1..65535). Sets are immutable and interned, so the policy engine can cache
 * unions and intersections by id instead of recomputing them per pod pair.
 */
import { mergeRanges, subtractRanges } from './ranges.js';

export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** Inclusive [first, last] port range. */
export type PortRange = readonly [number, number];
type RangeList = readonly PortRange[];

const FULL: RangeList = [[MIN_PORT, MAX_PORT]];
const NONE: RangeList = [];

export function isProtocol(value: unknown): value is Protocol {
  return value === 'TCP' || value === 'UDP' || value === 'SCTP';
}

function normalise(ranges: PortRange[]): PortRange[] {
  return mergeRanges(ranges.map(([a, b]) => [Math.max(MIN_PORT, a), Math.min(MAX_PORT, b)] as PortRange).filter(([a, b]) => a <= b));
}

function unionRanges(a: RangeList, b: RangeList): PortRange[] {
  if (a.length === 0) return [...b];
  if (b.length === 0) return [...a];
  return normalise([...a, ...b]);
}

function intersectRanges(a: RangeList, b: RangeList): PortRange[] {
  const out: PortRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i][0], b[j][0]);
    const hi = Math.min(a[i][1], b[j][1]);
    if (lo <= hi) out.push([lo, hi]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return out;
}

function rangesText(ranges: RangeList): string {
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',');
}

/**
 * An immutable set of (protocol, port) pairs. Build with `ConnectionSet.of`, `ALL_CONNECTIONS`, `NO_CONNECTIONS`;
 * every instance is interned, so `a === b` iff the sets are equal and `id` is a stable small integer.
 */
export class ConnectionSet {
  private static readonly interned = new Map<string, ConnectionSet>();
  private static nextId = 0;
  private static readonly unionCache = new Map<number, ConnectionSet>();
  private static readonly intersectCache = new Map<number, ConnectionSet>();

  readonly id: number;

  private constructor(
    readonly byProtocol: Readonly<Record<Protocol, RangeList>>,
    readonly key: string,
  ) {
    this.id = ConnectionSet.nextId++;
  }

  static of(byProtocol: Partial<Record<Protocol, readonly PortRange[]>>): ConnectionSet {
    const normalised = {
      SCTP: normalise([...(byProtocol.SCTP ?? NONE)]),
      TCP: normalise([...(byProtocol.TCP ?? NONE)]),
      UDP: normalise([...(byProtocol.UDP ?? NONE)]),
    };
    return ConnectionSet.intern(normalised);
  }

  /** All ports of one protocol, or one range of one protocol. */
  static protocol(protocol: Protocol, range: PortRange = [MIN_PORT, MAX_PORT]): ConnectionSet {
    return ConnectionSet.of({ [protocol]: [range] });
  }

  private static intern(byProtocol: Record<Protocol, RangeList>): ConnectionSet {
    const key = `S${rangesText(byProtocol.SCTP)}|T${rangesText(byProtocol.TCP)}|U${rangesText(byProtocol.UDP)}`;
    let set = ConnectionSet.interned.get(key);
    if (!set) {
      set = new ConnectionSet(byProtocol, key);
      ConnectionSet.interned.set(key, set);
    }
    return set;
  }

  get isEmpty(): boolean {
    return this === NO_CONNECTIONS;
  }

  get isAll(): boolean {
    return this === ALL_CONNECTIONS;
  }

  union(other: ConnectionSet): ConnectionSet {
    if (other === this || other.isEmpty || this.isAll) return this;
    if (this.isEmpty || other.isAll) return other;
    const cacheKey = pairKey(this.id, other.id);
    let result = ConnectionSet.unionCache.get(cacheKey);
    if (!result) {
      result = ConnectionSet.intern({
        SCTP: unionRanges(this.byProtocol.SCTP, other.byProtocol.SCTP),
        TCP: unionRanges(this.byProtocol.TCP, other.byProtocol.TCP),
        UDP: unionRanges(this.byProtocol.UDP, other.byProtocol.UDP),
      });
      ConnectionSet.unionCache.set(cacheKey, result);
    }
    return result;
  }

  intersect(other: ConnectionSet): ConnectionSet {
    if (other === this || this.isEmpty || other.isAll) return this;
    if (other.isEmpty || this.isAll) return other;
    const cacheKey = pairKey(this.id, other.id);
    let result = ConnectionSet.intersectCache.get(cacheKey);
    if (!result) {
      result = ConnectionSet.intern({
        SCTP: intersectRanges(this.byProtocol.SCTP, other.byProtocol.SCTP),
        TCP: intersectRanges(this.byProtocol.TCP, other.byProtocol.TCP),
        UDP: intersectRanges(this.byProtocol.UDP, other.byProtocol.UDP),
      });
      ConnectionSet.intersectCache.set(cacheKey, result);
    }
    return result;
  }

  subtract(other: ConnectionSet): ConnectionSet {
    if (other.isEmpty || this.isEmpty) return this;
    if (other.isAll || other === this) return NO_CONNECTIONS;
    return ConnectionSet.intern({
      SCTP: subtractRanges(this.byProtocol.SCTP, other.byProtocol.SCTP),
      TCP: subtractRanges(this.byProtocol.TCP, other.byProtocol.TCP),
      UDP: subtractRanges(this.byProtocol.UDP, other.byProtocol.UDP),
    });
  }

  contains(protocol: Protocol, port: number): boolean {
    return this.byProtocol[protocol].some(([a, b]) => port >= a && port <= b);
  }

  /**
   * np-guard's connection string: `All Connections`, `No Connections`, or `PROTO ports` entries joined by `,`
   * in protocol order, e.g. `TCP 8080,9090,UDP 53` or `SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535`.
   */
  toString(): string {
    if (this.isAll) return 'All Connections';
    if (this.isEmpty) return 'No Connections';
    return PROTOCOLS.filter((p) => this.byProtocol[p].length > 0)
      .map((p) => `${p} ${rangesText(this.byProtocol[p])}`)
      .join(',');
  }
}

function pairKey(a: number, b: number): number {
  return a < b ? a * 67108864 + b : b * 67108864 + a;
}

export const ALL_CONNECTIONS = ConnectionSet.of({ SCTP: FULL, TCP: FULL, UDP: FULL });
export const NO_CONNECTIONS = ConnectionSet.of({});

/** Parses `tcp-8080`, `UDP/53`, `443/TCP`, `443` (TCP) into one protocol and port. */
export function parseProtocolPort(text: string): { protocol: Protocol; port: number } | undefined {
  const match = /^(?:([A-Za-z]+)[-/:])?(\d+)(?:[-/:]([A-Za-z]+))?$/.exec(text.trim());
  if (!match) return undefined;
  const protocol = (match[1] ?? match[3] ?? 'TCP').toUpperCase();
  const port = Number(match[2]);
  if (!isProtocol(protocol) || port < MIN_PORT || port > MAX_PORT) return undefined;
  return { protocol, port };
}
