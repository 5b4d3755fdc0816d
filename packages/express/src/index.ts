export { waf, type WafMiddleware } from './waf.js';
// The one error class of Wafer (from @wafer/core), for `instanceof` checks on option errors.
export { WaferError, type WaferErrorCode } from '@wafer/core';
export { verdictOf } from './handle-request.js';
export {
  DEFAULT_OPTIONS,
  type BanRule,
  type BlockHandler,
  type ErrorPolicy,
  type RateLimitRule,
  type RouteRule,
  type RoutePattern,
  type RouteThresholds,
  type WafExpressRequest,
  type WafMiddlewareOptions,
  type WafMode,
} from './options/options.js';
export type { BodyInfo, FailureKind, VerdictReason, WafVerdict } from './verdict.js';
export type { WafMiddlewareStats } from './stats.js';
export { sendDefaultBlock } from './respond.js';
export type { ThreatSeverity, WafEvent, WafEventFinding, WafEventThreat } from './report/event.js';
export type { Reporter } from './report/reporter.js';
export type { EventQueueStats } from './report/event-queue.js';
export { REDACTED, SENSITIVE_HEADERS, SENSITIVE_WORDS } from './report/redact.js';
export { severityOf } from '@wafer/core';
export {
  dashboardReporter,
  type DashboardReporter,
  type DashboardReporterStats,
} from './dashboard/dashboard-reporter.js';
export type { DashboardReporterOptions } from './dashboard/dashboard-options.js';
export { INGEST_FORMAT_VERSION, INGEST_PATH, type IngestBatch } from './dashboard/ingest-batch.js';
export { memoryStore, type MemoryStoreOptions } from './store/memory-store.js';
export { redisStore, type RedisClientLike, type RedisStoreOptions } from './store/redis-store.js';
export type { BanPolicy, RateResult, RateRule, StrikeResult, WafStore } from './store/store.js';
