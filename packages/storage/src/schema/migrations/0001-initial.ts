import { sql, type Kysely, type Migration } from 'kysely';
import type { SchemaTypes } from '../schema-types.js';

// Column types are chosen to mean the same on both dialects: `bigint` has INTEGER affinity in SQLite and is
// int8 in PostgreSQL (epoch milliseconds overflow int4); `double precision` is REAL in SQLite and float8 in
// PostgreSQL. Only the id column and JSON differ, and come from the dialect (SchemaTypes).
const TIME = 'bigint';
const REAL = 'double precision';

/** The first schema: every table of issue 6, rollups and the indexes behind the dashboard's time-range queries. */
export function initialMigration(types: SchemaTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await types
        .addId(db.schema.createTable('traffic'))
        .addColumn('time', TIME, (c) => c.notNull())
        .addColumn('requestId', 'text', (c) => c.notNull())
        .addColumn('appId', 'text')
        .addColumn('instanceId', 'text')
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('query', 'text')
        .addColumn('status', 'integer')
        .addColumn('responseSize', 'bigint')
        .addColumn('latencyMs', REAL)
        .addColumn('userAgent', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('score', REAL)
        .addColumn('attackClasses', types.json)
        .execute();
      // Only (time, id): it serves range scans and the keyset order of every list. Indexes on (ip, time) and
      // request_id would each cost about a third of the insert rate (random keys, measured); per-IP lists find
      // their hours in ip_rollups instead, and a request is found by its id near its time.
      await db.schema.createIndex('traffic_time_idx').on('traffic').columns(['time', 'id']).execute();

      await types
        .keyedTable(
          db.schema
            .createTable('trafficRollups')
            .addColumn('bucket', TIME, (c) => c.primaryKey())
            .addColumn('requests', 'bigint', (c) => c.notNull())
            .addColumn('blocked', 'bigint', (c) => c.notNull())
            .addColumn('monitored', 'bigint', (c) => c.notNull())
            .addColumn('allowed', 'bigint', (c) => c.notNull())
            .addColumn('latencyCount', 'bigint', (c) => c.notNull())
            .addColumn('latencySumMs', REAL, (c) => c.notNull()),
        )
        .execute();
      await types
        .keyedTable(
          db.schema
            .createTable('latencyRollups')
            .addColumn('bucket', TIME, (c) => c.notNull())
            .addColumn('bin', 'integer', (c) => c.notNull())
            .addColumn('count', 'bigint', (c) => c.notNull())
            .addPrimaryKeyConstraint('latency_rollups_pk', ['bucket', 'bin']),
        )
        .execute();
      await types
        .keyedTable(
          db.schema
            .createTable('ipRollups')
            .addColumn('bucket', TIME, (c) => c.notNull())
            .addColumn('ip', 'text', (c) => c.notNull())
            .addColumn('requests', 'bigint', (c) => c.notNull())
            .addColumn('blocked', 'bigint', (c) => c.notNull())
            // (ip, bucket) first: totals for a set of IPs are index seeks. (bucket, requests) serves the heaviest
            // IPs of an hour and the "at least N requests in this hour" candidate search of traffic.topIps().
            .addPrimaryKeyConstraint('ip_rollups_pk', ['ip', 'bucket']),
        )
        .execute();
      await db.schema
        .createIndex('ip_rollups_bucket_requests_idx')
        .on('ipRollups')
        .columns(['bucket', 'requests'])
        .execute();
      await types
        .keyedTable(
          db.schema
            .createTable('endpointRollups')
            .addColumn('bucket', TIME, (c) => c.notNull())
            .addColumn('method', 'text', (c) => c.notNull())
            .addColumn('path', 'text', (c) => c.notNull())
            .addColumn('requests', 'bigint', (c) => c.notNull())
            .addColumn('blocked', 'bigint', (c) => c.notNull())
            .addPrimaryKeyConstraint('endpoint_rollups_pk', ['bucket', 'method', 'path']),
        )
        .execute();

      await types
        .addId(db.schema.createTable('threats'))
        .addColumn('time', TIME, (c) => c.notNull())
        .addColumn('requestId', 'text')
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('endpoint', 'text')
        .addColumn('location', 'text')
        .addColumn('fieldPath', 'text')
        .addColumn('evidence', 'text')
        .addColumn('score', REAL)
        .addColumn('blocked', 'integer', (c) => c.notNull())
        .addColumn('modelVersion', 'text')
        .execute();
      await db.schema.createIndex('threats_time_idx').on('threats').columns(['time', 'id']).execute();
      await db.schema.createIndex('threats_type_time_idx').on('threats').columns(['type', 'time']).execute();
      await db.schema.createIndex('threats_ip_time_idx').on('threats').columns(['ip', 'time']).execute();

      await types
        .addId(db.schema.createTable('alerts'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('source', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('groupKey', 'text', (c) => c.notNull())
        .addColumn('count', 'bigint', (c) => c.notNull())
        .addColumn('firstSeen', TIME, (c) => c.notNull())
        .addColumn('lastSeen', TIME, (c) => c.notNull())
        .addColumn('createdAt', TIME, (c) => c.notNull())
        .addColumn('updatedAt', TIME, (c) => c.notNull())
        .addColumn('acknowledgedAt', TIME)
        .addColumn('dismissedAt', TIME)
        .execute();
      // At most one open (active or acknowledged) alert per grouping key: the upsert in `alerts.raise()`
      // targets this partial index, so a campaign bumps one alert's count instead of adding a thousand rows.
      await db.schema
        .createIndex('alerts_open_group_key_idx')
        .on('alerts')
        .column('groupKey')
        .unique()
        .where(sql.ref('status'), '<>', 'dismissed')
        .execute();
      await db.schema.createIndex('alerts_last_seen_idx').on('alerts').columns(['lastSeen', 'id']).execute();
      await db.schema
        .createIndex('alerts_status_last_seen_idx')
        .on('alerts')
        .columns(['status', 'lastSeen'])
        .execute();

      await types
        .addId(db.schema.createTable('activities'))
        .addColumn('time', TIME, (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('details', types.json)
        .addColumn('ip', 'text')
        .addColumn('endpoint', 'text')
        .execute();
      await db.schema.createIndex('activities_time_idx').on('activities').columns(['time', 'id']).execute();

      await types
        .addId(db.schema.createTable('metrics'))
        .addColumn('time', TIME, (c) => c.notNull())
        .addColumn('intervalMs', 'bigint', (c) => c.notNull())
        .addColumn('requests', 'bigint', (c) => c.notNull())
        .addColumn('blocked', 'bigint', (c) => c.notNull())
        .addColumn('attackRate', REAL, (c) => c.notNull())
        .addColumn('responseTimeMs', REAL)
        .addColumn('threatsPerMinute', REAL, (c) => c.notNull())
        .addColumn('uptimeS', REAL)
        .addColumn('activeConnections', 'bigint')
        .addColumn('cpuPercent', REAL)
        .addColumn('memoryBytes', 'bigint')
        .execute();
      await db.schema.createIndex('metrics_time_idx').on('metrics').columns(['time', 'id']).execute();

      await db.schema
        .createTable('securityChecks')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('message', 'text')
        .addColumn('details', types.json)
        .addColumn('lastChecked', TIME, (c) => c.notNull())
        .execute();

      await types
        .addId(db.schema.createTable('apiKeys'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull().unique())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('scopes', types.json, (c) => c.notNull())
        .addColumn('createdAt', TIME, (c) => c.notNull())
        .addColumn('lastUsedAt', TIME)
        .addColumn('expiresAt', TIME)
        .addColumn('revokedAt', TIME)
        .execute();

      await db.schema
        .createTable('ingestOffsets')
        .addColumn('path', 'text', (c) => c.primaryKey())
        // Text: inode numbers can exceed 2^53 on some file systems.
        .addColumn('inode', 'text')
        .addColumn('offset', 'bigint', (c) => c.notNull())
        .addColumn('updatedAt', TIME, (c) => c.notNull())
        .execute();

      await types
        .addId(db.schema.createTable('ipLists'))
        .addColumn('list', 'text', (c) => c.notNull())
        .addColumn('cidr', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('createdAt', TIME, (c) => c.notNull())
        .addColumn('expiresAt', TIME)
        .addUniqueConstraint('ip_lists_list_cidr_unique', ['list', 'cidr'])
        .execute();

      await types
        .addId(db.schema.createTable('ruleExceptions'))
        .addColumn('pathPattern', 'text', (c) => c.notNull())
        .addColumn('attackClass', 'text')
        .addColumn('fieldPath', 'text')
        .addColumn('note', 'text')
        .addColumn('createdAt', TIME, (c) => c.notNull())
        .addColumn('expiresAt', TIME)
        .execute();
    },

    async down(db: Kysely<unknown>) {
      for (const table of [
        'ruleExceptions',
        'ipLists',
        'ingestOffsets',
        'apiKeys',
        'securityChecks',
        'metrics',
        'activities',
        'alerts',
        'threats',
        'endpointRollups',
        'ipRollups',
        'latencyRollups',
        'trafficRollups',
        'traffic',
      ])
        await db.schema.dropTable(table).execute();
    },
  };
}
