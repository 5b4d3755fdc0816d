// End to end: the built `wafer` CLI (dist/cli.js, built by the root `pnpm test`) run as a user runs
// it, on small fixture files, with the shipped model. Each run loads the model (about a second),
// so each command is run once and its outputs checked together.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CORE = fileURLToPath(new URL('..', import.meta.url));
const ROOT = path.resolve(CORE, '../..');
const CLI = path.join(CORE, 'dist/cli.js');
const FIXTURES = path.join(CORE, 'test/fixtures');
const RECORDS = path.join(FIXTURES, 'cli/records.jsonl');
const ACCESS_LOG = path.join(FIXTURES, 'cli/access.log');
const tmp = mkdtempSync(path.join(tmpdir(), 'wafer-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function wafer(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('wafer eval', () => {
  it('writes one verdict per record in input order and a summary that adds up', () => {
    const verdictsFile = path.join(tmp, 'verdicts.jsonl');
    const { code, stdout, stderr } = wafer(['eval', RECORDS, '--json', '--verdicts', verdictsFile]);
    expect(stderr).toBe(''); // not a terminal: no progress bar
    expect(code).toBe(1); // some lines are not records

    const verdicts = jsonLines(readFileSync(verdictsFile, 'utf8'));
    // 10 lines, one blank: 9 verdicts; the record without an id is named by its line number (6).
    expect(verdicts.map((v) => v.id)).toEqual(['b1', 'b2', 'a1', 'a2', 6, 7, 8, 'b3', 'u1']);
    expect(verdicts[5]).toMatchObject({ attack: false, score: 0, classes: [] });
    expect(verdicts[5]!.error).toMatch(/not valid JSON/);
    expect(verdicts[6]).toEqual({
      id: 8,
      attack: false,
      score: 0,
      classes: [],
      error: '`url` is required and must be a string, got nothing',
    });
    for (const verdict of verdicts) {
      expect(Object.keys(verdict).slice(0, 4)).toEqual(['id', 'attack', 'score', 'classes']);
      expect(verdict.attack).toBe((verdict.classes as string[]).length > 0);
    }
    // Unmistakable cases: the model must get these right.
    expect(verdicts[0]).toMatchObject({ attack: false, classes: [] });
    expect(verdicts[2]).toMatchObject({ attack: true });
    expect(verdicts[2]!.classes).toContain('sqli');

    const summary = JSON.parse(stdout) as {
      lines: number;
      evaluated: number;
      confusion: { tp: number; fp: number; tn: number; fn: number };
      tpr: number;
      byAttackType: Record<string, { count: number; detected: number }>;
      bySource: Record<string, { count: number; attacks: number; benign: number }>;
      decidedBy: Record<string, number>;
      unparseable: { count: number; first: { line: number; reason: string }[] };
      unlabelled: { count: number; first: { line: number; reason: string }[] };
      latencyUs: { p50: number; p99: number };
    };
    const { tp, fp, tn, fn } = summary.confusion;
    expect(summary.lines).toBe(9);
    expect(summary.evaluated).toBe(6);
    expect(tp + fp + tn + fn).toBe(6);
    expect(tp + fn).toBe(3);
    expect(fp + tn).toBe(3);
    const types = Object.values(summary.byAttackType);
    expect(types.reduce((n, t) => n + t.count, 0)).toBe(tp + fn);
    expect(types.reduce((n, t) => n + t.detected, 0)).toBe(tp);
    const sources = Object.values(summary.bySource);
    expect(sources.reduce((n, s) => n + s.count, 0)).toBe(6);
    expect(sources.reduce((n, s) => n + s.attacks, 0)).toBe(3);
    expect(Object.keys(summary.bySource).sort()).toEqual(['blog', 'shop']);
    // Every record was inspected (labelled or not); the two broken lines were not.
    expect(Object.values(summary.decidedBy).reduce((n, c) => n + c, 0)).toBe(7);
    expect(summary.unparseable.count).toBe(2);
    expect(summary.unparseable.first.map((item) => item.line)).toEqual([7, 8]);
    expect(summary.unlabelled).toEqual({
      count: 1,
      first: [{ line: 10, reason: '`label` must be "attack" or "benign", got the string "suspicious"' }],
    });
    expect(summary.latencyUs.p99).toBeGreaterThanOrEqual(summary.latencyUs.p50);
  });

  it('prints a readable report with the unparseable lines named', () => {
    const { code, stdout } = wafer(['eval', path.relative(ROOT, RECORDS)]);
    expect(code).toBe(1);
    for (const text of [
      'Confusion matrix',
      'TPR (recall)',
      'balanced accuracy',
      'Recall by attack_type',
      'By source',
      'latency p99',
      'Decided by:',
      'Unparseable lines (excluded from the metrics): 2',
      'line 7: not valid JSON',
      'line 8: `url` is required',
      'Records without a usable label (inspected, excluded from the metrics): 1',
    ])
      expect(stdout).toContain(text);
  });
});

