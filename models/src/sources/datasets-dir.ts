import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root (`models/src/sources` → three levels up). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * Where the shared datasets live: `--datasets DIR`, else `$WAFER_DATASETS`, else
 * `<repo>/../shared/datasets`. The data is never copied into the repository.
 */
export function resolveDatasetsDir(cliValue?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (cliValue) return resolve(cliValue);
  if (env.WAFER_DATASETS) return resolve(env.WAFER_DATASETS);
  return resolve(REPO_ROOT, '..', 'shared', 'datasets');
}

/** True when `dir` exists and is a directory. */
export function datasetsAvailable(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}

/** The message printed (and used by skipped tests) when the datasets are missing. */
export function missingDatasetsMessage(dir: string): string {
  return (
    `Wafer datasets not found at ${dir} — skipping. ` +
    'Pass --datasets <dir> or set WAFER_DATASETS to the folder holding payloadsallthethings/, fuzzdb-attack/, ... ' +
    '(the data is never part of the repository).'
  );
}
