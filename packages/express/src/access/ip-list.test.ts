import { WaferError } from '@wafer/core';
import { describe, expect, it } from 'vitest';
import { parseIp } from './ip-address.js';
import { compileIpList } from './ip-list.js';

describe('compileIpList', () => {
  const list = compileIpList(
    ['198.51.100.0/24', '203.0.113.7', '2001:db8::/32', '::1', '0.0.0.0/32'],
    'ip.deny',
  );
  it.each([
    ['198.51.100.0', true],
    ['198.51.100.255', true],
    ['::ffff:198.51.100.9', true],
    ['198.51.101.0', false],
    ['203.0.113.7', true],
    ['203.0.113.8', false],
    ['2001:db8:ffff::1', true],
    ['2001:db9::1', false],
    ['::1', true],
    ['::2', false],
  ])('%s → %s', (ip, expected) => {
    expect(list.has(parseIp(ip)!)).toBe(expected);
  });

  it('keeps IPv4 and IPv6 apart (an IPv4 /0 is not the IPv6 world)', () => {
    const all4 = compileIpList(['0.0.0.0/0'], 'ip.deny');
    expect(all4.has(parseIp('8.8.8.8')!)).toBe(true);
    expect(all4.has(parseIp('2001:db8::1')!)).toBe(false);
  });

  it.each([
    ['10.0.0.0/33', /prefix length .* must be 0–32/],
    ['2001:db8::/129', /must be 0–128/],
    ['10.0.0.0/', /must be 0–32/],
    ['10.0.0.1/8', /host bits set; did you mean "10\.0\.0\.0\/8"/],
    ['2001:db8::1/32', /did you mean "2001:db8:0:0:0:0:0:0\/32"/],
    ['example.com', /not an IPv4\/IPv6 address/],
  ])('refuses %j', (entry, message) => {
    expect(() => compileIpList([entry], 'ip.allow')).toThrow(WaferError);
    expect(() => compileIpList([entry], 'ip.allow')).toThrow(message);
  });
});
