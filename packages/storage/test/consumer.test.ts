// Layer 3: the built package as a consumer loads it. A script inside the package folder imports
// `@wafer/storage` by name (Node's package self-reference), so resolution goes through the `exports` map exactly
// as in an installed copy: ESM from dist/index.js, CommonJS from dist/index.cjs, and the types from TypeScript.
// (Packing and installing the tarball elsewhere would rebuild better-sqlite3 from source, minutes for no gain.)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(packageDir, '../..');
const work = path.join(packageDir, '.work', `consumer-${process.pid}`);

const run = (cmd: string, args: string[], cwd = work) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  if (
    !existsSync(path.join(packageDir, 'dist/index.js')) ||
    !existsSync(path.join(packageDir, 'dist/index.cjs'))
  )
    run('pnpm', ['run', 'build'], packageDir);
  mkdirSync(work, { recursive: true });
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  try {
    rmdirSync(path.dirname(work)); // `.work` too, unless another run is still using it
  } catch {
    // not empty: left to that run
  }
});

const SCRIPT = (load: string) => `${load}
(async () => {
  const storage = await createStorage({ sqlite: { path: ${JSON.stringify(path.join(work, 'x', 'wafer.db'))} } });
  await storage.traffic.insertMany([{ time: 1000, requestId: 'r', ip: '127.0.0.1', method: 'GET', path: '/', query: 'token=t', action: 'allow' }]);
  const { items } = await storage.traffic.list({ from: 0, to: 2000 });
  let code;
  try { await createStorage({ sqlite: { pth: 'x' } }); } catch (e) { code = e instanceof WaferStorageError && e.code; }
  console.log(items[0].query, code);
  await storage.close();
})();
`;

describe('@wafer/storage as built', () => {
  it('imports from ESM', () => {
    writeFileSync(
      path.join(work, 'esm.mjs'),
      SCRIPT(`import { createStorage, WaferStorageError } from '@wafer/storage';`),
    );
    expect(run('node', ['esm.mjs']).trim()).toBe('token=[redacted] WAFER_ERR_STORAGE_INVALID_OPTION');
  });

  it('requires from CommonJS', () => {
    writeFileSync(
      path.join(work, 'cjs.cjs'),
      SCRIPT(`const { createStorage, WaferStorageError } = require('@wafer/storage');`),
    );
    expect(run('node', ['cjs.cjs']).trim()).toBe('token=[redacted] WAFER_ERR_STORAGE_INVALID_OPTION');
  });

  it('typechecks from TypeScript (NodeNext)', () => {
    writeFileSync(
      path.join(work, 'consumer.ts'),
      `import { createStorage, type Storage, type TrafficEvent, type RequestBucket } from '@wafer/storage';\n` +
        `const event: TrafficEvent = { time: Date.now(), requestId: 'r', ip: '::1', method: 'GET', path: '/', action: 'block' };\n` +
        `export async function chart(): Promise<RequestBucket[]> {\n` +
        `  const storage: Storage = await createStorage({ postgres: { connectionString: 'postgres://localhost/w' } });\n` +
        `  await storage.traffic.insertMany([event]);\n` +
        `  return storage.traffic.requestsPerBucket({ from: 0, to: 1, bucketMs: 60_000 });\n}\n`,
    );
    writeFileSync(
      path.join(work, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          types: [],
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
    expect(() => run('node', [tsc, '-p', 'tsconfig.json'])).not.toThrow();
  });
});
