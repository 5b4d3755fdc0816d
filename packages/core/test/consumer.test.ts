// Layer 3: the package as npm consumers get it. Packs @wafer/core, installs the tarball into a
// throwaway project and imports it from ESM, CommonJS and TypeScript.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(packageDir, '../..');
let project: string;

const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_yes: 'true' },
  });

beforeAll(() => {
  if (!existsSync(path.join(packageDir, 'dist/index.js'))) run('pnpm', ['run', 'build'], packageDir);
  project = mkdtempSync(path.join(tmpdir(), 'wafer-consumer-'));
  run('pnpm', ['pack', '--pack-destination', project], packageDir);
  const tarball = readdirSync(project).find((f) => f.endsWith('.tgz'))!;
  // protobufjs (under onnxruntime-web) depends on `@types/node: >=13.7.0`; offline, pnpm would pick the
  // newest version it has metadata for, a tarball the workspace never fetched. Pin the workspace's own.
  const typesNode = JSON.parse(
    readFileSync(path.join(repoRoot, 'node_modules/@types/node/package.json'), 'utf8'),
  ).version;
  writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      dependencies: { '@wafer/core': `file:./${tarball}` },
      pnpm: { overrides: { '@types/node': typesNode } },
    }),
  );
  // pnpm installs from its store (the workspace install already put onnxruntime-node there), so the
  // test needs no network; scripts are ignored like in the workspace (onnxruntime-node's downloads CUDA).
  run('pnpm', ['install', '--offline', '--ignore-scripts', '--config.node-linker=hoisted'], project);
}, 120_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

const REQUEST = `{ method: 'GET', target: '/s?q=%253Cscript%253E', httpVersion: '1.1', headers: [] }`;

describe('@wafer/core as an installed package', () => {
  it('imports from ESM', () => {
    writeFileSync(
      path.join(project, 'esm.mjs'),
      `import { createExtractor } from '@wafer/core';\n` +
        `import { createExtractor as createWebExtractor, createOnnxWebBackend } from '@wafer/core/web';\n` +
        `const { fields } = createExtractor().extract(${REQUEST});\n` +
        `const web = createWebExtractor().extract(${REQUEST}).fields;\n` +
        `console.log(fields.find((f) => f.path === 'query.q').value, web.length === fields.length, typeof createOnnxWebBackend);\n`,
    );
    expect(run('node', ['esm.mjs'], project).trim()).toBe('<script> true function');
  });

  it('requires from CommonJS', () => {
    writeFileSync(
      path.join(project, 'cjs.cjs'),
      `const { extractFields, WaferError } = require('@wafer/core');\nconst { fields } = extractFields(${REQUEST});\nconsole.log(fields.find((f) => f.path === 'query.q').value, typeof WaferError);\n`,
    );
    expect(run('node', ['cjs.cjs'], project).trim()).toBe('<script> function');
  });

  it('typechecks from TypeScript (NodeNext)', () => {
    writeFileSync(
      path.join(project, 'consumer.ts'),
      `import { createExtractor, type Field, type WafRequest } from '@wafer/core';\n` +
        `import type { InferenceBackend, OnnxWebBackendOptions } from '@wafer/core/web';\n` +
        `export type WebBackend = [InferenceBackend, OnnxWebBackendOptions];\n` +
        `const request: WafRequest = ${REQUEST};\n` +
        `const fields: Field[] = createExtractor({ limits: { maxFields: 10 } }).extract(request).fields;\n` +
        `const first: string | undefined = fields[0]?.path;\nexport { first };\n`,
    );
    writeFileSync(
      path.join(project, 'tsconfig.json'),
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
    expect(() => run('node', [tsc, '-p', 'tsconfig.json'], project)).not.toThrow();
  });

  it('ships the wafer CLI as a bin', () => {
    const out = run('node', ['node_modules/@wafer/core/dist/cli.js', '--help'], project);
    expect(out).toContain('fields [file]');
  });
});
