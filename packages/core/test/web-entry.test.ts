// `@wafer/core/web` as built: browsers and edge runtimes cannot load Node's built-in modules or a native
// addon, so one such import anywhere in the graph of src/web.ts breaks every consumer of the entry. tsup
// inlines core's own modules into dist/web.*, so the imports left in the built files are the whole story.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const IMPORTS = [
  /\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*["']([^"']+)["']/g,
  /\bimport\(\s*["']([^"']+)["']\s*\)/g,
  /\brequire\(\s*["']([^"']+)["']\s*\)/g,
];

/** Every module specifier a built file still imports or requires. */
function importedSpecifiers(code: string): string[] {
  const found = new Set<string>();
  for (const pattern of IMPORTS) for (const match of code.matchAll(pattern)) found.add(match[1]!);
  return [...found].sort();
}

const isNodeBuiltin = (specifier: string) =>
  specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!);

beforeAll(() => {
  if (!existsSync(path.join(packageDir, 'dist/web.js')))
    execFileSync('pnpm', ['run', 'build'], { cwd: packageDir, stdio: 'ignore' });
}, 120_000);

describe('dist/web (the @wafer/core/web entry)', () => {
  it.each(['dist/web.js', 'dist/web.cjs'])('%s imports no Node built-in and not onnxruntime-node', (file) => {
    const code = readFileSync(path.join(packageDir, file), 'utf8');
    const specifiers = importedSpecifiers(code);
    expect(specifiers).toContain('onnxruntime-web/wasm');
    expect(specifiers.filter(isNodeBuiltin)).toEqual([]);
    expect(code).not.toMatch(/onnxruntime-node/);
    expect(code).not.toMatch(/["']node:/);
  });

  it('is exported as @wafer/core/web, types first', () => {
    const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
    expect(manifest.exports['./web'].import).toEqual({ types: './dist/web.d.ts', default: './dist/web.js' });
    expect(Object.keys(manifest.exports['./web'].require)[0]).toBe('types');
  });
});
