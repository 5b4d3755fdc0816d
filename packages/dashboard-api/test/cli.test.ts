// The built CLI as users run it: keys, config errors, start, health, graceful stop on SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempSqlite, waitFor } from './support/harness.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const db = tempSqlite();
const sqlite = (db.options.sqlite as { path: string }).path;
afterAll(() => db.cleanup());

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}

describe('wafer-dashboard CLI', () => {
  it('creates, lists and revokes API keys; the secret is printed once', () => {
    const created = run([
      'keys',
      'create',
      '--name',
      'shop-prod',
      '--scopes',
      'ingest,read',
      '--sqlite',
      sqlite,
    ]);
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/Created key 1 "shop-prod" \(ingest, read\)/);
    expect(created.stdout.trim().split('\n').at(-1)).toMatch(/^\S{24,}$/);
    const listed = run(['keys', 'list', '--sqlite', sqlite]);
    expect(listed.stdout).toMatch(/^1\tshop-prod\t\S+…\tingest,read\tactive\tnever used$/m);
    expect(listed.stdout).not.toContain(created.stdout.trim().split('\n').at(-1));
    expect(run(['keys', 'revoke', '1', '--sqlite', sqlite]).stdout).toBe('Revoked key 1.\n');
    expect(run(['keys', 'create', '--name', 'x', '--scopes', 'root', '--sqlite', sqlite]).stderr).toMatch(
      /Unknown scope "root"/,
    );
  });

  it('explains bad flags and bad config in one line', () => {
    const unknown = run(['--prot', '1']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--prot'/);
    const config = path.join(db.dir, 'bad.yaml');
    writeFileSync(config, 'port: [1,\n');
    const bad = run(['--config', config]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^wafer-dashboard: WAFER_ERR_DASHBOARD_CONFIG: .*not valid YAML/);
    const insecure = run(['--insecure-local', '--host', '0.0.0.0', '--port', '0', '--sqlite', sqlite]);
    expect(insecure.status).toBe(1);
    expect(insecure.stderr).toMatch(/WAFER_ERR_DASHBOARD_INSECURE_BIND/);
  });

  it('starts, answers /health, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, 'start', '--port', '0', '--sqlite', sqlite], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const url = await waitFor(() => /on (http:\/\/\S+)/.exec(out)?.[1], `the URL in: ${out}`, 30_000);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { data: { status: string } }).data.status).toBe('ok');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toMatch(/SIGTERM: shutting down…\nStopped\.\n$/);
  }, 60_000);

  it('is also `pnpm -s wafer dashboard …` from the repository root', () => {
    const root = fileURLToPath(new URL('../../../scripts/wafer.mjs', import.meta.url));
    const help = spawnSync(process.execPath, [root, 'dashboard', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^wafer-dashboard .* the Wafer dashboard API/);
  });

  it('migrates on demand', () => {
    const result = run(['migrate', '--sqlite', path.join(db.dir, 'fresh.db')]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Applied .*0001/);
  });
});
