import type { WafEvent } from '../report/event.js';

/** Version of the ingest wire format; a breaking change gets a new number (and a new path). */
export const INGEST_FORMAT_VERSION = 1;

/** Path of the ingest endpoint, appended to the dashboard's base URL. */
export const INGEST_PATH = '/api/events';

/**
 * The body of `POST {url}/api/events` — the contract between `@wafer/express` and
 * `@wafer/dashboard-api` (see the README, "Dashboard reporter: wire format").
 *
 * @example
 * ```json
 * { "version": 1, "batchId": "6f1c…", "sentAt": 1732190000000,
 *   "instance": { "id": "web-1:4242", "app": "shop", "sdk": "@wafer/express" },
 *   "events": [{ "time": 1732189999000, "requestId": "…", "action": "block", … }] }
 * ```
 */
export interface IngestBatch {
  readonly version: typeof INGEST_FORMAT_VERSION;
  /** The same on every retry of one batch: the receiver stores a batch id once (idempotency). */
  readonly batchId: string;
  /** Epoch ms of this attempt. */
  readonly sentAt: number;
  readonly instance: {
    /** Which process sent it: `hostname:pid` unless configured. */
    readonly id: string;
    readonly app: string | null;
    readonly sdk: string;
  };
  readonly events: readonly WafEvent[];
}
