import { describe, expect, it } from 'vitest';
import { formatPath } from './path-format.js';

describe('formatPath', () => {
  it('formats identifiers, indexes and odd names', () => {
    expect(formatPath('query', ['q'])).toBe('query.q');
    expect(formatPath('body', ['items', 3, 'name'])).toBe('body.items[3].name');
    expect(formatPath('header', ['user-agent'])).toBe('header.user-agent');
    expect(formatPath('query', ['a[]'])).toBe('query["a[]"]');
    expect(formatPath('body', ['a.b', '$where'])).toBe('body["a.b"].$where');
    expect(formatPath('query', ['x"y'])).toBe('query["x\\"y"]');
    expect(formatPath('path', [])).toBe('path');
  });

  it('appends grammar sub-paths verbatim', () => {
    expect(formatPath('body', ['query', '#user.name'])).toBe('body.query#user.name');
  });
});
