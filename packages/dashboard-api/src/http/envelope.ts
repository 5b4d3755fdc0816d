/**
 * Every response body: `{ success, data, message?, timestamp }` — one shape for clients to handle, errors included.
 *
 * @example
 * ```json
 * { "success": false, "data": null, "message": "`range` must be one of 1h, 6h, 24h, 7d, 30d.", "timestamp": "2026-11-21T10:00:00.000Z" }
 * ```
 */
export interface Envelope<T> {
  readonly success: boolean;
  readonly data: T;
  readonly message?: string;
  /** ISO 8601 time the response was made. */
  readonly timestamp: string;
}

export function envelope<T>(data: T, now: number, message?: string): Envelope<T> {
  return message === undefined
    ? { success: true, data, timestamp: new Date(now).toISOString() }
    : { success: true, data, message, timestamp: new Date(now).toISOString() };
}

export function errorEnvelope(message: string, now: number): Envelope<null> {
  return { success: false, data: null, message, timestamp: new Date(now).toISOString() };
}

/**
 * Thrown by handlers to answer with an error envelope and status. Anything else thrown is a 500 whose
 * details stay in the server's log.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.headers = headers;
  }
}
