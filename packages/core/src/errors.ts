/**
 * Stable error codes. A code is never reused for a different meaning; see `docs/errors.md`.
 * Only programmer errors throw (bad options, wrong argument types): bad *input* never does.
 */
export const ERROR_CODES = {
  WAFER_ERR_INVALID_OPTION: 'An option passed to a Wafer factory is invalid or unknown.',
  WAFER_ERR_INVALID_ARGUMENT: 'A function was called with an argument of the wrong type.',
  WAFER_ERR_INVALID_RECORD: 'An evaluation record is not valid JSON or lacks a required field.',
  WAFER_ERR_INVALID_HTTP_MESSAGE: 'Raw HTTP text could not be parsed into a request.',
  WAFER_ERR_CLI_USAGE: 'The command line was not understood.',
  WAFER_ERR_MODEL_NOT_FOUND: 'A model artifact (manifest, model or tokenizer) could not be read.',
  WAFER_ERR_MODEL_CORRUPT: 'A model artifact does not match the sha256 or size recorded in its manifest.',
  WAFER_ERR_MODEL_INVALID: 'A model manifest or tokenizer file is not in the expected format.',
  WAFER_ERR_CLOSED: 'A Waf was used after close().',
} as const;

export type WaferErrorCode = keyof typeof ERROR_CODES;

/**
 * The one error class Wafer throws.
 *
 * @example
 * ```ts
 * try { createExtractor({ limits: { maxFeilds: 10 } }) }
 * catch (e) { if (e instanceof WaferError && e.code === 'WAFER_ERR_INVALID_OPTION') … }
 * ```
 */
export class WaferError extends Error {
  readonly code: WaferErrorCode;

  constructor(code: WaferErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WaferError';
    this.code = code;
  }
}
