import { trimOws } from '../request/ows.js';

/**
 * The parts of a logged request line (`%r` / `$request`).
 *
 * @example
 * ```ts
 * const parts: LogRequestLine = { method: 'GET', target: '/a?b=1', httpVersion: '1.1' };
 * ```
 */
export interface LogRequestLine {
  readonly method: string;
  readonly target: string;
  readonly httpVersion: string;
}

// RFC 9110 §5.6.2 / §9.1: a method is a token.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const VERSION = /^HTTP\/(\d+(?:\.\d+)?)$/i;

/**
 * Splits a logged request line into method, target and version, or returns a reason it is not one.
 *
 * Logs record the request line as the client sent it, so it may be anything: a TLS handshake sent to a
 * plain-HTTP port (`\x16\x03\x01…`), `-` when the client sent nothing, a bare `GET`. Those are not
 * requests and are rejected. Leniency where a real request is still recognisable: a missing version
 * is HTTP/0.9 syntax (RFC 1945 §4.1 Simple-Request) and gives `0.9`; a target with spaces in it
 * (servers answer 400, but log it whole) is kept whole, since it is exactly what a WAF wants to see.
 *
 * @example
 * ```ts
 * parseLogRequestLine('GET /a b HTTP/1.1'); // { ok: true, value: { method: 'GET', target: '/a b', httpVersion: '1.1' } }
 * parseLogRequestLine('-'); // { ok: false, reason: 'there is no request target' }
 * ```
 */
export function parseLogRequestLine(
  text: string,
): { ok: true; value: LogRequestLine } | { ok: false; reason: string } {
  // Index arithmetic rather than one regex: a lazy "target" group backtracks quadratically on long
  // runs of spaces, and the text is attacker-controlled.
  const line = trimOws(text);
  if (line === '') return { ok: false, reason: 'it is empty' };
  const methodEnd = firstOws(line);
  const method = methodEnd < 0 ? line : line.slice(0, methodEnd);
  if (!TOKEN.test(method)) return { ok: false, reason: 'the method is not a token' };
  const rest = methodEnd < 0 ? '' : trimOws(line.slice(methodEnd));
  const lastSpace = Math.max(rest.lastIndexOf(' '), rest.lastIndexOf('\t'));
  const version = lastSpace < 0 ? undefined : VERSION.exec(rest.slice(lastSpace + 1))?.[1];
  const target = version === undefined ? rest : trimOws(rest.slice(0, lastSpace));
  if (target === '' || (version === undefined && VERSION.test(target))) {
    return { ok: false, reason: 'there is no request target' };
  }
  const httpVersion = version === undefined ? '0.9' : version.includes('.') ? version : `${version}.0`;
  return { ok: true, value: { method, target, httpVersion } };
}

function firstOws(text: string): number {
  const space = text.indexOf(' ');
  const tab = text.indexOf('\t');
  return space < 0 ? tab : tab < 0 ? space : Math.min(space, tab);
}
