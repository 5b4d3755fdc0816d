import { defineWaferPackage } from '../../tsup.config.base.js';

// The drivers (better-sqlite3, pg) stay external: they are loaded lazily by the dialect that needs them, so a
// PostgreSQL-only install never touches the native SQLite addon and a SQLite-only install needs no `pg`.
export default defineWaferPackage({ index: 'src/index.ts' });
