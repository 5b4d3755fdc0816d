import { describe, expect, it } from 'vitest';
import { BENIGN_APPS } from '../src/benign/apps.js';
import { Fakers } from '../src/benign/fakers.js';
import type { FreeTextKind } from '../src/benign/free-text.js';
import { freeText } from '../src/benign/free-text.js';
import { BenignGenerator } from '../src/benign/generate-benign.js';
import { xmlEscape } from '../src/benign/xml-bodies.js';
import { percentDecode } from '../src/text/percent.js';
import { generateShapedPath, learnPathShapes } from '../src/benign/path-shapes.js';
import { gclid, jwt, uuid } from '../src/benign/tokens.js';
import { browserUserAgents, userAgentFor } from '../src/benign/user-agents.js';
import { renderDraft } from '../src/draft.js';
import { validateRecord } from '../src/records.js';
import { Rng } from '../src/rng.js';
import { parseCombinedLog } from '../src/sources/elastic-apache-logs.js';

const LOG_LINES = [
  '192.0.2.1 - - [02/Mar/2021:10:00:00 +0000] "GET /articles/2019/caching-with-nginx.html HTTP/1.1" 200 10 "-" "curl/8.0.1"',
  '192.0.2.2 - - [02/Mar/2021:10:00:01 +0000] "GET /images/header-photo.jpg HTTP/1.1" 200 10 "-" "curl/8.0.1"',
  '192.0.2.3 - - [02/Mar/2021:10:00:02 +0000] "GET /notes/tags/linux/ HTTP/1.1" 200 10 "-" "curl/8.0.1"',
];

function records(seed: number, n: number) {
  const gen = new BenignGenerator(new Rng(seed), learnPathShapes(LOG_LINES.map((l) => parseCombinedLog(l)!)));
  return Array.from({ length: n }, (_, i) => {
    const d = gen.draft({ hardNegative: i % 3 === 0 ? { type: 'generated' } : { type: 'none' } });
    return { draft: d, record: renderDraft(d) };
  });
}

describe('benign generators', () => {
  it('are deterministic for a seed and differ between seeds', () => {
    const a = records(1, 200).map((r) => JSON.stringify(r.record));
    expect(records(1, 200).map((r) => JSON.stringify(r.record))).toEqual(a);
    expect(records(2, 200).map((r) => JSON.stringify(r.record))).not.toEqual(a);
  });

  it('produce valid, realistic requests of every app', () => {
    const all = records(3, 3000);
    const apps = new Set(all.map((r) => r.draft.app));
    for (const app of BENIGN_APPS) expect(apps).toContain(app.name);
    for (const { record } of all) {
      expect(validateRecord(record)).toEqual([]);
      expect(record.headers.host).toBeTruthy();
      expect(record.headers['user-agent']).toBeTruthy();
      if (record.body !== undefined) {
        expect(Number(record.headers['content-length'])).toBe(Buffer.byteLength(record.body));
        const type = String(record.headers['content-type']);
        if (type.startsWith('application/json')) expect(() => JSON.parse(record.body ?? '')).not.toThrow();
        if (type.startsWith('multipart/form-data'))
          expect(record.body).toContain(`--${type.split('boundary=')[1]}--`);
      }
    }
    const urls = all.map((r) => r.record.url).join('\n');
    // Shapes the brief asks for show up.
    expect(urls).toMatch(/\/api\/v\d\//);
    expect(urls).toMatch(/utm_source=/);
    expect(urls).toMatch(/filter(%5B|\[)/);
    expect(urls).toMatch(/sort=-?\w+/);
    expect(urls).toMatch(/(redirect|next|return_to|redirect_uri|url)=(https%3A%2F%2F|%2F)/);
    expect(all.some((r) => String(r.record.headers.cookie ?? '').includes('_ga='))).toBe(true);
    expect(all.some((r) => String(r.record.headers.authorization ?? '').startsWith('Bearer ey'))).toBe(true);
    expect(all.some((r) => r.record.body?.includes('"query":"'))).toBe(true);
    expect(all.some((r) => r.record.body?.includes('filename="'))).toBe(true);
    expect(all.some((r) => r.record.body?.startsWith('<?xml') || r.record.body?.startsWith('<soap'))).toBe(
      true,
    );
  });

  it('put exactly the hard-negative text into the request', () => {
    for (const { draft, record } of records(4, 600)) {
      if (!draft.hardNegative) continue;
      const text = draft.hardNegative.text;
      const decode = (x: string): string => percentDecode(x.replace(/\+/g, ' '));
      const parts = [record.url, record.body ?? '', ...Object.values(record.headers).flat()];
      const haystack = [...parts, ...parts.map(decode), ...parts.map((x) => decode(decode(x)))].join('\n');
      const variants = [text, JSON.stringify(text).slice(1, -1), xmlEscape(text)];
      expect(
        variants.some((v) => haystack.includes(v)),
        text,
      ).toBe(true);
    }
  });
});

describe('free text (hard negatives)', () => {
  it('covers every kind, with attack-looking but innocent content', () => {
    const rng = new Rng(5);
    const fakers = new Fakers(rng.fork('f'));
    const kinds: FreeTextKind[] = [
      'sql-words',
      'shell-words',
      'quotes',
      'math',
      'angle-brackets',
      'paths',
      'dev-forum',
      'rich-text',
      'merge-tags',
      'commerce',
      'contact',
      'markdown',
      'multilingual',
      'chat',
    ];
    const texts = kinds.flatMap((k) => Array.from({ length: 40 }, () => freeText(rng, fakers, k).text));
    const all = texts.join('\n');
    expect(all).toMatch(/O'Brien|'/);
    expect(all).toMatch(/<3|<-|>/);
    expect(all).toMatch(/[\u0400-\u04ff]|[\u4e00-\u9fff]|[\u0600-\u06ff]|[\u0900-\u097f]/);
    expect(all).toMatch(/\p{Extended_Pictographic}/u);
    expect(new Set(texts).size).toBeGreaterThan(texts.length * 0.5);
  });
});

describe('tokens and user agents', () => {
  it('have realistic formats', () => {
    const rng = new Rng(6);
    expect(uuid(rng)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const token = jwt(rng).split('.');
    expect(token).toHaveLength(3);
    expect(JSON.parse(Buffer.from(token[1] ?? '', 'base64url').toString())).toHaveProperty('exp');
    expect(gclid(rng).length).toBeGreaterThan(60);
    expect(browserUserAgents().length).toBeGreaterThan(200);
    for (const kind of ['browser', 'mobile-app', 'library', 'bot', 'monitor'] as const)
      expect(userAgentFor(kind, rng)).not.toMatch(/\{\w+\}/);
  });
});

describe('path shapes', () => {
  it('learns segment kinds from log lines and generates new paths, not copies', () => {
    const model = learnPathShapes(LOG_LINES.map((l) => parseCombinedLog(l)!));
    expect(model.learnedFrom).toBe(3);
    const rng = new Rng(7);
    const fakers = new Fakers(rng.fork('f'));
    const paths = Array.from({ length: 50 }, () => generateShapedPath(model, rng, fakers));
    for (const p of paths) expect(p).toMatch(/^\/[\w./~+-]*$/);
    const originals = new Set(LOG_LINES.map((l) => parseCombinedLog(l)!.target));
    expect(paths.filter((p) => originals.has(p)).length).toBeLessThan(3);
  });
});
