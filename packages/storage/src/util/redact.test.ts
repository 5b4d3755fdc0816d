import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../options.js';
import { createRedactor } from './redact.js';

const redactor = createRedactor({ ...DEFAULT_OPTIONS.redaction });

describe('createRedactor', () => {
  it('replaces the values of sensitive parameters and keeps the rest byte for byte', () => {
    expect(redactor.query('q=%3Cscript%3E&password=hunter2&page=2')).toBe(
      'q=%3Cscript%3E&password=[redacted]&page=2',
    );
    expect(redactor.query('?access_token=abc&apiKey=k&X-Session-Id=s&user[password]=p')).toBe(
      '?access_token=[redacted]&apiKey=[redacted]&X-Session-Id=[redacted]&user[password]=[redacted]',
    );
  });

  it('matches words, not substrings', () => {
    expect(redactor.query('keyword=shoes&monkey=1&passage=3')).toBe('keyword=shoes&monkey=1&passage=3');
  });

  it('sees through percent-encoded names', () => {
    expect(redactor.query('p%61ssword=x&t%6Fken=y')).toBe('p%61ssword=[redacted]&t%6Fken=[redacted]');
    expect(redactor.query('bad%zz=1&token%=2')).toBe('bad%zz=1&token%=[redacted]');
  });

  it('returns the same string when nothing is sensitive (fast path)', () => {
    const query = 'q=shoes&page=2';
    expect(redactor.query(query)).toBe(query);
    expect(redactor.query(null)).toBeNull();
    expect(redactor.query(undefined)).toBeNull();
    expect(redactor.query('flag&token')).toBe('flag&token');
  });

  it('uses a configured list', () => {
    const custom = createRedactor({ queryParams: ['ssn'], evidenceMaxLength: 16, replacement: '***' });
    expect(custom.query('ssn=123&password=x')).toBe('ssn=***&password=x');
  });

  it('truncates evidence and redacts it whole for credential fields', () => {
    const long = 'a'.repeat(300);
    expect(redactor.evidence(long, 'query.q')).toHaveLength(256);
    expect(redactor.evidence(long, 'query.q')!.endsWith('…')).toBe(true);
    expect(redactor.evidence("' or 1=1", 'body.user.password')).toBe('[redacted]');
    expect(redactor.evidence('x', 'header.authorization')).toBe('[redacted]');
    expect(redactor.evidence('x', 'cookie.session')).toBe('[redacted]');
    expect(redactor.evidence('x', 'body.items[2].apiKey')).toBe('[redacted]');
    // The location itself is not a name: `cookie.theme` is not a credential.
    expect(redactor.evidence('dark', 'cookie.theme')).toBe('dark');
    expect(redactor.evidence(null, 'query.q')).toBeNull();
  });
});
