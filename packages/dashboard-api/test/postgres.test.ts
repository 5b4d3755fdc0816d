// Brings in the `postgresUrl` / `postgresSkipReason` typing of inject() (storage's vitest global setup).
import type {} from '../../storage/test/support/postgres-global-setup.js';
import { inject } from 'vitest';
import { apiConformance } from './support/api-conformance.js';

// The same suite against a real PostgreSQL 15 (a throwaway cluster from the vitest global setup).
apiConformance(
  'PostgreSQL',
  () => {
    const url = inject('postgresUrl');
    return url ? { postgres: { connectionString: url } } : null;
  },
  () => inject('postgresSkipReason'),
);
