import { Migrator, NO_MIGRATIONS, type Kysely, type MigrationResultSet } from 'kysely';
import { openPostgres, openSqlite, type OpenedDatabase } from './dialect/index.js';
import { WaferStorageError } from './errors.js';
import { resolveOptions, type StorageOptions } from './options.js';
import { createActivityRepository, type ActivityRepository } from './repositories/activities.js';
import { createAlertRepository, type AlertRepository } from './repositories/alerts.js';
import { createApiKeyRepository, type ApiKeyRepository } from './repositories/api-keys.js';
import type { RepositoryContext } from './repositories/context.js';
import { createIngestOffsetRepository, type IngestOffsetRepository } from './repositories/ingest-offsets.js';
import { createIngestRepository, type IngestRepository } from './repositories/ingest.js';
import { createIpListRepository, type IpListRepository } from './repositories/ip-lists.js';
import { createMetricRepository, type MetricRepository } from './repositories/metrics.js';
import { createRetentionRepository, type RetentionRepository } from './repositories/retention.js';
import {
  createRuleExceptionRepository,
  type RuleExceptionRepository,
} from './repositories/rule-exceptions.js';
import {
  createSecurityCheckRepository,
  type SecurityCheckRepository,
} from './repositories/security-checks.js';
import { createThreatRepository, type ThreatRepository } from './repositories/threats.js';
import { createTrafficRepository, type TrafficRepository } from './repositories/traffic.js';
import type { Database } from './schema/database.js';
import { createMigrations } from './schema/migrations/index.js';
import { createRedactor } from './util/redact.js';

/** What a migration run did. */
export interface MigrationReport {
  /** Migrations applied (up) or reverted (down), in the order they ran. */
  readonly executed: string[];
}

/** Where the schema stands. */
export interface MigrationState {
  readonly name: string;
  readonly executedAt: Date | undefined;
}

/**
 * An open Wafer database: one repository per concept, migrations and `close()`.
 */
export interface Storage {
  readonly dialect: 'sqlite' | 'postgres';
  readonly traffic: TrafficRepository;
  readonly threats: ThreatRepository;
  readonly alerts: AlertRepository;
  readonly activities: ActivityRepository;
  readonly metrics: MetricRepository;
  readonly securityChecks: SecurityCheckRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly ingestOffsets: IngestOffsetRepository;
  /** The dashboard's write path: idempotent, all-or-nothing batches of traffic, threats and activities. */
  readonly ingest: IngestRepository;
  readonly ipLists: IpListRepository;
  readonly exceptions: RuleExceptionRepository;
  readonly retention: RetentionRepository;
  /**
   * The underlying Kysely instance, for read queries the repositories do not cover. Writing through it
   * bypasses redaction and the rollups: prefer the repositories.
   */
  readonly kysely: Kysely<Database>;
  /** Applies every pending migration (what `migrate: true` does on open). */
  migrate(): Promise<MigrationReport>;
  /** Reverts the newest migration, or every migration with `{ to: 'zero' }` (drops all Wafer tables). */
  migrateDown(options?: { to?: 'previous' | 'zero' }): Promise<MigrationReport>;
  /** Every migration this version knows and when it was applied (`undefined`: pending). */
  migrations(): Promise<MigrationState[]>;
  /** Closes the database (SQLite file or PostgreSQL pool). Idempotent; later calls on any repository throw. */
  close(): Promise<void>;
}

const MIGRATION_TABLE = 'wafer_migration';
const MIGRATION_LOCK_TABLE = 'wafer_migration_lock';

