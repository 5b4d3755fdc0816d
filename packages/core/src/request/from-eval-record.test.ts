import { describe, expect, it } from 'vitest';
import { parseEvalRecord } from '../eval-record/eval-record.js';
import { fromEvalRecord } from './from-eval-record.js';
import { contentTypeOf } from './waf-request.js';

describe('fromEvalRecord', () => {
  it('turns header arrays into pairs, the body into UTF-8 bytes, and sets contentType', () => {
    const request = fromEvalRecord({
      method: 'POST',
      url: '/api/comments?draft=1',
      headers: { 'content-type': 'application/json; charset=utf-8', cookie: ['a=1', 'b=2'] },
      body: '{"text":"Grüße <script>"}',
      label: 'attack',
      attack_type: 'xss',
    });
    expect(request).toEqual({
      method: 'POST',
      target: '/api/comments?draft=1',
      httpVersion: '1.1',
      headers: [
        ['content-type', 'application/json; charset=utf-8'],
        ['cookie', 'a=1'],
        ['cookie', 'b=2'],
      ],
      body: new TextEncoder().encode('{"text":"Grüße <script>"}'),
      contentType: 'application/json; charset=utf-8',
    });
    expect(contentTypeOf(request)).toBe('application/json; charset=utf-8');
  });

  it('has no body for an absent or empty body, and takes the first of several content types', () => {
    const request = fromEvalRecord({ method: 'GET', url: '/', headers: {}, body: '' });
    expect(request.body).toBeUndefined();
    expect(request.contentType).toBeUndefined();
    expect(
      fromEvalRecord({ method: 'POST', url: '/', headers: { 'content-type': ['a/b', 'c/d'] } }).contentType,
    ).toBe('a/b');
  });

  it('works on what parseEvalRecord returns', () => {
    const result = parseEvalRecord('{"method":"GET","url":"/a/../b?x=%zz","headers":{"User-Agent":"x"}}', 1);
    if (!result.ok) throw new Error(result.error.message);
    const request = fromEvalRecord(result.record);
    expect(request.target).toBe('/a/../b?x=%zz');
    expect(request.headers).toEqual([['user-agent', 'x']]);
  });
});
