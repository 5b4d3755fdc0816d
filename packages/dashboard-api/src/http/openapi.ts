import type { TSchema } from '@sinclair/typebox';
import type { RouteSpec } from './route.js';

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input',
  401: 'Missing or unknown API key',
  403: 'The key lacks the scope',
  404: 'Not found',
  413: 'Body too large',
  415: 'Body is not JSON',
  429: 'Too many requests (see Retry-After)',
  500: 'Server error',
  503: 'Not ready or shutting down (see Retry-After)',
};

/** Strips TypeBox's symbol keys and `$id`s: what remains is plain JSON Schema, which OpenAPI 3.1 embeds. */
function plain(schema: TSchema): unknown {
  return JSON.parse(JSON.stringify(schema));
}

function envelopeOf(data: unknown, success: boolean) {
  return {
    type: 'object',
    required: ['success', 'data', 'timestamp'],
    properties: {
      success: { const: success },
      data,
      message: { type: 'string' },
      timestamp: { type: 'string', format: 'date-time' },
    },
  };
}

/**
 * The OpenAPI 3.1 document of the registered routes, built from the schemas that validate them.
 *
 * @example
 * ```ts
 * const doc = openApiDocument(routes, '0.0.0'); // what GET /api/openapi.json serves
 * ```
 */
export function openApiDocument(routes: readonly RouteSpec[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes) {
    const path = spec.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', spec.params],
      ['query', spec.query],
    ] as const) {
      if (!schema) continue;
      const properties = (schema as unknown as { properties: Record<string, TSchema> }).properties;
      const required: string[] = (schema as unknown as { required?: string[] }).required ?? [];
      for (const [name, property] of Object.entries(properties))
        parameters.push({
          name,
          in: where,
          required: where === 'path' || required.includes(name),
          description: property.description,
          schema: plain(property),
        });
    }
    const errors = [400, ...(spec.scope === 'public' ? [] : [401, 403, 429]), ...(spec.errors ?? []), 500];
    const responses: Record<string, unknown> = {
      [String(spec.status ?? 200)]: {
        description: 'Success',
        content: { 'application/json': { schema: envelopeOf(plain(spec.response), true) } },
      },
    };
    for (const status of [...new Set(errors)].sort())
      responses[String(status)] = {
        description: ERROR_TEXT[status] ?? 'Error',
        content: { 'application/json': { schema: envelopeOf({ type: 'null' }, false) } },
      };
    (paths[path] ??= {})[spec.method] = {
      tags: [spec.tag],
      summary: spec.summary,
      operationId: `${spec.method}${spec.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
      ...(spec.scope === 'public' ? { security: [] } : { 'x-wafer-scope': spec.scope }),
      parameters,
      ...(spec.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: plain(spec.body) } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Wafer dashboard API',
      version,
      description:
        'Every response is the envelope { success, data, message?, timestamp }. Authenticate with `Authorization: Bearer <key>` (scopes: ingest, read, admin).',
    },
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A key from `wafer-dashboard keys create`.' },
      },
    },
    security: [{ apiKey: [] }],
    paths,
  };
}
