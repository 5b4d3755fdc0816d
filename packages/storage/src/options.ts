import { WaferStorageError } from './errors.js';
import { didYouMean } from './util/did-you-mean.js';

/** The embedded default: one file, no server. */
export interface SqliteOptions {
  /** Database file; its folder is created. `':memory:'` for a throwaway database. Default `./data/wafer.db`. */
  readonly path?: string;
  /** How long a writer waits for another process's lock before failing (ms). Default 5,000. */
  readonly busyTimeoutMs?: number;
  /** Page cache per connection in KiB. Default 65,536 (64 MiB): the indexes a day of traffic touches stay in memory. */
  readonly cacheSizeKb?: number;
}

/** PostgreSQL through a `pg` connection pool (install `pg` yourself: it is an optional peer dependency). */
export interface PostgresOptions {
  /** `postgres://user:password@host:5432/database`; any form `pg` accepts. */
  readonly connectionString: string;
  readonly pool?: {
    /** Most connections the pool opens. Default 10. */
    readonly max?: number;
    /** Close a connection idle this long (ms). Default 30,000. */
    readonly idleTimeoutMs?: number;
    /** Give up connecting after this long (ms). Default 10,000. */
    readonly connectionTimeoutMs?: number;
  };
}

/**
 * Days each kind of row is kept by `storage.retention.prune()`. Rollups (the pre-aggregated counters behind the
 * dashboard's charts) are tiny and outlive raw rows, so long-range charts keep working after raw traffic is gone.
 */
export interface RetentionOptions {
  readonly traffic?: number;
  readonly threats?: number;
  readonly activities?: number;
  readonly metrics?: number;
  /** Dismissed alerts not seen for this long; active and acknowledged alerts are never pruned. */
  readonly alerts?: number;
  readonly rollups?: number;
  /** Rows deleted per statement, so a prune never holds the write lock for long. Default 5,000. */
  readonly batchSize?: number;
}

/** What is removed before anything is written: the repository layer applies it, so nothing unredacted is stored. */
export interface RedactionOptions {
  /**
   * Query parameter names whose values are replaced. A name matches when one of its words (split at `_`, `-`,
   * `.`, `[`, camelCase) or the whole name equals an entry, case-insensitively: `api_key`, `apiKey` and
   * `X-Session-Id` match `key` and `session`; `keyword` does not match `key`.
   */
  readonly queryParams?: readonly string[];
  /** Threat evidence is cut to this many characters. Default 256. */
  readonly evidenceMaxLength?: number;
  /** What replaces a redacted value. Default `[redacted]`. */
  readonly replacement?: string;
}

/**
 * Options of {@link createStorage}: one of `sqlite` (default) or `postgres`.
 *
 * @example
 * ```ts
 * await createStorage(); // ./data/wafer.db
 * await createStorage({ sqlite: { path: '/var/lib/wafer/wafer.db' }, retention: { traffic: 14 } });
 * await createStorage({ postgres: { connectionString: process.env.DATABASE_URL!, pool: { max: 20 } } });
 * ```
 */
export interface StorageOptions {
  /** Which database; inferred from `sqlite` / `postgres` when left out. */
  readonly dialect?: 'sqlite' | 'postgres';
  readonly sqlite?: SqliteOptions;
  readonly postgres?: PostgresOptions;
  /** Run pending migrations when opening. Default `true`; turn off to migrate in a deploy step instead. */
  readonly migrate?: boolean;
  readonly retention?: RetentionOptions;
  readonly redaction?: RedactionOptions;
}

/** Parameter names redacted by default: credentials, session identifiers and signing material. */
export const DEFAULT_REDACTED_PARAMS: readonly string[] = [
  'password',
  'passwd',
  'pwd',
  'pass',
  'secret',
  'token',
  'key',
  'apikey',
  'auth',
  'authorization',
  'session',
  'sessionid',
  'sid',
  'jwt',
  'credential',
  'credentials',
  'signature',
  'sig',
  'otp',
  'cookie',
];

export const DEFAULT_OPTIONS = {
  sqlite: { path: './data/wafer.db', busyTimeoutMs: 5_000, cacheSizeKb: 65_536 },
  postgres: { pool: { max: 10, idleTimeoutMs: 30_000, connectionTimeoutMs: 10_000 } },
  migrate: true,
  retention: {
    traffic: 30,
    threats: 90,
    activities: 30,
    metrics: 30,
    alerts: 90,
    rollups: 400,
    batchSize: 5_000,
  },
  redaction: { queryParams: DEFAULT_REDACTED_PARAMS, evidenceMaxLength: 256, replacement: '[redacted]' },
} as const;

export interface ResolvedStorageOptions {
  readonly dialect: 'sqlite' | 'postgres';
  readonly sqlite: Required<SqliteOptions>;
  readonly postgres:
    | { readonly connectionString: string; readonly pool: Required<NonNullable<PostgresOptions['pool']>> }
    | undefined;
  readonly migrate: boolean;
  readonly retention: Required<RetentionOptions>;
  readonly redaction: Required<RedactionOptions>;
}

