import { describe, expect, it } from 'vitest';
import { trimOws, trimOwsEnd } from './ows.js';

describe('trimOws / trimOwsEnd', () => {
  it('trims only spaces and tabs', () => {
    expect(trimOws(' \t a b \t ')).toBe('a b');
    expect(trimOws('\u00a0x\u00a0')).toBe('\u00a0x\u00a0');
    expect(trimOws('\r\nx')).toBe('\r\nx');
    expect(trimOws('   ')).toBe('');
    expect(trimOwsEnd(' a \t')).toBe(' a');
  });
});
