// Builders of ingest batches in @wafer/express's wire format (packages/express/README.md), for tests and benches.
import { randomUUID } from 'node:crypto';

export interface WireEventInput {
  time?: number;
  ip?: string;
  method?: string;
  path?: string;
  action?: 'allow' | 'monitor' | 'block';
  attack?: string;
  reason?: string | null;
  failure?: string | null;
  latencyMs?: number;
  status?: number;
  userAgent?: string;
}

export function wireEvent(input: WireEventInput = {}) {
  const attack = input.attack;
  const action = input.action ?? (attack ? 'block' : 'allow');
  return {
    time: input.time ?? Date.now(),
    requestId: randomUUID(),
    ip: input.ip ?? '203.0.113.7',
    method: input.method ?? 'GET',
    path: input.path ?? '/products',
    query: attack ? "q=1'%20OR%201=1--" : 'page=2',
    status: input.status ?? (action === 'block' ? 403 : 200),
    latencyMs: input.latencyMs ?? 1.5,
    responseSize: 512,
    userAgent: input.userAgent ?? 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
    action,
    reason: input.reason !== undefined ? input.reason : attack ? 'attack' : null,
    mode: 'block',
    dryRun: false,
    route: null,
    score: attack ? 0.999 : 0.001,
    attackScore: attack ? 2 : 99,
    attackClasses: attack ? [attack] : [],
    failure: input.failure ?? null,
    storeError: false,
    decidedBy: 'model',
    inspectUs: 420,
    model: 'wafer-model@2.0.0',
    body: { source: 'none', bytes: 0, truncated: false },
    threats: attack
      ? [
          {
            type: attack,
            severity: attack === 'xss' ? 'high' : 'critical',
            location: 'query',
            fieldPath: 'query.q',
            evidence: "1' OR 1=1--",
            score: 0.999,
          },
        ]
      : [],
    findings: [],
    headers: attack ? { host: 'shop.test', authorization: '[redacted]' } : null,
  };
}

export function wireBatch(
  events: ReturnType<typeof wireEvent>[],
  instance = { id: 'web-1:4242', app: 'shop', sdk: '@wafer/express' },
) {
  return { version: 1, batchId: randomUUID(), sentAt: Date.now(), instance, events };
}
