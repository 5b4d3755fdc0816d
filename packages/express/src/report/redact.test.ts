import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from './redact.js';

describe('createRedactor', () => {
  const redact = createRedactor({ params: ['pin'], headers: ['x-tenant-secret'] });

  it('redacts the values of sensitive query parameters, however the name is written', () => {
    expect(redact.query('q=%3Cscript%3E&password=hunter2&page=2')).toBe(
      'q=%3Cscript%3E&password=[redacted]&page=2',
    );
    expect(redact.query('access_token=abc&apiKey=k&X-Session-Id=s&user[password]=p&pin=1234')).toBe(
      'access_token=[redacted]&apiKey=[redacted]&X-Session-Id=[redacted]&user[password]=[redacted]&pin=[redacted]',
    );
    expect(redact.query('p%61ssword=x&t%6Fken=y&bad%zz=1')).toBe(
      'p%61ssword=[redacted]&t%6Fken=[redacted]&bad%zz=1',
    );
  });

  it('leaves names that only contain a sensitive word inside another word', () => {
    const query = 'keyword=shoes&monkey=1&passage=3&author=ann';
    expect(redact.query(query)).toBe(query);
  });

  it('redacts credential headers', () => {
    for (const name of [
      'Authorization',
      'proxy-authorization',
      'Cookie',
      'set-cookie',
      'X-Api-Key',
      'x-auth-token',
      'X-Tenant-Secret',
      'x-session-id',
    ])
      expect(redact.header(name, 'value')).toBe(REDACTED);
    for (const name of ['user-agent', 'x-forwarded-for', 'x-api-version', 'accept'])
      expect(redact.header(name, 'value')).toBe('value');
  });

  it('redacts evidence from credential fields and cuts long evidence', () => {
    expect(redact.evidence("' or 1=1--", 'body.user.password', 'body')).toBe(REDACTED);
    expect(redact.evidence("' or 1=1--", 'cookie.connect.sid', 'cookie')).toBe(REDACTED);
    expect(redact.evidence('${jndi:ldap://x}', 'header.authorization', 'header')).toBe(REDACTED);
    expect(redact.evidence("' or 1=1--", 'query.id', 'query')).toBe("' or 1=1--");
    expect(redact.evidence('x'.repeat(1000), 'body.note', 'body')).toHaveLength(256);
  });
});
