import { afterAll } from 'vitest';
import { apiConformance } from './support/api-conformance.js';
import { tempSqlite } from './support/harness.js';

const db = tempSqlite();
afterAll(() => db.cleanup());
apiConformance(
  'SQLite',
  () => db.options,
  () => null,
);
