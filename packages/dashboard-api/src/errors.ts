/**
 * Stable error codes of `@wafer/dashboard-api` (see `docs/errors.md`). They share the `WAFER_ERR_` prefix with
 * core's and storage's codes. Only configuration and programmer errors throw; HTTP clients get envelopes.
 */
export const DASHBOARD_ERROR_CODES = {
  WAFER_ERR_DASHBOARD_INVALID_OPTION: 'An option passed to createDashboardApi() is invalid or unknown.',
  WAFER_ERR_DASHBOARD_CONFIG:
    'The YAML config file or an environment variable could not be read or is invalid.',
  WAFER_ERR_DASHBOARD_INSECURE_BIND:
    'The local-only insecure mode was asked to listen on an address other than loopback.',
  WAFER_ERR_DASHBOARD_CLOSED: 'The dashboard API was used after close().',
} as const;

export type DashboardErrorCode = keyof typeof DASHBOARD_ERROR_CODES;

/**
 * The one error class `@wafer/dashboard-api` throws.
 *
 * @example
 * ```ts
 * try { await createDashboardApi({ prot: 3001 }) }
 * catch (e) { if (e instanceof WaferDashboardError) console.error(e.code, e.message) } // … Did you mean `port`?
 * ```
 */
export class WaferDashboardError extends Error {
  readonly code: DashboardErrorCode;

  constructor(code: DashboardErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WaferDashboardError';
    this.code = code;
  }
}
