/**
 * IPv4 address ranges: CIDR parsing, ipBlock (cidr minus except) as range lists, and the atomisation of the
 * address space into disjoint ranges that np-guard prints as `<first>-<last>[External]` peers.
 */

/** Inclusive [first, last] IPv4 range as unsigned 32-bit numbers. */
export type IpRange = readonly [number, number];

const IPV4_MAX = 0xffffffff;
export const ALL_IPV4: IpRange = [0, IPV4_MAX];

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export type CidrParse = { kind: 'ipv4'; range: IpRange } | { kind: 'ipv6' } | { kind: 'invalid' };

/** `10.0.0.0/8` -> [10.0.0.0, 10.255.255.255]; host bits are ignored as Kubernetes' validation would reject them. */
export function parseCidr(text: string): CidrParse {
  if (typeof text !== 'string') return { kind: 'invalid' };
  if (text.includes(':')) return { kind: 'ipv6' };
  const [address, prefixText] = text.trim().split('/');
  const base = parseIpv4(address);
  const prefix = prefixText === undefined ? 32 : Number(prefixText);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return { kind: 'invalid' };
  const size = 2 ** (32 - prefix);
  const first = Math.floor(base / size) * size;
  return { kind: 'ipv4', range: [first, first + size - 1] };
}

export function rangesContain(ranges: readonly IpRange[], address: number): boolean {
  return ranges.some(([a, b]) => address >= a && address <= b);
}

/**
 * Splits the whole IPv4 space into maximal disjoint ranges such that every given block either contains a
 * range completely or not at all (np-guard's disjoint ip-blocks, then one peer per contiguous range).
 */
export function atomiseAddressSpace(blocks: ReadonlyArray<readonly IpRange[]>): IpRange[] {
  const cuts = new Set<number>([0]);
  for (const block of blocks) {
    for (const [a, b] of block) {
      cuts.add(a);
      if (b < IPV4_MAX) cuts.add(b + 1);
    }
  }
  const starts = [...cuts].sort((a, b) => a - b);
  const elementary: IpRange[] = starts.map((start, i) => [start, i + 1 < starts.length ? starts[i + 1] - 1 : IPV4_MAX]);
  // Merge neighbours that no block tells apart: their membership signatures are equal.
  const signature = (range: IpRange) => blocks.map((block) => (rangesContain(block, range[0]) ? '1' : '0')).join('');
  const atoms: IpRange[] = [];
  let previousSignature = '';
  for (const range of elementary) {
    const current = signature(range);
    const last = atoms[atoms.length - 1];
    if (last && current === previousSignature) atoms[atoms.length - 1] = [last[0], range[1]];
    else atoms.push(range);
    previousSignature = current;
  }
  return atoms;
}

/** `0.0.0.0-255.255.255.255` */
export function formatIpRange(range: IpRange): string {
  return `${formatIpv4(range[0])}-${formatIpv4(range[1])}`;
}
