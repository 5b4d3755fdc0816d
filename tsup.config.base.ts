import { defineConfig, type Options } from 'tsup';

/**
 * The one tsup configuration every package builds with: ESM + CJS + `.d.ts`, Node 20 target.
 * A package passes only its entry points (and, rarely, extra options), so output layout stays identical
 * across the workspace and `publint` sees the same `exports` shape everywhere.
 */
export function defineWaferPackage(entry: Record<string, string>, overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
    outDir: 'dist',
    ...overrides,
  });
}