type Check = (value: unknown) => string | undefined;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const integer =
  (min: number, max: number): Check =>
  (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
      ? undefined
      : `an integer from ${min} to ${max}`;
const nonEmptyString: Check = (value) =>
  typeof value === 'string' && value.length > 0 ? undefined : 'a non-empty string';
const boolean: Check = (value) => (typeof value === 'boolean' ? undefined : 'true or false');
const days = integer(1, 36_500);
const stringList: Check = (value) =>
  Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length > 0)
    ? undefined
    : 'an array of non-empty strings';

// The whole options API in one place: each key's check, nested objects as nested shapes.
type Shape = { readonly [key: string]: Check | Shape };
const SHAPE: Shape = {
  dialect: (value) => (value === 'sqlite' || value === 'postgres' ? undefined : `'sqlite' or 'postgres'`),
  sqlite: { path: nonEmptyString, busyTimeoutMs: integer(0, 600_000), cacheSizeKb: integer(64, 16_777_216) },
  postgres: {
    connectionString: nonEmptyString,
    pool: {
      max: integer(1, 1_000),
      idleTimeoutMs: integer(0, 86_400_000),
      connectionTimeoutMs: integer(0, 600_000),
    },
  },
  migrate: boolean,
  retention: {
    traffic: days,
    threats: days,
    activities: days,
    metrics: days,
    alerts: days,
    rollups: days,
    batchSize: integer(1, 100_000),
  },
  redaction: { queryParams: stringList, evidenceMaxLength: integer(16, 65_536), replacement: nonEmptyString },
};

const fail = (message: string): never => {
  throw new WaferStorageError('WAFER_ERR_STORAGE_INVALID_OPTION', message);
};

function checkShape(value: unknown, shape: Shape, prefix: string): void {
  if (!isPlainObject(value))
    fail(`Option \`${prefix || 'options'}\` must be an object, got ${describe(value)}.`);
  const known = Object.keys(shape);
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const name = prefix ? `${prefix}.${key}` : key;
    const rule = shape[key];
    if (rule === undefined) {
      const guess = didYouMean(key, known);
      fail(
        `Unknown option \`${name}\`.${guess ? ` Did you mean \`${prefix ? `${prefix}.` : ''}${guess}\`?` : ''} ` +
          `Known options${prefix ? ` of \`${prefix}\`` : ''}: ${known.map((k) => `\`${k}\``).join(', ')}.`,
      );
    }
    // `undefined` means "use the default", as if the key were absent (handy with spread configs).
    if (child === undefined) continue;
    if (typeof rule === 'function') {
      const expected = rule(child);
      if (expected) fail(`Option \`${name}\` must be ${expected}, got ${describe(child)}.`);
    } else checkShape(child, rule as Shape, name);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  return `${typeof value} ${String(value)}`;
}

/**
 * Validates `createStorage()` options once and fills in defaults. Throws `WAFER_ERR_STORAGE_INVALID_OPTION`
 * with a message naming the option, what it must be and, for typos, the closest known name.
 */
export function resolveOptions(options: StorageOptions | undefined = {}): ResolvedStorageOptions {
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    fail(`createStorage() takes one options object, got ${describe(options)}.`);
  checkShape(options, SHAPE, '');
  const { sqlite, postgres } = options;
  if (sqlite && postgres)
    fail('Options `sqlite` and `postgres` were both given: pick one database (leave the other out).');
  const rollupDays = options.retention?.rollups ?? DEFAULT_OPTIONS.retention.rollups;
  const trafficDays = options.retention?.traffic ?? DEFAULT_OPTIONS.retention.traffic;
  // Per-IP traffic lists find their hours in the IP rollups, so rollups must live at least as long as traffic.
  if (rollupDays < trafficDays)
    fail(
      `Option \`retention.rollups\` (${rollupDays} days) must be at least \`retention.traffic\` (${trafficDays} days): charts and per-IP lists read the rollups.`,
    );
  const dialect = options.dialect ?? (postgres ? 'postgres' : 'sqlite');
  if (dialect === 'sqlite' && postgres)
    fail("Option `dialect` is 'sqlite' but `postgres` options were given: drop one of them.");
  if (dialect === 'postgres' && sqlite)
    fail("Option `dialect` is 'postgres' but `sqlite` options were given: drop one of them.");
  if (dialect === 'postgres' && !postgres?.connectionString)
    fail(
      "Option `dialect` 'postgres' needs `postgres.connectionString`, e.g. " +
        "`{ postgres: { connectionString: 'postgres://user:pass@localhost:5432/wafer' } }`.",
    );
  const d = DEFAULT_OPTIONS;
  return {
    dialect,
    sqlite: { ...d.sqlite, ...stripUndefined(sqlite ?? {}) },
    postgres: postgres
      ? {
          connectionString: postgres.connectionString,
          pool: { ...d.postgres.pool, ...stripUndefined(postgres.pool ?? {}) },
        }
      : undefined,
    migrate: options.migrate ?? d.migrate,
    retention: { ...d.retention, ...stripUndefined(options.retention ?? {}) },
    redaction: {
      ...d.redaction,
      ...stripUndefined(options.redaction ?? {}),
    } as Required<RedactionOptions>,
  };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
