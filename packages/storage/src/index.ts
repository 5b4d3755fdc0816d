export { createStorage } from './storage.js';
export type { MigrationReport, MigrationState, Storage } from './storage.js';
export { STORAGE_ERROR_CODES, WaferStorageError } from './errors.js';
export type { StorageErrorCode } from './errors.js';
export { DEFAULT_OPTIONS, DEFAULT_REDACTED_PARAMS } from './options.js';
export type {
  PostgresOptions,
  RedactionOptions,
  RetentionOptions,
  SqliteOptions,
  StorageOptions,
} from './options.js';
export type { Page } from './repositories/context.js';
export type {
  LatencyBucket,
  LatencyQuery,
  RequestBucket,
  SeriesQuery,
  TopEndpoint,
  TopIp,
  TopQuery,
  TrafficAction,
  TrafficEvent,
  TrafficListQuery,
  TrafficRecord,
  TrafficRepository,
} from './repositories/traffic.js';
export type {
  ThreatBucket,
  ThreatEvent,
  ThreatListQuery,
  ThreatRecord,
  ThreatRepository,
  ThreatSeverity,
  TopThreatClass,
  TopThreatSource,
} from './repositories/threats.js';
export type {
  AlertInput,
  AlertListQuery,
  AlertRecord,
  AlertRepository,
  AlertSeverity,
  AlertStatus,
  AlertType,
} from './repositories/alerts.js';
export type {
  ActivityInput,
  ActivityKind,
  ActivityListQuery,
  ActivityRecord,
  ActivityRepository,
} from './repositories/activities.js';
export type {
  MetricListQuery,
  MetricRecord,
  MetricRepository,
  MetricSnapshot,
} from './repositories/metrics.js';
export type {
  SecurityCheckInput,
  SecurityCheckRecord,
  SecurityCheckRepository,
  SecurityCheckStatus,
} from './repositories/security-checks.js';
export type { ApiKeyInput, ApiKeyRecord, ApiKeyRepository } from './repositories/api-keys.js';
export type { IngestOffset, IngestOffsetRepository } from './repositories/ingest-offsets.js';
export type {
  IngestRecord,
  IngestRepository,
  IngestResult,
  IngestWriteOptions,
  InstanceRecord,
  InstanceReport,
} from './repositories/ingest.js';
export type { IpListEntry, IpListInput, IpListName, IpListRepository } from './repositories/ip-lists.js';
export type {
  RuleExceptionInput,
  RuleExceptionRecord,
  RuleExceptionRepository,
} from './repositories/rule-exceptions.js';
export type { PruneOptions, PruneResult, RetentionRepository } from './repositories/retention.js';
export type { TimeRange } from './util/buckets.js';
export type { Database } from './schema/database.js';
export { RELATIVE_ACCURACY as LATENCY_HISTOGRAM_RELATIVE_ACCURACY } from './util/latency-histogram.js';
