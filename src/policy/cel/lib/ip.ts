/**
 * The Kubernetes IP and CIDR libraries (1.30+), following Go's net/netip as Kubernetes uses it: no IPv4-mapped
 * IPv6 addresses, no zones, no leading zeros in IPv4 octets; canonical text per RFC 5952.
 */
import { EvaluationError, type Environment } from '@marcbachmann/cel-js';

export class IPAddress {
  /** `value` is the address as a 32- or 128-bit integer. */
  constructor(
    readonly family: 4 | 6,
    readonly value: bigint,
  ) {}

  get bits(): number {
    return this.family === 4 ? 32 : 128;
  }

  toString(): string {
    if (this.family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((this.value >> shift) & 0xffn)).join('.');
    const groups = Array.from({ length: 8 }, (_, i) => Number((this.value >> BigInt(112 - i * 16)) & 0xffffn));
    let bestStart = -1;
    let bestLength = 1;
    for (let i = 0; i < 8; ) {
      if (groups[i] !== 0) {
        i++;
        continue;
      }
      let j = i;
      while (j < 8 && groups[j] === 0) j++;
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    const hex = groups.map((g) => g.toString(16));
    if (bestStart === -1) return hex.join(':');
    return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
  }
}

export class CIDRBlock {
  constructor(
    readonly address: IPAddress,
    readonly prefix: number,
  ) {}

  get maskedValue(): bigint {
    const hostBits = BigInt(this.address.bits - this.prefix);
    return (this.address.value >> hostBits) << hostBits;
  }

  containsAddress(ip: IPAddress): boolean {
    if (ip.family !== this.address.family) return false;
    const hostBits = BigInt(this.address.bits - this.prefix);
    return ip.value >> hostBits === this.address.value >> hostBits;
  }

