/**
 * Bounds on how much of a request is inspected. Exceeding one never throws: the extractor
 * records a `limit_exceeded` finding and inspects what fits. Each default is explained in
 * `docs/security-defaults.md`; the short version is "large enough for real apps, small enough
 * that one request cannot make inspection slow".
 */
export interface ExtractorLimits {
  /** Characters of the request target (path + query) inspected. */
  readonly maxUrlLength: number;
  /** Header lines inspected. */
  readonly maxHeaderCount: number;
  /** Bytes of header names + values inspected, in arrival order. */
  readonly maxHeaderBytes: number;
  /** Body bytes inspected. */
  readonly maxBodyBytes: number;
  /** JSON nesting depth inspected; deeper content is skipped (and reported). */
  readonly maxJsonDepth: number;
  /** Fields produced for one request. */
  readonly maxFields: number;
  /** Characters of one field's value kept for scoring. */
  readonly maxValueLength: number;
  /** Multipart parts inspected. */
  readonly maxMultipartParts: number;
}

/** The defaults, in one place. */
export const DEFAULT_LIMITS: ExtractorLimits = Object.freeze({
  // 8 KiB is what nginx and Node accept by default for the request line's target.
  maxUrlLength: 8192,
  // Node's default `maxHeadersCount` is 2000, but real clients send < 40; 100 leaves room for proxies.
  maxHeaderCount: 100,
  // Node's default max header size is 16 KiB.
  maxHeaderBytes: 16384,
  // Attacks sit in the first bytes of a form or JSON body; 128 KiB covers ordinary API payloads.
  maxBodyBytes: 131072,
  // Real JSON rarely nests beyond 10; deeper nesting is itself a signal.
  maxJsonDepth: 32,
  maxFields: 512,
  maxValueLength: 8192,
  maxMultipartParts: 64,
});
