import { describe, expect, it } from 'vitest';
import { clientKey, displayIp, isIpv4, parseIp, samePrefix } from './ip-address.js';

const hex = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString('hex') : undefined);

describe('parseIp', () => {
  it('parses IPv4 into the IPv4-mapped form', () => {
    expect(hex(parseIp('203.0.113.7'))).toBe('00000000000000000000ffffcb007107');
    expect(hex(parseIp('::ffff:203.0.113.7'))).toBe(hex(parseIp('203.0.113.7')));
    expect(isIpv4(parseIp('0.0.0.0')!)).toBe(true);
  });

  it.each([
    ['::1', '00000000000000000000000000000001'],
    ['::', '00000000000000000000000000000000'],
    ['2001:db8::', '20010db8000000000000000000000000'],
    ['2001:DB8:0:0:8:800:200C:417A', '20010db80000000000080800200c417a'],
    ['fe80::1%eth0', 'fe800000000000000000000000000001'],
    ['64:ff9b::192.0.2.33', '0064ff9b0000000000000000c0000221'],
    ['1:2:3:4:5:6:7.8.9.10', '0001000200030004000500060708090a'],
    ['::192.0.2.1', '000000000000000000000000c0000201'],
  ])('parses %s', (text, expected) => {
    expect(hex(parseIp(text))).toBe(expected);
    expect(isIpv4(parseIp(text)!)).toBe(false);
  });

  it.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '01.2.3.4',
    '1.2.3.-1',
    'a.b.c.d',
    ':::',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '12345::',
    'g::1',
    '1:2:3:4:5:6:7',
    '::1.2.3',
    'localhost',
  ])('refuses %j', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });
});

describe('prefixes and client keys', () => {
  it('compares prefixes bit by bit', () => {
    const a = parseIp('10.1.2.3')!;
    expect(samePrefix(a, parseIp('10.1.255.255')!, 96 + 16)).toBe(true);
    expect(samePrefix(a, parseIp('10.2.0.0')!, 96 + 16)).toBe(false);
    expect(samePrefix(a, parseIp('10.1.2.200')!, 96 + 25)).toBe(false);
    expect(samePrefix(a, parseIp('10.1.2.100')!, 96 + 25)).toBe(true);
  });

  it('keys IPv4 by address and IPv6 by subnet', () => {
    expect(clientKey(parseIp('::ffff:198.51.100.4')!, 64)).toBe('198.51.100.4');
    expect(clientKey(parseIp('2001:db8:1:2:aaaa:bbbb:cccc:dddd')!, 64)).toBe('2001:db8:1:2::/64');
    expect(clientKey(parseIp('2001:db8:1:2ff::1')!, 56)).toBe('2001:db8:1:200::/56');
    expect(clientKey(parseIp('2001:db8::1')!, 128)).toBe('2001:db8:0:0:0:0:0:1::/128');
  });

  it('shows IPv4-mapped addresses as IPv4', () => {
    expect(displayIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(displayIp('::1')).toBe('::1');
  });
});