  toString(): string {
    return `${this.address.toString()}/${this.prefix}`;
  }
}

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIPv6(text: string): bigint | undefined {
  if (text.includes('%')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIPv4(piece);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return undefined;
      out.push(parseInt(piece, 16));
    }
    return out;
  };
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...new Array(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

export function parseIP(text: string): IPAddress | undefined {
  if (text.includes(':')) {
    const value = parseIPv6(text);
    if (value === undefined) return undefined;
    // IPv4-mapped IPv6 (::ffff:a.b.c.d) is rejected, as in Kubernetes.
    if (value >> 32n === 0xffffn) return undefined;
    return new IPAddress(6, value);
  }
  const value = parseIPv4(text);
  return value === undefined ? undefined : new IPAddress(4, value);
}

export function parseCIDR(text: string): CIDRBlock | undefined {
  const slash = text.indexOf('/');
  if (slash === -1) return undefined;
  const address = parseIP(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!address || !/^(0|[1-9]\d{0,2})$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > address.bits) return undefined;
  return new CIDRBlock(address, prefix);
}

function inRange(ip: IPAddress, cidr: string): boolean {
  return nonNull(parseCIDR(cidr), cidr).containsAddress(ip);
}

function nonNull<T>(value: T | undefined, text: string): T {
  if (value === undefined) throw new Error(`invalid built-in range ${text}`);
  return value;
}

const LOOPBACK = ['127.0.0.0/8', '::1/128'];
const LINK_LOCAL_UNICAST = ['169.254.0.0/16', 'fe80::/10'];
const MULTICAST = ['224.0.0.0/4', 'ff00::/8'];

function isAny(ip: IPAddress, ranges: string[]): boolean {
  return ranges.some((range) => inRange(ip, range));
}

function isLinkLocalMulticast(ip: IPAddress): boolean {
  if (ip.family === 4) return inRange(ip, '224.0.0.0/24');
  return ip.value >> 120n === 0xffn && ((ip.value >> 112n) & 0x0fn) === 0x02n;
}

function isGlobalUnicast(ip: IPAddress): boolean {
  if (ip.value === 0n) return false;
  if (ip.family === 4 && ip.value === 0xffffffffn) return false;
  return !isAny(ip, LOOPBACK) && !isAny(ip, LINK_LOCAL_UNICAST) && !isAny(ip, MULTICAST);
}

class IPNamespace {}

function ipOf(text: string): IPAddress {
  const ip = parseIP(text);
  if (!ip) throw new EvaluationError(`IP Address "${text}" parse error during conversion from string: ParseAddr("${text}"): unable to parse IP`);
  return ip;
}

function cidrOf(text: string): CIDRBlock {
  const cidr = parseCIDR(text);
  if (!cidr) throw new EvaluationError(`network address parse error during conversion from string: network address "${text}" is not valid`);
  return cidr;
}

export function registerIp(env: Environment): void {
  env.registerType('net.IP', IPAddress);
  env.registerType('net.CIDR', CIDRBlock);
  env.registerType('kubeward.IPNamespace', IPNamespace);
  env.registerConstant('ip', 'kubeward.IPNamespace', new IPNamespace());
  env.registerFunction('ip(string): net.IP', ipOf);
  env.registerFunction('isIP(string): bool', (text: string) => parseIP(text) !== undefined);
  env.registerFunction('kubeward.IPNamespace.isCanonical(string): bool', (_: unknown, text: string) => ipOf(text).toString() === text);
  env.registerFunction('string(net.IP): string', (ip: IPAddress) => ip.toString());
  env.registerFunction('net.IP.family(): int', (ip: IPAddress) => BigInt(ip.family));
  env.registerFunction('net.IP.isUnspecified(): bool', (ip: IPAddress) => ip.value === 0n);
  env.registerFunction('net.IP.isLoopback(): bool', (ip: IPAddress) => isAny(ip, LOOPBACK));
  env.registerFunction('net.IP.isLinkLocalMulticast(): bool', isLinkLocalMulticast);
  env.registerFunction('net.IP.isLinkLocalUnicast(): bool', (ip: IPAddress) => isAny(ip, LINK_LOCAL_UNICAST));
  env.registerFunction('net.IP.isGlobalUnicast(): bool', isGlobalUnicast);
  env.registerOperator('net.IP == net.IP', (a: IPAddress, b: IPAddress) => a.family === b.family && a.value === b.value);

  env.registerFunction('cidr(string): net.CIDR', cidrOf);
  env.registerFunction('isCIDR(string): bool', (text: string) => parseCIDR(text) !== undefined);
  env.registerFunction('string(net.CIDR): string', (cidr: CIDRBlock) => cidr.toString());
  env.registerFunction('net.CIDR.containsIP(string): bool', (cidr: CIDRBlock, text: string) => cidr.containsAddress(ipOf(text)));
  env.registerFunction('net.CIDR.containsIP(net.IP): bool', (cidr: CIDRBlock, ip: IPAddress) => cidr.containsAddress(ip));
  const containsCidr = (cidr: CIDRBlock, other: CIDRBlock) => other.prefix >= cidr.prefix && cidr.containsAddress(other.address);
  env.registerFunction('net.CIDR.containsCIDR(string): bool', (cidr: CIDRBlock, text: string) => containsCidr(cidr, cidrOf(text)));
  env.registerFunction('net.CIDR.containsCIDR(net.CIDR): bool', containsCidr);
  env.registerFunction('net.CIDR.ip(): net.IP', (cidr: CIDRBlock) => cidr.address);
  env.registerFunction('net.CIDR.masked(): net.CIDR', (cidr: CIDRBlock) => new CIDRBlock(new IPAddress(cidr.address.family, cidr.maskedValue), cidr.prefix));
  env.registerFunction('net.CIDR.prefixLength(): int', (cidr: CIDRBlock) => BigInt(cidr.prefix));
  env.registerOperator('net.CIDR == net.CIDR', (a: CIDRBlock, b: CIDRBlock) => a.prefix === b.prefix && a.address.family === b.address.family && a.address.value === b.address.value);
}
