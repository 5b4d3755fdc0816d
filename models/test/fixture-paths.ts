import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The hand-written fixture datasets (same layout as /work/shared/datasets). */
export const FIXTURE_DATASETS = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'datasets');
