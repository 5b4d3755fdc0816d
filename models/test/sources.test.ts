import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSources } from '../src/corpus/read-sources.js';
import type { PayloadSample } from '../src/payload-sample.js';
import { Rng } from '../src/rng.js';
import { artefactToCookie } from '../src/sources/atrdf-api.js';
import type { SourceOutput } from '../src/sources/source-output.js';
import { FIXTURE_DATASETS } from './fixture-paths.js';

const read = readSources(FIXTURE_DATASETS, new Rng(1));
const source = (id: string): SourceOutput => {
  const out = read.outputs.find((o) => o.info.id === id);
  if (!out) throw new Error(`missing ${id}`);
  return out;
};
const texts = (id: string, pred: (p: PayloadSample) => boolean = () => true): string[] =>
  source(id)
    .payloads.filter(pred)
    .map((p) => p.text);

describe('source readers on the fixture datasets', () => {
  it('read every folder and collect the {FILE} pool from bare file lists', () => {
    expect(read.missing).toEqual([]);
    expect(read.pools.files).toContain('/etc/group');
  });

  it('PayloadsAllTheThings: mapped classes, bare file names are not attacks, templates filled', () => {
    const patt = source('payloadsallthethings');
    const attacks = texts('payloadsallthethings', (p) => p.label === 'attack');
    expect(attacks).not.toContain('/etc/passwd');
    expect(attacks).not.toContain("'");
    expect(attacks.some((t) => t.includes('{FILE}'))).toBe(false);
    expect(attacks.some((t) => /^\/\.\.\/\.\.\/\S+/.test(t))).toBe(true);
    expect(attacks).toContain('//attacker.test');
    expect(attacks).not.toContain('https://partner.example.org/welcome'); // plain URL: not an open redirect by shape
    expect(attacks.some((t) => t.includes('whitelisteddomain.tld'))).toBe(false);
    expect(patt.payloads.find((p) => p.sourceFile.endsWith('Classic XXE.xml'))?.attackType).toBe('xxe');
    expect(patt.stats.dropped['bare file name: {FILE} pool, not an attack alone']).toBe(4);
  });

  it('PayloadsAllTheThings code blocks: payload lines kept, tools/responses/source code dropped, counted per category', () => {
    const blocks = source('payloadsallthethings').payloads.filter((p) =>
      p.sourceFile.startsWith('markdown_code_blocks'),
    );
    const byClass = (c: string): string[] => blocks.filter((b) => b.attackType === c).map((b) => b.text);
    expect(byClass('ssti')).toContain('{{ 6*7 }}'); // "# Rendered as 42" annotation stripped
    expect(byClass('ssti').some((t) => t.includes('cycler.__init__'))).toBe(true);
    expect(byClass('log4shell')[0]).toMatch(/^\$\{jndi:rmi:\/\/[^[\]]+:1099\/obj\}$/); // [ATTACKER.DOMAIN.TLD] filled
    expect(byClass('ssrf')).toEqual(
      expect.arrayContaining(['http://169.254.169.254/latest/user-data', 'http://127.0.0.1:6379/']),
    );
    expect(blocks.some((b) => b.text.includes('sqlmap'))).toBe(false);
    expect(blocks.some((b) => b.text.startsWith('HTTP/1.1'))).toBe(false);
    const groups = source('payloadsallthethings').stats.groups;
    expect(groups['code-blocks/SQL Injection']?.dropped['tool command line']).toBe(1);
    expect(
      groups['code-blocks/Insecure Deserialization']?.dropped['block is exploit/program source code'],
    ).toBe(1);
    expect(groups['code-blocks/JSON Web Token']?.dropped['block category outside the taxonomy']).toBe(1);
  });

  it('FuzzDB: building blocks become benign hard negatives, RFI placeholders get real URLs', () => {
    const benign = texts('fuzzdb-attack', (p) => p.label === 'benign');
    expect(benign).toEqual(expect.arrayContaining(['marquee', 'blockquote', 'finger', 'chmod']));
    expect(benign).toContain('script'); // the bare word, without `<`, is an ordinary word
    const rfi = source('fuzzdb-attack').payloads.filter((p) => p.sourceFile === 'rfi/rfi.txt');
    expect(rfi).toHaveLength(2);
    for (const p of rfi) {
      expect(p.attackType).toBe('code_injection');
      expect(p.context).toBe('url');
      expect(p.text).not.toContain('XXpathXX');
      expect(p.text).toMatch(/=(?:https?:|ftp:)?\/\//);
    }
    expect(texts('fuzzdb-attack').some((t) => t.includes('{cmd}'))).toBe(false);
    expect(texts('fuzzdb-attack')).not.toContain('Exploit Name: a prose line');
    expect(
      source('fuzzdb-attack').stats.dropped['skipped file: format-string attacks are outside the taxonomy'],
    ).toBe(1);
  });

  it('HttpParams: noise in the cmdi class is dropped, {file} filled, benign values kept', () => {
    const hp = source('httpparams');
    expect(texts('httpparams', (p) => p.label === 'benign')).toEqual(['calle mayor 12', 'marisol', '48211']);
    expect(texts('httpparams')).not.toContain('okay1234');
    expect(texts('httpparams', (p) => p.attackType === 'cmdi')).toEqual(['; /bin/sleep 12 ;']);
    expect(texts('httpparams', (p) => p.attackType === 'path_traversal')[0]).not.toContain('{file}');
    expect(hp.stats.read).toBe(8);
  });

  it('kaggle: multi-line CSV fields parsed, benign sentences are hard negatives, tiny texts dropped', () => {
    const benign = texts('kaggle-xss-dataset', (p) => p.label === 'benign');
    expect(benign).toContain('A sentence with "quotes", commas,\nand a second line');
    expect(benign).not.toContain('ok');
    expect(texts('kaggle-xss-dataset', (p) => p.attackType === 'xss')).toEqual([
      '<body onpageshow=prompt(5)>',
    ]);
  });

  it('fwaf: keyword-only scanner paths dropped, attack URLs classified, good list never benign', () => {
    const fw = source('fwaf');
    const byText = new Map(fw.payloads.map((p) => [p.text, p]));
    expect(byText.get("/shop/list.php?cat=2' or 'a'='a")?.attackType).toBe('sqli');
    expect(byText.get('/index.php?page=../../../../etc/issue%00')?.attackType).toBe('path_traversal');
    expect(byText.get('/viewer.jsp?<script>alert(77)</script>')?.attackType).toBe('xss');
    expect(byText.has('/xssreport/')).toBe(false);
    expect(fw.payloads.some((p) => p.label === 'benign')).toBe(false);
    expect(fw.payloads.find((p) => p.text.startsWith('/include.php'))?.attackType).toBe('code_injection');
    expect(fw.stats.dropped['keyword-only / plain scanner path (no attack pattern)']).toBe(2);
  });

  it('CSIC: normal requests pinned to train, "anomalous" kept only with a real attack pattern', () => {
    const csic = source('csic2010');
    const normal = csic.records.filter((r) => r.record.label === 'benign');
    expect(normal).toHaveLength(3);
    expect(normal.every((r) => r.pin === 'train')).toBe(true);
    expect(normal[0]?.record.url).toBe('/tienda2/catalogo.jsp?seccion=quesos&pagina=2');
    expect(normal[0]?.record.headers.host).toBe('localhost:8080');
    const attacks = csic.records.filter((r) => r.record.label === 'attack');
    expect(attacks.map((r) => [r.record.attack_type, r.record.placement?.attack_path_hint])).toEqual([
      ['sqli', 'query.seccion'],
      ['xss', 'body.nombre'],
    ]);
    expect(csic.stats.dropped['"anomalous" without an attack pattern (typo / out-of-range value)']).toBe(2);
  });

  it('ATRDF: artefact Set-Cookie rewritten into Cookie, payloads located, RCE split by content', () => {
    const atrdf = source('atrdf-api').records.map((r) => r.record);
    expect(atrdf.every((r) => r.headers['set-cookie'] === undefined)).toBe(true);
    expect(atrdf[0]?.headers.cookie).toBe('sid=Zm9vYmFy; session=11111111-2222-4333-8444-555555555555');
    const log4j = atrdf.find((r) => r.attack_type === 'log4shell');
    expect(log4j?.placement).toMatchObject({ attack_location: 'cookie', attack_name: 'session' });
    expect(atrdf.find((r) => r.url.startsWith('/hello/'))?.attack_type).toBe('ssti');
    expect(atrdf.find((r) => r.attack_type === 'sqli')?.placement?.attack_path_hint).toBe('query.name');
    expect(artefactToCookie("['a=1; Path=/', 'b=2']")).toBe('a=1; b=2');
  });

  it('elastic logs: a hash-chosen benchmark slice, the rest only for path shapes, unparsable lines dropped', () => {
    const el = source('elastic-apache-logs');
    expect(el.records.length + read.shapeEntries.length).toBe(60);
    expect(el.records.length).toBeGreaterThan(5);
    expect(el.stats.dropped['unparsable line or non-origin-form target']).toBe(1);
    for (const r of el.records) {
      expect(r.record.label).toBe('benign');
      expect(JSON.stringify(r.record)).not.toContain('192.0.2.'); // client IPs never copied
    }
  });

  it('skip missing folders instead of failing', () => {
    const partial = readSources(join(FIXTURE_DATASETS, 'fwaf'), new Rng(1));
    expect(partial.outputs).toHaveLength(0);
    expect(partial.missing).toHaveLength(8);
  });
});
