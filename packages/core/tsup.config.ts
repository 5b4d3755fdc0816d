import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { defineWaferPackage } from '../../tsup.config.base.js';

/**
 * The shipped model travels inside the package (`model/`): `createWaf()` with no options loads it from
 * there. The build copies the three files the manifest names from the repository's `models/`.
 */
async function copyShippedModel(): Promise<void> {
  const from = new URL('../../models/', import.meta.url);
  const to = new URL('./model/', import.meta.url);
  const manifest = JSON.parse(await readFile(new URL('manifest.json', from), 'utf8')) as {
    model: { path: string };
    tokenizer: { path: string };
  };
  await mkdir(to, { recursive: true });
  for (const file of ['manifest.json', manifest.model.path, manifest.tokenizer.path])
    await copyFile(new URL(file, from), new URL(file, to));
}

// `web` is built by the same config as `index`: its imports are runtime-neutral and its dependencies stay
// external, so the Node platform setting changes nothing in its output (test/web-entry.test.ts checks).
// `inference-worker` is the worker thread's script, loaded by path at run time (src/waf/node/worker-backend.ts).
export default defineWaferPackage(
  {
    index: 'src/index.ts',
    web: 'src/web.ts',
    cli: 'src/cli/main.ts',
    'inference-worker': 'src/waf/node/inference-worker.ts',
  },
  // `shims` gives the CommonJS build an `import.meta.url`, used to find the worker script and the model.
  { shims: true, onSuccess: copyShippedModel },
);
