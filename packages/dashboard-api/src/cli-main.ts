import { parseArgs } from 'node:util';
import { createStorage, type StorageOptions } from '@wafer/storage';
import { loadConfig, type ConfigFlags } from './config/load-config.js';
import { createDashboardApi } from './dashboard-api.js';
import { parseScopes } from './http/auth.js';
import { PACKAGE_VERSION } from './version.js';

const HELP = `wafer-dashboard ${PACKAGE_VERSION} — the Wafer dashboard API

Usage:
  wafer-dashboard [start] [options]          run the server (REST + WebSocket + workers)
  wafer-dashboard keys create --name <n> --scopes ingest,read,admin [--expires-days <d>]
  wafer-dashboard keys list
  wafer-dashboard keys revoke <id>
  wafer-dashboard migrate                    apply pending storage migrations and exit

Options:
  --config <file>      YAML config (also WAFER_DASHBOARD_CONFIG)
  --port <n>           default 3001 (WAFER_DASHBOARD_PORT)
  --host <addr>        default 127.0.0.1 (WAFER_DASHBOARD_HOST)
  --postgres <url>     PostgreSQL instead of SQLite (WAFER_DASHBOARD_POSTGRES, DATABASE_URL)
  --sqlite <path>      SQLite file, default ./data/wafer.db (WAFER_DASHBOARD_SQLITE)
  --insecure-local     serve reads without an API key; loopback only (WAFER_DASHBOARD_INSECURE_LOCAL=1)
  -h, --help           this help
`;

const FLAG_OPTIONS = {
  config: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  postgres: { type: 'string' },
  sqlite: { type: 'string' },
  'insecure-local': { type: 'boolean' },
  name: { type: 'string' },
  scopes: { type: 'string' },
  'expires-days': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopSignal(): Promise<string>;
}

const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  stopSignal: () =>
    new Promise((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    }),
};

/**
 * Runs the CLI; resolves with the exit code. Errors are printed as one clear line, never a stack trace.
 *
 * @example
 * ```ts
 * process.exitCode = await main(process.argv.slice(2));
 * ```
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAG_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`wafer-dashboard: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const flags: ConfigFlags = {
    config: values.config,
    port: values.port,
    host: values.host,
    postgres: values.postgres,
    sqlite: values.sqlite,
    insecureLocal: values['insecure-local'],
  };
  const [command = 'start', sub, arg] = positionals;
  try {
    const config = loadConfig(flags);
    if (command === 'start') return await start(config, io);
    if (command === 'migrate') {
      const storage = await createStorage({ ...(config.options.storage as StorageOptions), migrate: false });
      try {
        const report = await storage.migrate();
        io.out(
          report.executed.length > 0
            ? `Applied ${report.executed.join(', ')}.\n`
            : 'The schema is up to date.\n',
        );
      } finally {
        await storage.close();
      }
      return 0;
    }
    if (command === 'keys') return await keys(config.options.storage as StorageOptions, sub, arg, values, io);
    io.err(`wafer-dashboard: unknown command "${command}".\n\n${HELP}`);
    return 2;
  } catch (error) {
    const code = (error as { code?: string }).code;
    io.err(`wafer-dashboard: ${code ? `${code}: ` : ''}${(error as Error).message}\n`);
    return 1;
  }
}

async function start(config: ReturnType<typeof loadConfig>, io: CliIo): Promise<number> {
  const api = await createDashboardApi(config.options);
  let url: string;
  try {
    ({ url } = await api.listen({ port: config.port, host: config.host }));
  } catch (error) {
    await api.close();
    throw error;
  }
  io.out(
    `Wafer dashboard API ${PACKAGE_VERSION} on ${url}\n` +
      `  storage: ${api.storage.dialect}   model: ${api.waf ? `${api.waf.model.name}@${api.waf.model.version}` : 'none'}\n` +
      `  REST ${url}/api/…  live feed ws://${url.slice(7)}/ws  health ${url}/health  OpenAPI ${url}/api/openapi.json\n` +
      `  Ctrl-C stops (queued events are written first).\n`,
  );
  const signal = await io.stopSignal();
  io.out(`\n${signal}: shutting down…\n`);
  await api.close();
  io.out('Stopped.\n');
  return 0;
}

async function keys(
  storageOptions: StorageOptions,
  sub: string | undefined,
  arg: string | undefined,
  values: { name?: string; scopes?: string; 'expires-days'?: string },
  io: CliIo,
): Promise<number> {
  const storage = await createStorage(storageOptions);
  try {
    if (sub === 'create') {
      if (!values.name)
        throw new Error('keys create needs --name <name> (who uses the key, e.g. "shop-prod").');
      const scopes = parseScopes(values.scopes ?? 'ingest');
      const days = values['expires-days'];
      if (days !== undefined && !/^\d+$/.test(days))
        throw new Error('--expires-days must be a whole number of days.');
      const { key, secret } = await storage.apiKeys.create({
        name: values.name,
        scopes,
        expiresAt: days ? Date.now() + Number(days) * 86_400_000 : null,
      });
      io.out(
        `Created key ${key.id} "${key.name}" (${key.scopes.join(', ')}). The secret is shown once:\n${secret}\n`,
      );
      return 0;
    }
    if (sub === 'list') {
      for (const k of await storage.apiKeys.list())
        io.out(
          `${k.id}\t${k.name}\t${k.prefix}…\t${k.scopes.join(',')}\t${k.revokedAt ? 'revoked' : k.expiresAt && k.expiresAt < Date.now() ? 'expired' : 'active'}\t${k.lastUsedAt ? `used ${new Date(k.lastUsedAt).toISOString()}` : 'never used'}\n`,
        );
      return 0;
    }
    if (sub === 'revoke') {
      if (!arg || !/^\d+$/.test(arg)) throw new Error('keys revoke needs the key id (see `keys list`).');
      const revoked = await storage.apiKeys.revoke(Number(arg));
      io.out(revoked ? `Revoked key ${arg}.\n` : `No active key ${arg}.\n`);
      return revoked ? 0 : 1;
    }
    throw new Error(`keys needs create, list or revoke, got ${JSON.stringify(sub ?? '')}.`);
  } finally {
    await storage.close();
  }
}
