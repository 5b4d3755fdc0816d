// Request mixes for the load benchmark, as autocannon request objects.
// - benign: the real access log in ../shared/datasets/elastic-apache-logs (replayed in log order) when present,
//   else our benign fixtures and a typical browser GET;
// - attack: half attacks (2,000 distinct payloads of every class, in query, form, JSON, XML, headers, cookies,
//   behind ordinary browser headers), half benign, interleaved; cycled, so a payload comes back every 4,000
//   requests, as when a scanner re-runs;
// - fresh: the same, but every attack payload is new (the worst case for a score cache).
import { readdirSync, readFileSync } from 'node:fs';
import { parseHttpMessage } from '@wafer/core';
import { ATTACK_TEMPLATE_COUNT, attackRequests } from '../../packages/core/bench/attack-requests.mjs';
import { readApacheLog } from '../../packages/core/bench/benign-mix.mjs';
import { typicalBenignRequest } from '../../packages/core/bench/requests.mjs';

const FIXTURES = new URL('../../packages/core/test/fixtures/http/', import.meta.url);
const SKIP = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'expect']);
const decoder = new TextDecoder();

/** A core `WafRequest` as an autocannon request; `undefined` when it cannot be sent as a valid HTTP/1.1 request. */
export function toAutocannon(request) {
  if (!/^[\x21-\x7e]+$/.test(request.target) || !request.target.startsWith('/')) return undefined;
  const headers = {};
  for (const [name, value] of request.headers) {
    const key = name.toLowerCase();
    if (SKIP.has(key) || !/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(key) || /[^\t\x20-\x7e\x80-\xff]/.test(value))
      continue;
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  }
  if (request.contentType && headers['content-type'] === undefined)
    headers['content-type'] = request.contentType;
  // autocannon reads a response body by its Content-Length, which a HEAD response announces but does not
  // send: the connection would stall. HEAD requests (42 of the log's 10,000) are sent as GET.
  const out = { method: request.method === 'HEAD' ? 'GET' : request.method, path: request.target, headers };
  if (request.body && request.body.length > 0) out.body = decoder.decode(request.body);
  return out;
}

export function fixtureRequests() {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.http'))
    .sort()
    .map((name) => ({ name, parsed: parseHttpMessage(readFileSync(new URL(name, FIXTURES))) }))
    .filter((f) => f.parsed.ok && !f.name.includes('smuggling'))
    .map((f) => ({
      name: f.name,
      attack: f.name.startsWith('attack-'),
      request: toAutocannon(f.parsed.request),
    }));
}

export async function benignMix() {
  const log = await readApacheLog();
  if (log !== undefined) {
    const requests = log.map(toAutocannon).filter(Boolean);
    return {
      requests,
      source: `${requests.length.toLocaleString('en-US')} requests of elastic-apache-logs, in log order`,
    };
  }
  const fixtures = fixtureRequests()
    .filter((f) => !f.attack)
    .map((f) => f.request);
  const requests = [];
  for (let i = 0; i < 2000; i++)
    requests.push(i % 3 === 0 ? toAutocannon(typicalBenignRequest()) : fixtures[i % fixtures.length]);
  return {
    requests,
    source: `our benign fixtures and a typical browser GET (the dataset is absent), 2,000 requests`,
  };
}

export function attackMix(benign) {
  const attacks = attackRequests(2000).map(toAutocannon).filter(Boolean);
  const requests = [];
  for (let i = 0; i < attacks.length; i++) requests.push(attacks[i], benign[i % benign.length]);
  return { requests, attacks: attacks.length };
}

/** An autocannon `setupRequest` source: benign and never-seen attacks (every template in turn), alternately. */
export function freshAttackSource(benign) {
  // attackRequests numbers its payloads 1000, 1001, …: each use rewrites that number to one never used before
  // (a template that only uses the number arithmetically, such as an IP octet, repeats — a few do).
  const templates = attackRequests(ATTACK_TEMPLATE_COUNT);
  let n = 0;
  let unique = 1_000_000 + Math.floor(Math.random() * 1_000_000_000);
  return {
    setupRequest: () => {
      n++;
      if (n % 2 === 0) return benign[(n / 2) % benign.length];
      const k = ((n - 1) / 2) % templates.length;
      const from = String(1000 + k);
      const to = String(unique++);
      const template = templates[k];
      const request = {
        ...template,
        target: template.target.replaceAll(from, to),
        headers: template.headers.map(([name, value]) => [name, value.replaceAll(from, to)]),
        ...(template.body && {
          body: new TextEncoder().encode(decoder.decode(template.body).replaceAll(from, to)),
        }),
      };
      return toAutocannon(request) ?? benign[0];
    },
  };
}
