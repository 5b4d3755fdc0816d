import { Type } from '@sinclair/typebox';
import { fromEvalRecord, parseEvalRecord, type Decision } from '@wafer/core';
import { HttpError } from '../http/envelope.js';
import { route, type RouteSpec } from '../http/route.js';
import type { RouteDeps } from './deps.js';

/** The evaluation record format of `@wafer/core` (docs/cli.md): one request. */
export const EvalRecordSchema = Type.Object(
  {
    id: Type.Optional(Type.Union([Type.String(), Type.Number()])),
    method: Type.String({ minLength: 1, maxLength: 32 }),
    url: Type.String({ minLength: 1, description: 'Path and query as sent, not decoded.' }),
    headers: Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())])),
    body: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

const DecisionSchema = Type.Unknown({ description: "@wafer/core's Decision (docs/decisions.md)." });

export function checkRoutes(deps: RouteDeps): RouteSpec[] {
  async function decide(record: unknown, index: number): Promise<Decision> {
    if (!deps.waf) throw new HttpError(503, 'This server runs without a detection engine (`waf: false`).');
    const parsed = parseEvalRecord(JSON.stringify(record), index + 1);
    if (!parsed.ok) throw new HttpError(400, `Record ${index}: ${parsed.error.message}`);
    return deps.waf.inspect(fromEvalRecord(parsed.record));
  }
  return [
    route({
      method: 'post',
      path: '/api/check',
      tag: 'scoring',
      summary: 'Scores one request (evaluation record format) with the loaded model; nothing is stored.',
      scope: 'read',
      body: EvalRecordSchema,
      response: DecisionSchema,
      errors: [413, 415, 503],
      handler: ({ body }) => decide(body, 0),
    }),
    route({
      method: 'post',
      path: '/api/check/batch',
      tag: 'scoring',
      summary: `Scores up to ${deps.options.limits.checkBatch} requests; the decisions come back in order.`,
      scope: 'read',
      body: Type.Object({
        records: Type.Array(EvalRecordSchema, { minItems: 1, maxItems: deps.options.limits.checkBatch }),
      }),
      response: Type.Object({ decisions: Type.Array(DecisionSchema) }),
      errors: [413, 415, 503],
      handler: async ({ body }) => ({
        decisions: await Promise.all(body.records.map((r, i) => decide(r, i))),
      }),
    }),
  ];
}
