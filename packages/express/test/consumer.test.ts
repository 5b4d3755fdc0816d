// Layer 3: the package as npm consumers get it. Packs @wafer/express (and the @wafer/core it depends on),
// installs both tarballs into a throwaway project with Express, and uses them from ESM, CommonJS and
// TypeScript (against Express 4's and Express 5's types).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const coreDir = path.resolve(packageDir, '../core');
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
  for (const dir of [coreDir, packageDir])
    if (!existsSync(path.join(dir, 'dist/index.js'))) run('pnpm', ['run', 'build'], dir);
  project = mkdtempSync(path.join(tmpdir(), 'wafer-express-consumer-'));
  run('pnpm', ['pack', '--pack-destination', project], coreDir);
  run('pnpm', ['pack', '--pack-destination', project], packageDir);
  const tarballs = readdirSync(project).filter((f) => f.endsWith('.tgz'));
  const core = tarballs.find((f) => f.startsWith('wafer-core-'))!;
  const express = tarballs.find((f) => f.startsWith('wafer-express-'))!;
  // The versions the workspace tests with (express4/express5 are aliases of express).
  const pick = (dir: string) =>
    JSON.parse(readFileSync(path.join(packageDir, 'node_modules', dir, 'package.json'), 'utf8'))
      .version as string;
  const typesNode = JSON.parse(
    readFileSync(path.join(repoRoot, 'node_modules/@types/node/package.json'), 'utf8'),
  ).version;
  writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      dependencies: {
        '@wafer/core': `file:./${core}`,
        '@wafer/express': `file:./${express}`,
        express: pick('express5'),
        express4: `npm:express@${pick('express4')}`,
        '@types/express': pick('@types/express5'),
        '@types/express4': `npm:@types/express@${pick('@types/express4')}`,
      },
      // Offline, pnpm would otherwise look for versions the workspace never fetched.
      pnpm: { overrides: { '@types/node': typesNode, '@wafer/core': `file:./${core}` } },
    }),
  );
  run('pnpm', ['install', '--offline', '--ignore-scripts', '--config.node-linker=hoisted'], project);
}, 180_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

const APP = (imports: string) => `${imports}
const app = express();
const firewall = waf({ mode: 'block' });
app.use(firewall);
app.use(express.json());
app.use((req, res) => res.json({ action: req.waf.action }));
await firewall.ready;
const server = app.listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = 'http://127.0.0.1:' + server.address().port;
const ok = await fetch(base + '/search?q=shoes');
const bad = await fetch(base + '/search?id=' + encodeURIComponent("1' union select username,password from users--"));
console.log(ok.status, (await ok.json()).action, bad.status, (await bad.json()).attackClass);
server.close();
await firewall.close();
`;

describe('@wafer/express as an installed package', () => {
  it('protects an Express 5 app from ESM', () => {
    writeFileSync(
      path.join(project, 'esm.mjs'),
      APP(`import express from 'express';\nimport { waf } from '@wafer/express';`),
    );
    expect(run('node', ['esm.mjs'], project).trim()).toBe('200 allow 403 sqli');
  });

  it('protects an Express 4 app from CommonJS', () => {
    writeFileSync(
      path.join(project, 'cjs.cjs'),
      `(async () => {\n${APP(`const express = require('express4');\nconst { waf, memoryStore, redisStore, dashboardReporter, WaferError } = require('@wafer/express');\nif ([memoryStore, redisStore, dashboardReporter, WaferError].some((f) => typeof f !== 'function')) throw new Error('exports');`)}\n})();\n`,
    );
    expect(run('node', ['cjs.cjs'], project).trim()).toBe('200 allow 403 sqli');
  });

  it('typechecks app.use(waf()) and req.waf against Express 4 and 5 types (NodeNext)', () => {
    const source = (module: string) =>
      `import express from '${module}';\n` +
      `import { waf, dashboardReporter, redisStore, type WafVerdict, type WafEvent } from '@wafer/express';\n` +
      `const app = express();\n` +
      `const firewall = waf({ mode: 'block', routes: [{ path: '/healthz', skip: true }], reporters: [dashboardReporter({ url: 'https://d.example', apiKey: 'k' })], onDecision: (e: WafEvent) => void e.action });\n` +
      `app.use(firewall);\n` +
      `app.get('/', (req, res) => { const v: WafVerdict | undefined = req.waf; res.json({ action: v?.action }); });\n` +
      `export const stats = firewall.stats().reporters;\n` +
      `export type Store = ReturnType<typeof redisStore>;\n`;
    writeFileSync(path.join(project, 'express5.ts'), source('express'));
    writeFileSync(path.join(project, 'express4.ts'), source('express4'));
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          esModuleInterop: true,
          skipLibCheck: false,
          types: ['node'],
        },
        files: ['express5.ts', 'express4.ts'],
      }),
    );
    const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
    expect(() => run('node', [tsc, '-p', 'tsconfig.json'], project)).not.toThrow();
  });
});
