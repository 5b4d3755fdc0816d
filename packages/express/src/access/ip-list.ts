import { fail } from '../options/option-checks.js';
import { isIpv4, parseIp, samePrefix, type IpBytes } from './ip-address.js';

/** A compiled allow or deny list. */
export interface IpList {
  readonly size: number;
  /** The address (parsed with {@link parseIp}) falls in one of the list's ranges. */
  has(address: IpBytes): boolean;
}

interface Range {
  readonly network: IpBytes;
  /** Prefix length over the 128-bit form (an IPv4 /24 is 96 + 24). */
  readonly bits: number;
}

/**
 * Compiles addresses and CIDR ranges (`203.0.113.7`, `10.0.0.0/8`, `2001:db8::/32`) once, at construction;
 * a bad entry throws `WAFER_ERR_INVALID_OPTION` naming it. A range with host bits set (`10.1.2.3/8`) is refused:
 * it usually means a typo, and silently widening it would deny or allow more than was written.
 *
 * @example
 * ```ts
 * const deny = compileIpList(['198.51.100.0/24', '2001:db8::/32'], 'ip.deny');
 * deny.has(parseIp('198.51.100.9')!); // true
 * ```
 */
export function compileIpList(entries: readonly string[], name: string): IpList {
  const ranges: Range[] = entries.map((entry, index) => {
    const where = `\`${name}[${index}]\``;
    const slash = entry.indexOf('/');
    const address = parseIp((slash >= 0 ? entry.slice(0, slash) : entry).trim());
    if (address === undefined)
      fail('waf()', `${where} is not an IPv4/IPv6 address or CIDR range: ${JSON.stringify(entry)}.`);
    const v4 = isIpv4(address);
    const max = v4 ? 32 : 128;
    let length = max;
    if (slash >= 0) {
      const text = entry.slice(slash + 1).trim();
      length = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
      if (!(length >= 0 && length <= max))
        fail('waf()', `${where}: the prefix length of ${JSON.stringify(entry)} must be 0–${max}.`);
    }
    const bits = v4 ? 96 + length : length;
    const masked = new Uint8Array(address);
    for (let bit = bits; bit < 128; bit++) masked[bit >> 3]! &= ~(0x80 >> (bit & 7));
    if (!samePrefix(masked, address, 128))
      fail(
        'waf()',
        `${where}: ${JSON.stringify(entry)} has host bits set; did you mean ${JSON.stringify(formatRange(masked, v4, length))}?`,
      );
    return { network: masked, bits };
  });
  return {
    size: ranges.length,
    has(address) {
      for (const range of ranges) if (samePrefix(address, range.network, range.bits)) return true;
      return false;
    },
  };
}

function formatRange(bytes: IpBytes, v4: boolean, length: number): string {
  if (v4) return `${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}/${length}`;
  const groups: string[] = [];
  for (let i = 0; i < 8; i++) groups.push(((bytes[i * 2]! << 8) | bytes[i * 2 + 1]!).toString(16));
  return `${groups.join(':')}/${length}`;
}
