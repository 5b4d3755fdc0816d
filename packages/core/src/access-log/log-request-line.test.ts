import { describe, expect, it } from 'vitest';
import { parseLogRequestLine } from './log-request-line.js';

describe('parseLogRequestLine', () => {
  it('splits method, target and version', () => {
    expect(parseLogRequestLine('GET /a?b=1 HTTP/1.1')).toEqual({
      ok: true,
      value: { method: 'GET', target: '/a?b=1', httpVersion: '1.1' },
    });
    expect(parseLogRequestLine('PRI * HTTP/2')).toEqual({
      ok: true,
      value: { method: 'PRI', target: '*', httpVersion: '2.0' },
    });
    expect(parseLogRequestLine('CONNECT example.com:443 HTTP/1.1').ok).toBe(true);
  });

  it('keeps a target with spaces whole and reads a missing version as 0.9', () => {
    expect(parseLogRequestLine('GET /a  b HTTP/1.0')).toEqual({
      ok: true,
      value: { method: 'GET', target: '/a  b', httpVersion: '1.0' },
    });
    expect(parseLogRequestLine('GET /')).toEqual({
      ok: true,
      value: { method: 'GET', target: '/', httpVersion: '0.9' },
    });
  });

  it('rejects what is not a request line', () => {
    expect(parseLogRequestLine('')).toEqual({ ok: false, reason: 'it is empty' });
    expect(parseLogRequestLine('-')).toEqual({ ok: false, reason: 'there is no request target' });
    expect(parseLogRequestLine('GET')).toEqual({ ok: false, reason: 'there is no request target' });
    expect(parseLogRequestLine('GET HTTP/1.1')).toEqual({ ok: false, reason: 'there is no request target' });
    expect(parseLogRequestLine('\u0016\u0003\u0001\u0002')).toEqual({
      ok: false,
      reason: 'the method is not a token',
    });
    expect(parseLogRequestLine('GE(T / HTTP/1.1').ok).toBe(false);
  });
});
