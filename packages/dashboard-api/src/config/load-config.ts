import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { WaferDashboardError } from '../errors.js';
import { OPTION_NAMES, type DashboardApiOptions } from '../options.js';

/** What the CLI runs with: the API's options plus where to listen. */
export interface ServerConfig {
  readonly options: DashboardApiOptions;
  readonly port: number;
  readonly host: string;
}

/** Flags given on the command line; they win over environment variables, which win over the file. */
export interface ConfigFlags {
  readonly config?: string;
  readonly port?: string;
  readonly host?: string;
  readonly postgres?: string;
  readonly sqlite?: string;
  readonly insecureLocal?: boolean;
}

function configError(message: string): never {
  throw new WaferDashboardError('WAFER_ERR_DASHBOARD_CONFIG', message);
}

function port(value: unknown, where: string): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (!Number.isInteger(n) || (n as number) < 0 || (n as number) > 65_535)
    configError(`${where} must be a port number 0–65535, got ${JSON.stringify(value)}.`);
  return n as number;
}

// Where to listen and which database, then every API option that can be written in YAML (not callbacks).
const FILE_KEYS: readonly string[] = [
  'port',
  'host',
  'sqlite',
  'postgres',
  ...OPTION_NAMES.filter((name) => name !== 'now' && name !== 'onError'),
];

/**
 * Reads the YAML config file (when given), then environment variables, then flags, into the API's options.
 * Defaults: port 3001, host 127.0.0.1, SQLite at `./data/wafer.db`. The options themselves are validated once,
 * by `createDashboardApi`.
 *
 * Environment: `WAFER_DASHBOARD_CONFIG`, `WAFER_DASHBOARD_PORT` (or `PORT`), `WAFER_DASHBOARD_HOST`,
 * `WAFER_DASHBOARD_POSTGRES` (or `DATABASE_URL`), `WAFER_DASHBOARD_SQLITE`, `WAFER_DASHBOARD_CORS_ORIGINS`
 * (comma-separated), `WAFER_DASHBOARD_INSECURE_LOCAL=1`.
 *
 * @example
 * ```yaml
 * # wafer-dashboard.yaml
 * port: 3001
 * postgres: postgres://wafer:secret@db:5432/wafer
 * storage: { retention: { traffic: 14 } }
 * cors: { origins: [https://dashboard.example.com] }
 * logs:
 *   - { path: /var/log/nginx/access.log, app: shop }
 * ```
 */
export function loadConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const file = flags.config ?? env.WAFER_DASHBOARD_CONFIG;
  let raw: Record<string, unknown> = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      configError(
        `Cannot read the config file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      );
    }
    let parsed: unknown;
    try {
      parsed = parse(text);
    } catch (error) {
      configError(`${file} is not valid YAML: ${(error as Error).message}`);
    }
    if (parsed !== null && parsed !== undefined) {
      if (typeof parsed !== 'object' || Array.isArray(parsed))
        configError(`${file} must hold a mapping of options (port, postgres, cors, …).`);
      raw = parsed as Record<string, unknown>;
    }
    for (const key of Object.keys(raw))
      if (!FILE_KEYS.includes(key))
        configError(`Unknown key \`${key}\` in ${file}. Known: ${FILE_KEYS.join(', ')}.`);
  }
  const {
    port: filePort,
    host: fileHost,
    sqlite: fileSqlite,
    postgres: filePostgres,
    storage: fileStorage,
    ...rest
  } = raw;
  const postgres =
    flags.postgres ??
    env.WAFER_DASHBOARD_POSTGRES ??
    env.DATABASE_URL ??
    (filePostgres as string | undefined);
  const sqlite = flags.sqlite ?? env.WAFER_DASHBOARD_SQLITE ?? (fileSqlite as string | undefined);
  if (postgres !== undefined && typeof postgres !== 'string')
    configError('`postgres` must be a connection URL string.');
  if (sqlite !== undefined && typeof sqlite !== 'string') configError('`sqlite` must be a file path.');
  if (postgres && (flags.sqlite ?? env.WAFER_DASHBOARD_SQLITE))
    configError('Give either a PostgreSQL URL or a SQLite path, not both.');
  const storageBase = (fileStorage ?? {}) as Record<string, unknown>;
  if (typeof storageBase !== 'object' || Array.isArray(storageBase))
    configError('`storage` must be a mapping (retention, redaction, …).');
  const storage = postgres
    ? {
        ...storageBase,
        dialect: 'postgres',
        postgres: { ...((storageBase.postgres as object) ?? {}), connectionString: postgres },
      }
    : {
        ...storageBase,
        sqlite: { ...((storageBase.sqlite as object) ?? {}), path: sqlite ?? './data/wafer.db' },
      };
  const corsEnv = env.WAFER_DASHBOARD_CORS_ORIGINS;
  const insecure =
    flags.insecureLocal ??
    (env.WAFER_DASHBOARD_INSECURE_LOCAL === '1' || env.WAFER_DASHBOARD_INSECURE_LOCAL === 'true');
  const auth = { ...((rest.auth as object) ?? {}), ...(insecure ? { insecureLocal: true } : {}) };
  const options = {
    ...rest,
    storage,
    auth,
    ...(corsEnv
      ? {
          cors: {
            origins: corsEnv
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          },
        }
      : {}),
  } as DashboardApiOptions;
  return {
    options,
    port: port(flags.port ?? env.WAFER_DASHBOARD_PORT ?? env.PORT ?? filePort ?? 3001, 'The port'),
    host: String(flags.host ?? env.WAFER_DASHBOARD_HOST ?? fileHost ?? '127.0.0.1'),
  };
}
