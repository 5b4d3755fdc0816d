import type { ColumnType, Generated } from 'kysely';

// The Kysely view of the schema. TypeScript names are camelCase; the CamelCasePlugin maps them to the
// snake_case tables and columns the migrations create (`latencyMs` ↔ `latency_ms`), so the database reads
// naturally in psql and sqlite3 too. Times are epoch milliseconds (INTEGER / bigint) on both dialects:
// range filters and bucket arithmetic are then the same integer SQL everywhere.

/** JSON column: text in SQLite, jsonb in PostgreSQL. Written as JSON text, read through `dialect.readJson`. */
export type JsonColumn = ColumnType<unknown, string, string>;
/** JSON column that may be null. */
export type NullableJsonColumn = ColumnType<unknown, string | null, string | null>;
/** Auto-assigned id (INTEGER PRIMARY KEY in SQLite, identity bigint in PostgreSQL). */
export type Id = Generated<number>;

export interface TrafficTable {
  id: Id;
  time: number;
  requestId: string;
  appId: string | null;
  instanceId: string | null;
  ip: string;
  method: string;
  path: string;
  query: string | null;
  status: number | null;
  responseSize: number | null;
  latencyMs: number | null;
  userAgent: string | null;
  action: string;
  score: number | null;
  attackClasses: NullableJsonColumn;
}

/** Per-interval counters behind the request charts, kept in the same transaction as the raw rows. */
export interface TrafficRollupTable {
  bucket: number;
  requests: number;
  blocked: number;
  monitored: number;
  allowed: number;
  latencyCount: number;
  latencySumMs: number;
}

/** Per-interval latency histogram (log-scale bins, see util/latency-histogram.ts). */
export interface LatencyRollupTable {
  bucket: number;
  bin: number;
  count: number;
}

export interface IpRollupTable {
  bucket: number;
  ip: string;
  requests: number;
  blocked: number;
}

export interface EndpointRollupTable {
  bucket: number;
  method: string;
  path: string;
  requests: number;
  blocked: number;
}

export interface ThreatTable {
  id: Id;
  time: number;
  requestId: string | null;
  type: string;
  severity: string;
  ip: string;
  endpoint: string | null;
  location: string | null;
  fieldPath: string | null;
  evidence: string | null;
  score: number | null;
  /** 0 or 1: booleans are integers on both dialects so rows compare the same. */
  blocked: number;
  modelVersion: string | null;
}

export interface AlertTable {
  id: Id;
  type: string;
  severity: string;
  title: string;
  description: string | null;
  source: string | null;
  status: string;
  groupKey: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  createdAt: number;
  updatedAt: number;
  acknowledgedAt: number | null;
  dismissedAt: number | null;
}

export interface ActivityTable {
  id: Id;
  time: number;
  kind: string;
  title: string;
  details: NullableJsonColumn;
  ip: string | null;
  endpoint: string | null;
}

export interface MetricTable {
  id: Id;
  time: number;
  intervalMs: number;
  requests: number;
  blocked: number;
  attackRate: number;
  responseTimeMs: number | null;
  threatsPerMinute: number;
  uptimeS: number | null;
  activeConnections: number | null;
  cpuPercent: number | null;
  memoryBytes: number | null;
}

export interface SecurityCheckTable {
  name: string;
  status: string;
  message: string | null;
  details: NullableJsonColumn;
  lastChecked: number;
}

export interface ApiKeyTable {
  id: Id;
  name: string;
  prefix: string;
  hash: string;
  scopes: JsonColumn;
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
  revokedAt: number | null;
}

export interface IngestOffsetTable {
  path: string;
  inode: string | null;
  offset: number;
  updatedAt: number;
}

/** Idempotency keys of ingested records (`ingest.write()`), pruned with the traffic retention. */
export interface IngestKeyTable {
  key: string;
  /** When the key was first written (epoch ms), not the event's own time. */
  time: number;
}

/** Reporting `waf()` instances, merged from the reports of each ingest batch. */
export interface InstanceTable {
  id: string;
  app: string | null;
  sdk: string | null;
  mode: string | null;
  modelVersion: string | null;
  firstSeen: number;
  lastSeen: number;
  events: number;
  failures: number;
}

export interface IpListTable {
  id: Id;
  list: string;
  cidr: string;
  note: string | null;
  createdAt: number;
  expiresAt: number | null;
}

export interface RuleExceptionTable {
  id: Id;
  pathPattern: string;
  attackClass: string | null;
  fieldPath: string | null;
  note: string | null;
  createdAt: number;
  expiresAt: number | null;
}

/** Every table of the Wafer schema, for `storage.kysely` queries the repositories do not cover. */
export interface Database {
  traffic: TrafficTable;
  trafficRollups: TrafficRollupTable;
  latencyRollups: LatencyRollupTable;
  ipRollups: IpRollupTable;
  endpointRollups: EndpointRollupTable;
  threats: ThreatTable;
  alerts: AlertTable;
  activities: ActivityTable;
  metrics: MetricTable;
  securityChecks: SecurityCheckTable;
  apiKeys: ApiKeyTable;
  ingestOffsets: IngestOffsetTable;
  ingestKeys: IngestKeyTable;
  instances: InstanceTable;
  ipLists: IpListTable;
  ruleExceptions: RuleExceptionTable;
}

/** Rollup interval of the series tables (requests and latency per bucket). Chart buckets that are multiples of it are served from rollups. */
export const SERIES_ROLLUP_MS = 300_000;
/** Rollup interval of the top-N tables (IPs, endpoints). */
export const TOP_ROLLUP_MS = 3_600_000;
