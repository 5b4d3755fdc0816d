import { parseCookieHeader } from '../../src/headers.js';
import type { EvalRecord, Placement } from '../../src/records.js';
import { percentDecode } from '../../src/text/percent.js';
import { parseQuery, splitUrl } from '../../src/url-parts.js';

/**
 * Independent re-parser used by the tests: finds the text at a record's recorded placement,
 * so the test checks the request itself, not the placement code's own bookkeeping.
 * Returns `undefined` when the position does not exist in the request.
 */
export function fieldAt(record: EvalRecord, p: Placement): unknown {
  switch (p.attack_location) {
    case 'query': {
      const { params, query } = splitUrl(record.url);
      if (p.attack_kind === 'key') return params.find((q) => q.name === p.wire) ? p.wire : undefined;
      if (p.attack_name === '') return query;
      const param = params.find((q) => percentDecode(q.name.replace(/\+/g, ' ')) === p.attack_name);
      return param?.value;
    }
    case 'path':
      return splitUrl(record.url).path.includes(p.wire) ? p.wire : undefined;
    case 'cookie': {
      const header = record.headers.cookie;
      const pairs = parseCookieHeader(Array.isArray(header) ? header.join('; ') : (header ?? ''));
      return pairs.find(([n]) => n === p.attack_name)?.[1];
    }
    case 'header': {
      const v = record.headers[p.attack_name];
      const value = Array.isArray(v) ? v.join(', ') : v;
      return value?.includes(p.wire) ? p.wire : undefined;
    }
    case 'filename': {
      const m = new RegExp(`name="${escapeRe(p.attack_name)}"; filename="([^"]*)"`).exec(record.body ?? '');
      return m?.[1];
    }
    case 'body':
      return bodyField(record, p);
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Parses `body.a.b[2]["$ne"]` into segments. */
export function hintSegments(hint: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const m of hint.replace(/^body/, '').matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(m[3]) as string);
  }
  return out;
}

function bodyField(record: EvalRecord, p: Placement): unknown {
  const body = record.body ?? '';
  const type = String(record.headers['content-type'] ?? '');
  if (type.startsWith('application/x-www-form-urlencoded'))
    return parseQuery(body).find((q) => q.name === p.attack_name)?.value;
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=(.+)$/.exec(type)?.[1] ?? '';
    for (const part of body.split(`--${boundary}`)) {
      const headerEnd = part.indexOf('\r\n\r\n');
      if (headerEnd < 0) continue;
      if (new RegExp(`name="${escapeRe(p.attack_name)}"`).test(part.slice(0, headerEnd))) {
        const content = part.slice(headerEnd + 4);
        if (content.replace(/\r\n$/, '') === p.wire) return p.wire;
      }
    }
    return undefined;
  }
  if (type.includes('json') || body.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return undefined;
    }
    const segs = hintSegments(p.attack_path_hint);
    if (p.attack_kind === 'key') {
      const parent = segs
        .slice(0, -1)
        .reduce<unknown>((acc, s) => (acc as Record<string | number, unknown>)?.[s], value);
      return parent &&
        typeof parent === 'object' &&
        Object.prototype.hasOwnProperty.call(parent, segs.at(-1) as string)
        ? p.wire
        : undefined;
    }
    return segs.reduce<unknown>((acc, s) => (acc as Record<string | number, unknown>)?.[s], value);
  }
  // XML and other text bodies: the wire text must be in the body (inside CDATA when so encoded).
  if (p.encoding.includes('cdata')) return body.includes(`<![CDATA[${p.wire}]]>`) ? p.wire : undefined;
  return body.includes(p.wire) ? p.wire : undefined;
}
