import { FormatRegistry, Type, type TSchema } from '@sinclair/typebox';
import { RANGE_NAMES } from '../format/range.js';

// The data shapes of the REST API and the WebSocket feed (the same objects travel both ways).

// TypeBox checks formats only once they are registered; `date-time` is the one these schemas use.
if (!FormatRegistry.Has('date-time'))
  FormatRegistry.Set(
    'date-time',
    (value) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
      !Number.isNaN(Date.parse(value)),
  );

export const MAX_LIST_LIMIT = 500;

export const RangeQuery = Type.Object({
  range: Type.Union(
    RANGE_NAMES.map((r) => Type.Literal(r)),
    { default: '24h', description: 'Time range: 1h, 6h, 24h, 7d or 30d. Default 24h.' },
  ),
});

export const LimitQuery = Type.Object({
  limit: Type.Integer({
    minimum: 1,
    maximum: MAX_LIST_LIMIT,
    default: 50,
    description: `1–${MAX_LIST_LIMIT}; default 50.`,
  }),
});

export const RangeLimitQuery = Type.Composite([RangeQuery, LimitQuery]);

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Time = Type.String({ description: 'Human time, e.g. "2 min ago".' });
const Timestamp = Type.String({ format: 'date-time' });

export const RealtimeMetrics = Type.Object({
  requests: Type.Integer({ description: 'Requests in the last minute.' }),
  blocked: Type.Integer({ description: 'Blocked requests in the last minute.' }),
  attackRate: Type.Number({ description: 'Percent of the last minute’s requests that were attacks.' }),
  responseTime: Nullable(Type.Number({ description: 'Median latency added, ms (last minute).' })),
  threatsPerMinute: Type.Number(),
  uptime: Type.Number({ description: 'Seconds since this server started.' }),
  activeConnections: Type.Integer({ description: 'Open HTTP connections and WebSocket clients.' }),
  timestamp: Timestamp,
});

export const HistoricalMetrics = Type.Object({
  requests: Type.Integer(),
  blocked: Type.Integer(),
  attackRate: Type.Number(),
  responseTime: Nullable(Type.Number()),
  threatsPerMinute: Type.Number(),
  uptime: Nullable(Type.Number()),
  activeConnections: Nullable(Type.Integer()),
  cpu: Nullable(Type.Number({ description: 'Process CPU, percent of one core.' })),
  memory: Nullable(Type.Number({ description: 'Resident memory, bytes.' })),
  timestamp: Timestamp,
});

export const Alert = Type.Object({
  id: Type.Integer(),
  type: Type.Union([Type.Literal('critical'), Type.Literal('warning'), Type.Literal('info')]),
  severity: Type.Union([Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')]),
  title: Type.String(),
  description: Type.String(),
  time: Time,
  icon: Type.String(),
  source: Type.String(),
  actions: Type.Array(Type.String()),
  status: Type.Union([Type.Literal('active'), Type.Literal('acknowledged'), Type.Literal('dismissed')]),
  count: Type.Integer({ description: 'Occurrences grouped into this alert.' }),
  firstSeen: Timestamp,
  timestamp: Timestamp,
});

export const Activity = Type.Object({
  id: Type.String(),
  type: Type.Union([Type.Literal('blocked'), Type.Literal('allowed')]),
  title: Type.String(),
  details: Type.String(),
  time: Time,
  ip: Type.Optional(Type.String()),
  endpoint: Type.Optional(Type.String()),
  timestamp: Timestamp,
});

export const Traffic = Type.Object({
  ip: Type.String(),
  method: Type.String(),
  endpoint: Type.String(),
  status: Nullable(Type.Integer()),
  size: Type.String({ description: 'Response size, e.g. "1.2 KB"; "-" when unknown.' }),
  time: Time,
  timestamp: Timestamp,
  userAgent: Type.Optional(Type.String()),
  action: Type.Union([Type.Literal('allow'), Type.Literal('monitor'), Type.Literal('block')]),
  score: Nullable(Type.Number()),
  attackClasses: Type.Array(Type.String()),
  requestId: Type.String(),
});

export const Threat = Type.Object({
  id: Type.String(),
  type: Type.String({ description: 'Attack class (sqli, xss, …) or ddos for rate-limited clients.' }),
  severity: Type.Union([
    Type.Literal('critical'),
    Type.Literal('high'),
    Type.Literal('medium'),
    Type.Literal('low'),
  ]),
  source: Type.String({ description: 'Client IP.' }),
  endpoint: Type.String(),
  blocked: Type.Boolean(),
  time: Time,
  timestamp: Timestamp,
  details: Type.Optional(
    Type.Object({
      location: Nullable(Type.String()),
      fieldPath: Nullable(Type.String()),
      evidence: Nullable(Type.String()),
      score: Nullable(Type.Number()),
      modelVersion: Nullable(Type.String()),
      requestId: Nullable(Type.String()),
    }),
  ),
});

export const SecurityCheck = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('warning')]),
  message: Type.String(),
  lastChecked: Timestamp,
  details: Type.Optional(Type.Unknown()),
});

export const ChartPoint = Type.Object({ time: Timestamp, value: Nullable(Type.Number()) });

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export { Nullable };
