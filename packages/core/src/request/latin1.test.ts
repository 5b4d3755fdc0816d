import { describe, expect, it } from 'vitest';
import { latin1Decode } from './latin1.js';

describe('latin1Decode', () => {
  it('maps every byte to the same code unit, including 0x80–0x9F that windows-1252 would change', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const decoded = latin1Decode(all);
    expect([...decoded].map((c) => c.charCodeAt(0))).toEqual([...all]);
  });

  it('decodes a range and long inputs', () => {
    expect(latin1Decode(new TextEncoder().encode('xGETx'), 1, 4)).toBe('GET');
    expect(latin1Decode(new Uint8Array(100_000).fill(0x41))).toBe('A'.repeat(100_000));
  });
});