describe('wafer scan', () => {
  it('--json: one record per flagged line in order, the summary on stderr', () => {
    const { code, stdout, stderr } = wafer(['scan', ACCESS_LOG, '--json']);
    expect(code).toBe(1); // one garbage line
    const records = jsonLines(stdout);
    const lines = records.map((r) => r.line as number);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(lines).toContain(3); // GET /?id=1'%20or%201=1--
    expect(lines).toContain(6); // GET /../../etc/passwd
    const sqli = records.find((r) => r.line === 3)!;
    expect(sqli).toMatchObject({
      time: '2024-03-02T10:00:03.000Z',
      ip: '203.0.113.9',
      method: 'GET',
      path: '/',
      target: "/?id=1'%20or%201=1--",
      status: 200,
      class: 'sqli',
      field: 'query.id',
    });
    expect(sqli.attackScore as number).toBeLessThanOrEqual(20);
    expect(records.find((r) => r.line === 6)).toMatchObject({
      class: 'path_traversal',
      field: 'path',
      status: 400,
    });
    expect(lines).not.toContain(1);

    expect(stderr).toContain('8 lines, 7 requests inspected, 1 failed to parse');
    expect(stderr).toMatch(/bad_format\s+1/);
    expect(stderr).toContain('line 5:');
    expect(stderr).toMatch(/203\.0\.113\.9\s+2/); // top IPs
    expect(stderr).toContain('/../../etc/passwd');
    expect(stderr).toMatch(/p50 [\d.]+ ms, p99 [\d.]+ ms/);
  });

  it('--csv --out: a header and one row per flagged line in the file, the summary on stdout', () => {
    const out = path.join(tmp, 'attacks.csv');
    const { code, stdout } = wafer(['scan', ACCESS_LOG, '--csv', '--out', out, '--format', 'combined']);
    expect(code).toBe(1);
    const rows = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(rows[0]).toBe(
      'line,time,ip,method,path,target,status,score,attackScore,class,classes,field,evidence',
    );
    expect(rows.slice(1).map((row) => Number(row.split(',')[0]))).toEqual(expect.arrayContaining([3, 6]));
    expect(rows.find((row) => row.startsWith('3,'))).toMatch(
      /^3,2024-03-02T10:00:03\.000Z,203\.0\.113\.9,GET,\/,\/\?id=1'%20or%201=1--,200,[\d.]+,\d+,sqli,/,
    );
    expect(stdout).toContain('Attacks:');
    expect(stdout).toContain('Top paths (flagged lines)');
  });
});

describe('wafer check', () => {
  it('explains a .http request: verdict, finding, evidence in context, timings', () => {
    const { code, stdout } = wafer(['check', path.join(FIXTURES, 'http/attack-sqli-query.http')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/action\s+monitor \(attack\)/);
    expect(stdout).toMatch(/attackScore\s+\d+ \(1-99/);
    expect(stdout).toMatch(/class\s+sqli/);
    expect(stdout).toMatch(/decided by\s+model \(\d+ fields/);
    expect(stdout).toMatch(/timings\s+parse [\d.]+ ms, inference [\d.]+ ms, total [\d.]+ ms/);
    expect(stdout).toMatch(/1\. query\.id\s+sqli/);
    expect(stdout).toMatch(/evidence\s+.*\[\[.+\]\]/);
    expect(stdout).toMatch(/transforms\s+url-decode/);
  });

  it('--json --mode block on a record from stdin prints the Decision', () => {
    const record = {
      method: 'GET',
      url: '/download?file=../../../../etc/passwd',
      headers: { host: 'files.example.com' },
    };
    const { code, stdout } = wafer(['check', '--json', '--mode', 'block'], JSON.stringify(record));
    expect(code).toBe(0);
    const decision = JSON.parse(stdout) as Record<string, unknown>;
    expect(decision).toMatchObject({ action: 'block', attack: true, attackClass: 'path_traversal' });
    expect(Object.keys(decision)).toEqual(
      expect.arrayContaining([
        'score',
        'attackScore',
        'classScores',
        'findings',
        'timings',
        'decidedBy',
        'counts',
      ]),
    );
  });

  it('a higher --threshold lets a benign request through as allow', () => {
    const record = { method: 'GET', url: '/search?q=running+shoes', headers: {} };
    const { code, stdout } = wafer(['check', '--threshold', '0.9999'], JSON.stringify(record));
    expect(code).toBe(0);
    expect(stdout).toMatch(/action\s+allow/);
    expect(stdout).toContain('attack threshold 0.999900');
  });
});

describe('wafer usage', () => {
  it('gives each command a --help', () => {
    for (const command of ['check', 'scan', 'eval']) {
      const { code, stdout } = wafer([command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: wafer ${command}`);
    }
    const { stdout } = wafer(['--help']);
    for (const command of ['check', 'scan', 'eval', 'fields']) expect(stdout).toContain(`  ${command} `);
  });

  it('exits 2 with a message for usage errors, before loading the model', () => {
    const cases: [string[], RegExp][] = [
      [['eval'], /takes one file/],
      [['scan', ACCESS_LOG, '--threshold', '2'], /--threshold must be a number between 0 and 1/],
      [['scan', ACCESS_LOG, '--json', '--csv'], /--json or --csv/],
      [['scan', ACCESS_LOG, '--format', 'apache'], /--format must be auto or combined or common or json/],
      [['check', '--mode', 'deny'], /--mode must be monitor or block/],
      [['eval', path.join(tmp, 'missing.jsonl')], /cannot read/],
      [['eval', RECORDS, '--concurrency', '0'], /--concurrency/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = wafer(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(message);
    }
  });
});
