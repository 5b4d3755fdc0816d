import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseHttpMessage } from './from-http-text.js';
import { getHeader } from './waf-request.js';
import type { WafRequest } from './waf-request.js';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/http/', import.meta.url));

interface Expectation {
  method: string;
  /** A substring of the target. */
  target: string;
  /** Substrings of the body (UTF-8), or `undefined` for no body. */
  body?: string[];
  /** Header name → substring of its first value. */
  headers?: Record<string, string>;
  /** Warning codes, in order. */
  warnings?: string[];
}

const expectations: Record<string, Expectation> = {
  'benign-get-query.http': {
    method: 'GET',
    target: '?q=running+shoes&size=42&sort=price,asc',
    headers: { 'accept-language': 'de-DE', referer: '?ref=nav' },
  },
  'benign-json-post.http': {
    method: 'POST',
    target: '/api/v1/users',
    body: ['"name":"Seán O\'Brien"', 'Zürich', '😀'],
    headers: { 'content-type': 'application/json' },
  },
  'benign-form-post.http': {
    method: 'POST',
    target: '/checkout',
    body: ['last_name=M%C3%BCller', '&agree=on'],
  },
  'benign-multipart-upload.http': {
    method: 'POST',
    target: '/account/avatar',
    body: ['\r\n\r\nMe at the beach', 'filename="holiday photo (1).png"', '0gW--\r\n'],
    headers: { 'content-type': 'multipart/form-data; boundary=' },
  },
  'benign-graphql-post.http': {
    method: 'POST',
    target: '/graphql',
    body: ['"operationName":"Orders"', '"variables":{"first":20'],
    headers: { authorization: 'Bearer eyJ' },
  },
  'benign-cookies-auth.http': {
    method: 'GET',
    target: '/dashboard/reports?from=2024-01-01',
    headers: { authorization: 'Basic ', cookie: 'sessionid=', 'x-forwarded-for': '192.0.2.44' },
  },
  'benign-chunked-upload.http': {
    method: 'POST',
    target: '/api/v1/events',
    body: ['{"event":"page_view","path":"/pricing?x=1"}'],
  },
  'attack-sqli-query.http': { method: 'GET', target: 'id=1%27%20UNION%20SELECT%20username,password' },
  'attack-xss-form.http': { method: 'POST', target: '/blog/42/comments', body: ['comment=%3Cscript%3E'] },
  'attack-traversal-path.http': { method: 'GET', target: '/static/../../../../etc/passwd?file=..%2f' },
  'attack-cmdi-json.http': {
    method: 'POST',
    target: '/api/tools/ping',
    body: ['; cat /etc/passwd |', '$(curl'],
  },
  'attack-log4shell-ua.http': {
    method: 'GET',
    target: '/',
    headers: { 'user-agent': '${jndi:ldap://', 'x-api-version': '${${lower:j}ndi' },
  },
  'attack-xxe-xml.http': {
    method: 'POST',
    target: '/api/import',
    body: ['<!ENTITY xxe SYSTEM "file:///etc/passwd">', '&xxe;'],
    headers: { 'content-type': 'application/xml' },
  },
  'attack-smuggling-cl-te.http': {
    method: 'POST',
    target: '/search',
    body: ['GET /admin HTTP/1.1\r\nHost: localhost'],
    warnings: ['content_length_with_transfer_encoding', 'bytes_after_chunked_body'],
  },
};

const files = readdirSync(FIXTURES).filter((name) => name.endsWith('.http'));

describe('.http fixtures', () => {
  it('has at least 6 benign and 6 attack fixtures, each with an expectation', () => {
    expect(files.filter((name) => name.startsWith('benign-')).length).toBeGreaterThanOrEqual(6);
    expect(files.filter((name) => name.startsWith('attack-')).length).toBeGreaterThanOrEqual(6);
    expect(files.sort()).toEqual(Object.keys(expectations).sort());
  });

  it.each(files)('%s parses as expected', (name) => {
    const expected = expectations[name] as Expectation;
    const result = parseHttpMessage(readFileSync(`${FIXTURES}${name}`));
    if (!result.ok) throw new Error(result.error);
    const request: WafRequest = result.request;
    expect(request.method).toBe(expected.method);
    expect(request.target).toContain(expected.target);
    expect(request.httpVersion).toBe('1.1');
    expect(result.warnings.map((warning) => warning.split(':', 1)[0])).toEqual(expected.warnings ?? []);
    for (const [header, value] of Object.entries(expected.headers ?? {})) {
      expect(getHeader(request, header)).toContain(value);
    }
    if (expected.body === undefined) {
      expect(request.body).toBeUndefined();
    } else {
      const body = new TextDecoder('utf-8', { fatal: true }).decode(request.body);
      for (const part of expected.body) expect(body).toContain(part);
    }
  });
});
