import { Type } from '@sinclair/typebox';
import type { SecurityCheckRecord } from '@wafer/storage';
import { HttpError } from '../http/envelope.js';
import { route, type RouteSpec } from '../http/route.js';
import { SecurityCheck } from '../http/schemas.js';
import type { SecurityCheckDefinition } from '../security/security-checks.js';
import type { RouteDeps } from './deps.js';

/** A stored check result in the API's shape. */
export function checkItem(definition: SecurityCheckDefinition, record: SecurityCheckRecord) {
  return {
    id: definition.id,
    name: definition.name,
    status: record.status,
    message: record.message ?? '',
    lastChecked: new Date(record.lastChecked).toISOString(),
    ...(record.details !== null && record.details !== undefined ? { details: record.details } : {}),
  };
}

export function securityRoutes(deps: RouteDeps): RouteSpec[] {
  const current = async () => {
    const stored = new Map((await deps.storage.securityChecks.list()).map((r) => [r.name, r]));
    const items = [];
    for (const check of deps.checks) {
      const record = stored.get(check.id);
      // Never run yet (first start): run it now rather than answer with a made-up status.
      items.push(record ? checkItem(check, record) : await deps.runCheck(check));
    }
    return items as Array<ReturnType<typeof checkItem>>;
  };
  return [
    route({
      method: 'get',
      path: '/api/security/checks',
      tag: 'security',
      summary:
        'Checks of this deployment (model verified, storage writable, retention, keys, instances, failures, exposure, logs) as last run.',
      scope: 'read',
      response: Type.Array(SecurityCheck),
      handler: current,
    }),
    route({
      method: 'post',
      path: '/api/security/checks/:id/run',
      tag: 'security',
      summary: 'Runs one check now and returns its result.',
      scope: 'admin',
      params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
      response: SecurityCheck,
      errors: [404],
      handler: async ({ params }) => {
        const check = deps.checks.find((c) => c.id === params.id);
        if (!check)
          throw new HttpError(
            404,
            `No check \`${params.id}\`; checks: ${deps.checks.map((c) => c.id).join(', ')}.`,
          );
        return deps.runCheck(check);
      },
    }),
    route({
      method: 'get',
      path: '/api/security/compliance-score',
      tag: 'security',
      summary: 'Checks passing out of all checks (a warning counts half), and the percentage.',
      scope: 'read',
      response: Type.Object({
        score: Type.Number({ description: 'Passing checks; a warning counts 0.5.' }),
        total: Type.Integer(),
        percent: Type.Integer(),
        passed: Type.Integer(),
        warnings: Type.Integer(),
        failed: Type.Integer(),
      }),
      handler: async () => {
        const items = await current();
        const passed = items.filter((i) => i.status === 'pass').length;
        const warnings = items.filter((i) => i.status === 'warning').length;
        const score = passed + warnings / 2;
        return {
          score,
          total: items.length,
          percent: items.length > 0 ? Math.round((score / items.length) * 100) : 0,
          passed,
          warnings,
          failed: items.length - passed - warnings,
        };
      },
    }),
  ];
}
