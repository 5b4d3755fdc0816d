import { decodeChunkedBody } from './chunked-body.js';
import { trimOws } from './ows.js';

/**
 * Works out the body from the bytes after the header section (message framing, RFC 9112 §6.3) for
 * {@link parseHttpMessage}, leniently: it decodes chunked transfer coding but never drops bytes, and
 * records everything suspicious (the stuff of request smuggling) as warnings.
 *
 * @example
 * ```ts
 * const warnings: string[] = [];
 * frameBody(new TextEncoder().encode('abcdef'), [['Content-Length', '3']], warnings);
 * // all 6 bytes; warnings: ['body_longer_than_content_length: 3 bytes past Content-Length 3 kept in the body']
 * ```
 */
export function frameBody(
  rest: Uint8Array,
  headers: ReadonlyArray<readonly [string, string]>,
  warnings: string[],
): Uint8Array {
  const transferEncodings = valuesOf(headers, 'transfer-encoding')
    .flatMap((value) => value.split(','))
    .map((coding) => trimOws(coding).toLowerCase())
    .filter((coding) => coding !== '');
  const contentLengths = valuesOf(headers, 'content-length');

  if (transferEncodings.length > 0) {
    if (contentLengths.length > 0) {
      // RFC 9112 §6.1: both present is how CL.TE / TE.CL smuggling works; TE wins for framing.
      warnings.push(
        'content_length_with_transfer_encoding: Transfer-Encoding takes precedence (RFC 9112 §6.1)',
      );
    }
    const others = transferEncodings.filter((coding) => coding !== 'chunked');
    if (others.length > 0) {
      warnings.push(`unsupported_transfer_coding: ${others.join(', ')} (body left encoded)`);
    }
    if (transferEncodings[transferEncodings.length - 1] !== 'chunked') {
      // RFC 9112 §6.3: a request whose final transfer coding is not chunked cannot be framed.
      warnings.push('transfer_encoding_not_chunked: body kept as raw bytes');
      return new Uint8Array(rest);
    }
    return decodeChunked(rest, warnings);
  }

  if (contentLengths.length > 0) checkContentLength(contentLengths, rest.length, warnings);
  return new Uint8Array(rest);
}

function decodeChunked(rest: Uint8Array, warnings: string[]): Uint8Array {
  const decoded = decodeChunkedBody(rest);
  if (decoded.error !== undefined) {
    warnings.push(
      `bad_chunked_encoding: ${decoded.error}; the remaining ${decoded.rest.length} bytes are kept raw`,
    );
    return joinBytes(decoded.data, decoded.rest);
  }
  if (decoded.trailers.length > 0) {
    const names = decoded.trailers.map(([name]) => name).join(', ');
    warnings.push(`trailer_fields_ignored: ${names} (Node keeps trailers out of the headers too)`);
  }
  // A trailing newline from the editor is not data; anything else after the last chunk is kept, like
  // the bytes past Content-Length, because that is where a smuggled request would be.
  if (decoded.rest.some((byte) => byte !== 0x0d && byte !== 0x0a && byte !== 0x20 && byte !== 0x09)) {
    warnings.push(`bytes_after_chunked_body: ${decoded.rest.length} bytes appended to the body`);
    return joinBytes(decoded.data, decoded.rest);
  }
  return decoded.data;
}

function checkContentLength(values: readonly string[], actual: number, warnings: string[]): void {
  // RFC 9110 §8.6: a list of identical values (`5, 5`) may be accepted as one value.
  const items = values.flatMap((value) => value.split(',')).map(trimOws);
  if (items.some((item) => !/^\d+$/.test(item))) {
    warnings.push(`invalid_content_length: ${JSON.stringify(values.join(', ').slice(0, 100))}`);
    return;
  }
  if (new Set(items.map((item) => item.replace(/^0+(?=\d)/, ''))).size > 1) {
    warnings.push(`conflicting_content_length: ${values.join(', ').slice(0, 100)}`);
    return;
  }
  const declared = Number(items[0]);
  if (actual > declared) {
    warnings.push(
      `body_longer_than_content_length: ${actual - declared} bytes past Content-Length ${declared} kept in the body`,
    );
  } else if (actual < declared) {
    warnings.push(`body_shorter_than_content_length: ${actual} of ${declared} bytes present`);
  }
}

function valuesOf(headers: ReadonlyArray<readonly [string, string]>, lowerName: string): string[] {
  const values: string[] = [];
  for (const [name, value] of headers) if (name.toLowerCase() === lowerName) values.push(value);
  return values;
}

function joinBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
