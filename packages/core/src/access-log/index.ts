export { accessLogFailure } from './access-log-entry.js';
export type {
  AccessLogEntry,
  AccessLogError,
  AccessLogErrorReason,
  AccessLogLineParser,
  AccessLogResult,
} from './access-log-entry.js';
export { parseClfTime } from './clf-time.js';
export { parseAccessLogLine, parseCombinedLogLine, parseCommonLogLine } from './combined-log.js';
export { createJsonLogParser, DEFAULT_JSON_LOG_FIELDS } from './json-log.js';
export type { JsonLogFields, JsonLogParserOptions } from './json-log.js';
export { parseJsonLogTime } from './json-log-time.js';
export { parseLogRequestLine } from './log-request-line.js';
export type { LogRequestLine } from './log-request-line.js';
export { parseAnyAccessLogLine, streamAccessLog } from './read-access-log.js';
export { accessLogEntryToRequest } from './to-waf-request.js';