function checkMigrationResult(result: MigrationResultSet): MigrationReport {
  const executed = (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (result.error) {
    const message = result.error instanceof Error ? result.error.message : String(result.error);
    // Kysely's wording when the database records a migration this code does not have.
    if (/corrupted migrations: previously executed migration .* is missing/.test(message))
      throw new WaferStorageError(
        'WAFER_ERR_STORAGE_SCHEMA_TOO_NEW',
        `The database was migrated by a newer @wafer/storage (${message}). Upgrade @wafer/storage, or restore a backup taken before the upgrade.`,
        { cause: result.error },
      );
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    throw new WaferStorageError(
      'WAFER_ERR_STORAGE_MIGRATION_FAILED',
      `Migration ${failed ? `\`${failed}\` ` : ''}failed: ${message}. Each migration runs in a transaction; the database is at the last one that succeeded.`,
      { cause: result.error },
    );
  }
  return { executed };
}

/**
 * Opens the Wafer database — a SQLite file by default, or PostgreSQL — migrates it (unless `migrate: false`)
 * and returns its repositories. Options are validated once, here; errors name the option and how to fix it.
 *
 * @example
 * ```ts
 * import { createStorage } from '@wafer/storage';
 *
 * const storage = await createStorage({ sqlite: { path: './data/wafer.db' } });
 * await storage.traffic.insertMany(events);
 * const chart = await storage.traffic.requestsPerBucket({ from: Date.now() - 86_400_000, to: Date.now(), bucketMs: 3_600_000 });
 * await storage.close();
 * ```
 */
export async function createStorage(options?: StorageOptions): Promise<Storage> {
  const resolved = resolveOptions(options);
  const opened: OpenedDatabase =
    resolved.dialect === 'postgres'
      ? await openPostgres(resolved.postgres!)
      : await openSqlite(resolved.sqlite);
  let closed = false;
  const database = opened.db;
  const ctx: RepositoryContext = {
    get db() {
      if (closed)
        throw new WaferStorageError(
          'WAFER_ERR_STORAGE_CLOSED',
          'This storage was closed: open it once at startup and close it at shutdown.',
        );
      return database;
    },
    dialect: opened.dialect,
    options: resolved,
    redactor: createRedactor(resolved.redaction),
  };
  const migrator = new Migrator({
    db: database,
    provider: { getMigrations: async () => createMigrations(opened.dialect.schema) },
    // Own table names, so Wafer's migrations never mix with the application's in a shared PostgreSQL database.
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });

  const storage: Storage = {
    dialect: opened.dialect.name,
    traffic: createTrafficRepository(ctx),
    threats: createThreatRepository(ctx),
    alerts: createAlertRepository(ctx),
    activities: createActivityRepository(ctx),
    metrics: createMetricRepository(ctx),
    securityChecks: createSecurityCheckRepository(ctx),
    apiKeys: createApiKeyRepository(ctx),
    ingestOffsets: createIngestOffsetRepository(ctx),
    ingest: createIngestRepository(ctx),
    ipLists: createIpListRepository(ctx),
    exceptions: createRuleExceptionRepository(ctx),
    retention: createRetentionRepository(ctx),
    get kysely() {
      return ctx.db;
    },
    async migrate() {
      void ctx.db;
      return checkMigrationResult(await migrator.migrateToLatest());
    },
    async migrateDown({ to = 'previous' } = {}) {
      void ctx.db;
      if (to !== 'previous' && to !== 'zero')
        throw new WaferStorageError(
          'WAFER_ERR_STORAGE_INVALID_ARGUMENT',
          `migrateDown(): \`to\` must be 'previous' or 'zero', got ${JSON.stringify(to)}.`,
        );
      return checkMigrationResult(
        to === 'zero' ? await migrator.migrateTo(NO_MIGRATIONS) : await migrator.migrateDown(),
      );
    },
    async migrations() {
      void ctx.db;
      return (await migrator.getMigrations()).map((m) => ({ name: m.name, executedAt: m.executedAt }));
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await opened.dialect.beforeClose(database);
      } finally {
        await database.destroy();
      }
    },
  };

  if (resolved.migrate) {
    try {
      await storage.migrate();
    } catch (error) {
      await storage.close().catch(() => {});
      throw error;
    }
  }
  return storage;
}
