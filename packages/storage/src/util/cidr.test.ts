import { describe, expect, it } from 'vitest';
import { normalizeCidr } from './cidr.js';

describe('normalizeCidr', () => {
  it('adds the full prefix to single addresses and lower-cases IPv6', () => {
    expect(normalizeCidr('203.0.113.7')).toBe('203.0.113.7/32');
    expect(normalizeCidr(' 203.0.113.0/24 ')).toBe('203.0.113.0/24');
    expect(normalizeCidr('2001:DB8::1')).toBe('2001:db8::1/128');
    expect(normalizeCidr('::/0')).toBe('::/0');
  });

  it('rejects what is not an address or block', () => {
    for (const bad of [
      '300.1.1.1',
      '203.0.113.0/33',
      '2001:db8::/129',
      '1.2.3.4/',
      '1.2.3.4/x',
      'a/b/c',
      'example.com',
    ])
      expect(normalizeCidr(bad)).toBeUndefined();
  });
});
