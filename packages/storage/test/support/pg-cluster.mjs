// A throwaway PostgreSQL cluster for tests and benchmarks, from the installed server binaries (Debian's
// postgresql-15 puts them in /usr/lib/postgresql/15/bin, off PATH). PostgreSQL refuses to run as root, so as
// root every command runs as the `postgres` user and the cluster lives in a temp folder it owns.
// Shared by test/support/postgres-global-setup.ts and bench/run.mjs.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The folder holding initdb/pg_ctl, or undefined. `WAFER_PG_BIN` overrides the search. */
export function findPostgresBin() {
  const candidates = [];
  if (process.env.WAFER_PG_BIN) candidates.push(process.env.WAFER_PG_BIN);
  const root = '/usr/lib/postgresql';
  if (existsSync(root))
    for (const version of readdirSync(root).sort((a, b) => Number(b) - Number(a)))
      candidates.push(path.join(root, version, 'bin'));
  return candidates.find(
    (dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')),
  );
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function postgresUser() {
  const result = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  return result.status === 0
    ? {
        uid: Number(result.stdout.trim()),
        gid: Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()),
      }
    : undefined;
}

/**
 * Starts a cluster; resolves to `{ url, stop }` or `{ skipped: reason }` when it cannot run here.
 * `durable: false` turns fsync off (tests); benchmarks keep PostgreSQL's default durability.
 */
export async function startPostgres({ durable = false } = {}) {
  const bin = findPostgresBin();
  if (!bin)
    return { skipped: 'PostgreSQL server binaries not found (install postgresql-15, or set WAFER_PG_BIN)' };
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUser() : undefined;
  if (asRoot && !owner)
    return { skipped: 'running as root and there is no `postgres` user to run the server as' };
  const dir = mkdtempSync(path.join(tmpdir(), 'wafer-pg-'));
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chmodSync(dir, 0o700);
  }
  const run = (command, args) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(bin, command), args, { stdio: 'pipe' });
  const data = path.join(dir, 'data');
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=100',
    ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ].join(' ');
  try {
    run('initdb', ['-D', data, '-U', 'wafer', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      path.join(dir, 'server.log'),
      '-o',
      settings,
      '-w',
      '-t',
      '60',
      'start',
    ]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = error.stderr ? String(error.stderr) : '';
    throw new Error(`could not start the throwaway PostgreSQL cluster: ${error.message}\n${stderr}`);
  }
  let stopped = false;
  return {
    url: `postgres://wafer@127.0.0.1:${port}/postgres`,
    dir,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
