import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../http/schemas.js';

const NullableNumber = Nullable(Type.Number());

/** One attack finding as `@wafer/express` reports it. */
export const WireThreat = Type.Object({
  type: Type.String({ minLength: 1, maxLength: 64 }),
  severity: Type.Union([
    Type.Literal('critical'),
    Type.Literal('high'),
    Type.Literal('medium'),
    Type.Literal('low'),
  ]),
  location: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
  fieldPath: Type.Optional(Nullable(Type.String({ maxLength: 512 }))),
  evidence: Type.Optional(Nullable(Type.String({ maxLength: 4096 }))),
  score: Type.Optional(NullableNumber),
});

/**
 * One decision — `@wafer/express`'s `WafEvent` (packages/express/README.md, "Dashboard reporter: wire format").
 * Fields this server does not use are allowed, so a newer reporter can add some without breaking ingestion.
 */
export const WireEvent = Type.Object({
  /** Idempotency: with the instance id, a key stored once. Falls back to `requestId`. */
  id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  time: Type.Integer({ minimum: 0, description: 'Epoch ms.' }),
  requestId: Type.String({ minLength: 1, maxLength: 200 }),
  ip: Type.String({ minLength: 1, maxLength: 64 }),
  method: Type.String({ minLength: 1, maxLength: 16 }),
  path: Type.String({ minLength: 1, maxLength: 8192 }),
  query: Type.Optional(Nullable(Type.String({ maxLength: 16384 }))),
  status: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 999 }))),
  latencyMs: Type.Optional(NullableNumber),
  responseSize: Type.Optional(NullableNumber),
  userAgent: Type.Optional(Nullable(Type.String({ maxLength: 4096 }))),
  action: Type.Union([Type.Literal('allow'), Type.Literal('monitor'), Type.Literal('block')]),
  reason: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
  mode: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
  dryRun: Type.Optional(Type.Boolean()),
  score: Type.Optional(NullableNumber),
  attackClasses: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 32 })),
  failure: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  model: Type.Optional(Nullable(Type.String({ maxLength: 128 }))),
  threats: Type.Optional(Type.Array(WireThreat, { maxItems: 64 })),
});

export const WireBatch = Type.Object({
  version: Type.Literal(1, { description: 'Wire format version.' }),
  batchId: Type.Optional(Type.String({ maxLength: 200 })),
  sentAt: Type.Optional(Type.Integer()),
  instance: Type.Object({
    id: Type.String({ minLength: 1, maxLength: 200 }),
    app: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    sdk: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  }),
  events: Type.Array(WireEvent, { minItems: 1 }),
});

export type WireBatch = Static<typeof WireBatch>;
export type WireEvent = Static<typeof WireEvent>;

export const IngestReply = Type.Object({
  accepted: Type.Integer({ description: 'Events stored by this call.' }),
  duplicates: Type.Integer({ description: 'Events already stored by an earlier call (retries).' }),
});
