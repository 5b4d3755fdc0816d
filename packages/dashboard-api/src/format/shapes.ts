import type {
  ActivityInput,
  ActivityRecord,
  AlertRecord,
  MetricRecord,
  ThreatEvent,
  ThreatRecord,
  TrafficEvent,
  TrafficRecord,
} from '@wafer/storage';
import { humanSize, timeAgo } from './human.js';

// Storage rows → the API's data shapes. One mapper per shape, used by REST and by the WebSocket feed, so a
// dashboard renders both with the same code.

const iso = (time: number) => new Date(time).toISOString();

export type TrafficItem = ReturnType<typeof trafficItem>;

export function trafficItem(t: TrafficRecord | TrafficEvent, now: number) {
  return {
    ip: t.ip,
    method: t.method,
    endpoint: t.path,
    status: t.status ?? null,
    size: humanSize(t.responseSize),
    time: timeAgo(t.time, now),
    timestamp: iso(t.time),
    ...(t.userAgent ? { userAgent: t.userAgent } : {}),
    action: t.action,
    score: t.score ?? null,
    attackClasses: [...(t.attackClasses ?? [])],
    requestId: t.requestId,
  };
}

/** `id`: the stored row's id, or for a live threat not yet read back, `<requestId>#<n>`. */
export function threatItem(t: ThreatRecord | ThreatEvent, now: number, liveId?: string) {
  return {
    id: 'id' in t ? String(t.id) : (liveId ?? ''),
    type: t.type,
    severity: t.severity,
    source: t.ip,
    endpoint: t.endpoint ?? '',
    blocked: t.blocked,
    time: timeAgo(t.time, now),
    timestamp: iso(t.time),
    details: {
      location: t.location ?? null,
      fieldPath: t.fieldPath ?? null,
      evidence: t.evidence ?? null,
      score: t.score ?? null,
      modelVersion: t.modelVersion ?? null,
      requestId: t.requestId ?? null,
    },
  };
}

function detailsText(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details === 'string') return details;
  if (typeof details === 'object' && 'text' in details && typeof details.text === 'string')
    return details.text;
  return JSON.stringify(details);
}

export function activityItem(a: ActivityRecord | ActivityInput, now: number, liveId?: string) {
  return {
    id: 'id' in a ? String(a.id) : (liveId ?? ''),
    type: a.kind === 'blocked' ? ('blocked' as const) : ('allowed' as const),
    title: a.title,
    details: detailsText(a.details),
    time: timeAgo(a.time, now),
    ...(a.ip ? { ip: a.ip } : {}),
    ...(a.endpoint ? { endpoint: a.endpoint } : {}),
    timestamp: iso(a.time),
  };
}

const ALERT_ICON = { critical: 'shield-alert', warning: 'alert-triangle', info: 'info' } as const;

export function alertItem(a: AlertRecord, now: number) {
  return {
    id: a.id,
    type: a.type,
    severity: a.severity,
    title: a.title,
    description: a.description ?? '',
    time: timeAgo(a.lastSeen, now),
    icon: ALERT_ICON[a.type],
    source: a.source ?? 'wafer',
    actions:
      a.status === 'active' ? ['acknowledge', 'dismiss'] : a.status === 'acknowledged' ? ['dismiss'] : [],
    status: a.status,
    count: a.count,
    firstSeen: iso(a.firstSeen),
    timestamp: iso(a.lastSeen),
  };
}

export function metricItem(m: MetricRecord) {
  return {
    requests: m.requests,
    blocked: m.blocked,
    attackRate: m.attackRate,
    responseTime: m.responseTimeMs,
    threatsPerMinute: m.threatsPerMinute,
    uptime: m.uptimeS,
    activeConnections: m.activeConnections,
    cpu: m.cpuPercent,
    memory: m.memoryBytes,
    timestamp: iso(m.time),
  };
}
