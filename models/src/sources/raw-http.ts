/** One request parsed from a raw HTTP dump. */
export interface RawHttpRequest {
  readonly method: string;
  /** Request target as written (CSIC uses absolute-form `http://localhost:8080/...`). */
  readonly target: string;
  readonly headers: Array<[string, string]>;
  readonly body: string | undefined;
}

const REQUEST_LINE = /^([A-Z]+) (\S+) HTTP\/\d\.\d$/;

/**
 * Parses a file of concatenated raw HTTP/1.x requests (CSIC 2010 raw format): request line,
 * headers up to a blank line, then a one-line body when `Content-Length` is positive.
 */
export function parseRawHttpRequests(text: string): RawHttpRequest[] {
  const lines = text.split(/\r?\n/);
  const out: RawHttpRequest[] = [];
  let i = 0;
  while (i < lines.length) {
    const m = REQUEST_LINE.exec(lines[i] ?? '');
    if (!m) {
      i++;
      continue;
    }
    i++;
    const headers: Array<[string, string]> = [];
    while (i < lines.length && (lines[i] ?? '') !== '') {
      const line = lines[i] ?? '';
      const colon = line.indexOf(':');
      if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
      i++;
    }
    const length = Number(headers.find(([n]) => n.toLowerCase() === 'content-length')?.[1] ?? '0');
    let body: string | undefined;
    if (length > 0) {
      while (i < lines.length && (lines[i] ?? '') === '') i++;
      if (i < lines.length && !REQUEST_LINE.test(lines[i] ?? '')) body = lines[i++];
    }
    out.push({ method: m[1] ?? 'GET', target: m[2] ?? '/', headers, body });
  }
  return out;
}
