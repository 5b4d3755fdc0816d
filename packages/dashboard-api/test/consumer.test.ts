// Layer 3: the built package as a consumer loads it. Scripts inside the package folder import
// `@wafer/dashboard-api` by name (Node's package self-reference), so resolution goes through the `exports` map
// exactly as in an installed copy: ESM from dist/index.js, CommonJS from dist/index.cjs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(packageDir, '.work', `consumer-${process.pid}`);
const run = (file: string) =>
  execFileSync('node', [file], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => mkdirSync(work, { recursive: true }));
afterAll(() => rmSync(path.join(packageDir, '.work'), { recursive: true, force: true }));

const SCRIPT = (load: string) => `${load}
(async () => {
  const api = await createDashboardApi({ storage: { sqlite: { path: ':memory:' } }, waf: false, onError: () => {} });
  const { url } = await api.listen({ port: 0 });
  const health = await (await fetch(url + '/health')).json();
  let code;
  try { await createDashboardApi({ prot: 1 }); } catch (e) { code = e instanceof WaferDashboardError && e.code; }
  console.log(health.data.status, code);
  await api.close();
})();
`;

describe('@wafer/dashboard-api as built', () => {
  it('imports from ESM', () => {
    writeFileSync(
      path.join(work, 'esm.mjs'),
      SCRIPT(`import { createDashboardApi, WaferDashboardError } from '@wafer/dashboard-api';`),
    );
    expect(run('esm.mjs').trim()).toBe('ok WAFER_ERR_DASHBOARD_INVALID_OPTION');
  });

  it('requires from CommonJS', () => {
    writeFileSync(
      path.join(work, 'cjs.cjs'),
      SCRIPT(`const { createDashboardApi, WaferDashboardError } = require('@wafer/dashboard-api');`),
    );
    expect(run('cjs.cjs').trim()).toBe('ok WAFER_ERR_DASHBOARD_INVALID_OPTION');
  });
});
