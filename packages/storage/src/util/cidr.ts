import { isIP } from 'node:net';

/**
 * `203.0.113.7` → `203.0.113.7/32`, `2001:DB8::/32` → `2001:db8::/32`; `undefined` when not an IP or CIDR.
 * Stored normalized so the (list, cidr) uniqueness catches the same entry typed twice.
 */
export function normalizeCidr(input: string): string | undefined {
  if (typeof input !== 'string') return undefined;
  const [address = '', prefix, extra] = input.trim().split('/');
  if (extra !== undefined) return undefined;
  const version = isIP(address);
  if (version === 0) return undefined;
  const max = version === 4 ? 32 : 128;
  const bits = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  if (!(bits >= 0 && bits <= max)) return undefined;
  return `${version === 6 ? address.toLowerCase() : address}/${bits}`;
}
