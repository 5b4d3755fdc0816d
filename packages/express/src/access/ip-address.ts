/**
 * IP addresses as 16 bytes, IPv4 stored IPv4-mapped (`::ffff:a.b.c.d`, RFC 4291 §2.5.5.2), so one
 * comparison covers both families and a dual-stack server's `::ffff:127.0.0.1` equals `127.0.0.1`.
 */
export type IpBytes = Uint8Array;

const V4_MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function parseIpv4(text: string, out: Uint8Array, at: number): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    const part = parts[i]!;
    // Leading zeros are refused: some stacks read `010` as octal (8), others as decimal (10).
    if (!/^(?:0|[1-9]\d{0,2})$/.test(part)) return false;
    const value = Number(part);
    if (value > 255) return false;
    out[at + i] = value;
  }
  return true;
}

function parseHextets(text: string): number[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  const out: number[] = [];
  for (const group of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
    out.push(parseInt(group, 16));
  }
  return out;
}

/**
 * Parses an IPv4 or IPv6 address (zone index ignored) into 16 bytes; `undefined` when it is not one.
 *
 * @example
 * ```ts
 * parseIp('203.0.113.7'); // Uint8Array [0,0,0,0,0,0,0,0,0,0,255,255,203,0,113,7]
 * ```
 */
export function parseIp(input: string): IpBytes | undefined {
  const out = new Uint8Array(16);
  if (input.includes('.') && !input.includes(':')) {
    out.set(V4_MAPPED_PREFIX);
    return parseIpv4(input, out, 12) ? out : undefined;
  }
  let text = input;
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (!text.includes(':')) return undefined;
  // A trailing dotted quad (`::ffff:1.2.3.4`, `64:ff9b::1.2.3.4`) stands for the last two hextets.
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const quad = new Uint8Array(4);
    if (!parseIpv4(text.slice(lastColon + 1), quad, 0)) return undefined;
    tail = [(quad[0]! << 8) | quad[1]!, (quad[2]! << 8) | quad[3]!];
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const double = text.indexOf('::');
  let hextets: number[];
  if (double >= 0) {
    if (text.indexOf('::', double + 1) >= 0) return undefined;
    const head = parseHextets(text.slice(0, double));
    const rest = parseHextets(text.slice(double + 2));
    if (head === undefined || rest === undefined) return undefined;
    const missing = 8 - head.length - rest.length - tail.length;
    if (missing < 1) return undefined;
    hextets = [...head, ...new Array<number>(missing).fill(0), ...rest, ...tail];
  } else {
    const all = parseHextets(text);
    if (all === undefined) return undefined;
    hextets = [...all, ...tail];
    if (hextets.length !== 8) return undefined;
  }
  for (let i = 0; i < 8; i++) {
    out[i * 2] = hextets[i]! >> 8;
    out[i * 2 + 1] = hextets[i]! & 0xff;
  }
  return out;
}

/** True for an IPv4 address (stored IPv4-mapped). */
export function isIpv4(bytes: IpBytes): boolean {
  for (let i = 0; i < 12; i++) if (bytes[i] !== V4_MAPPED_PREFIX[i]) return false;
  return true;
}

/** The first `bits` bits of `a` and `b` are equal. */
export function samePrefix(a: IpBytes, b: IpBytes, bits: number): boolean {
  const whole = bits >> 3;
  for (let i = 0; i < whole; i++) if (a[i] !== b[i]) return false;
  const rest = bits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (a[whole]! & mask) === (b[whole]! & mask);
}

/**
 * The key rate limits and bans count a client under: the IPv4 address itself, or the IPv6 address's
 * `/subnet` prefix — one host is usually handed a whole /64, so counting single IPv6 addresses would let it
 * rotate through 2^64 of them.
 *
 * @example
 * ```ts
 * clientKey(parseIp('2001:db8:1:2:aaaa::1')!, 64); // '2001:db8:1:2::/64'
 * ```
 */
export function clientKey(bytes: IpBytes, ipv6Subnet: number): string {
  if (isIpv4(bytes)) return `${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}`;
  const groups: string[] = [];
  for (let i = 0; i < 8; i++) {
    const start = i * 16;
    if (start >= ipv6Subnet) break;
    let value = (bytes[i * 2]! << 8) | bytes[i * 2 + 1]!;
    const keep = ipv6Subnet - start;
    if (keep < 16) value &= (0xffff << (16 - keep)) & 0xffff;
    groups.push(value.toString(16));
  }
  return `${groups.join(':')}::/${ipv6Subnet}`;
}

/** The address as clients and logs expect it: IPv4-mapped IPv6 is shown as plain IPv4. */
export function displayIp(raw: string): string {
  return raw.startsWith('::ffff:') && raw.includes('.') ? raw.slice(7) : raw;
}
