// The HTTP fixtures of @wafer/core (plain .http files with expected verdicts in their names), replayed
// against a real server.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHttpMessage, type WafRequest } from '@wafer/core';
import { send, type Reply } from './servers.js';

export const FIXTURE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../core/test/fixtures/http',
);

export interface Fixture {
  readonly name: string;
  readonly expected: 'attack' | 'benign';
  readonly raw: Buffer;
  readonly request: WafRequest;
}

export function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.http'))
    .sort()
    .map((name) => {
      const raw = readFileSync(path.join(FIXTURE_DIR, name));
      const parsed = parseHttpMessage(raw);
      if (!parsed.ok) throw new Error(`${name}: ${parsed.error}`);
      return {
        name,
        expected: name.startsWith('attack-') ? 'attack' : 'benign',
        raw,
        request: parsed.request,
      };
    });
}

const HOP_BY_HOP = new Set(['content-length', 'transfer-encoding', 'connection', 'host']);

/** Sends a fixture's method, target, headers (duplicates kept) and body; framing is redone by Node. */
export function replay(url: string, fixture: Fixture): Promise<Reply> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of fixture.request.headers) {
    const key = name.toLowerCase();
    if (HOP_BY_HOP.has(key)) continue;
    const prev = headers[key];
    headers[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  const declared = fixture.request.headers.find(([n]) => n.toLowerCase() === 'content-length')?.[1];
  let body = fixture.request.body;
  // A .http file may end with a newline the Content-Length does not count.
  if (body !== undefined && declared !== undefined) body = body.subarray(0, Number(declared));
  return send(url, { method: fixture.request.method, path: fixture.request.target, headers, body });
}
