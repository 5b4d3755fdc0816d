import type { Decision } from '@wafer/core';
import type { WafMode } from './options/options.js';

/** Why a request was (or, in monitor mode and dry runs, would have been) stopped. */
export type VerdictReason = 'attack' | 'ip-deny' | 'banned' | 'rate-limit' | 'error';

/**
 * Why inspection was incomplete; handled by the `onError` policy and always reported.
 * - `model_error`, `budget_exceeded`: the engine's own (`decision.decidedBy === 'failure'`);
 * - `limit_exceeded`: the request was larger than an inspection limit (`maxBodyBytes`, `maxFields`, …), so part
 *   of it was not inspected;
 * - `engine_unavailable`: the model could not be loaded (see `middleware.ready`);
 * - `internal_error`: a bug in the middleware, caught.
 */
export type FailureKind =
  'model_error' | 'budget_exceeded' | 'limit_exceeded' | 'engine_unavailable' | 'internal_error';

/** Where the inspected body came from. */
export interface BodyInfo {
  /**
   * `none`: no body; `stream`: read from the request (a parser after the middleware gets it back intact);
   * `raw`: the bytes a parser kept in `req.rawBody`; `parsed`: re-encoded from `req.body` (a parser ran
   * before and kept no bytes); `unavailable`: something else consumed the stream.
   */
  readonly source: 'none' | 'stream' | 'raw' | 'parsed' | 'unavailable';
  /** Bytes inspected. */
  readonly bytes: number;
  /** Only the first `maxBodyBytes` were inspected. */
  readonly truncated: boolean;
}

/**
 * What the middleware decided about one request, in `req.waf` for your handlers (in monitor mode once the
 * background inspection ends; `verdictOf(req)` waits for it).
 *
 * @example
 * ```ts
 * app.post('/comments', (req, res) => {
 *   if (req.waf?.reason === 'attack') audit.log(req.waf.requestId, req.waf.attackClass);
 * });
 * ```
 */
export interface WafVerdict {
  /** Also in the block response's body and the reports. */
  readonly requestId: string;
  /** `allow`: nothing found; `monitor`: something found, let through; `block`: stopped with `status`. */
  readonly action: 'allow' | 'monitor' | 'block';
  readonly reason?: VerdictReason;
  /** 403 or 429 when blocked. */
  readonly status?: number;
  /** Seconds in the `Retry-After` header of a 429 or a ban. */
  readonly retryAfterS?: number;
  /** The mode in effect for this request (the route's, else the global one). */
  readonly mode: WafMode;
  /** The dry run was on: `action` is at most `monitor`, whatever `mode` says. */
  readonly dryRun: boolean;
  /** The matched route rule's pattern. */
  readonly route?: string;
  /** The client address as Express resolved it (`trust proxy`). */
  readonly ip: string;
  /** The model found an attack, judged with the route's thresholds. */
  readonly attack: boolean;
  readonly attackClass?: string;
  /** Every class the judgement found, the most likely first. */
  readonly attackClasses: readonly string[];
  readonly failure?: FailureKind;
  /** The rate-limit or ban store failed or was too slow; its check was skipped. */
  readonly storeError?: boolean;
  readonly body: BodyInfo;
  /** `@wafer/core`'s decision, when the model ran (not for requests stopped before inspection). */
  readonly decision?: Decision;
}

/** A verdict while it is being built. */
export type MutableVerdict = { -readonly [K in keyof WafVerdict]: WafVerdict[K] };

declare global {
  // Express's own augmentation point: `req.waf` is typed in handlers wherever @types/express is used.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The Wafer middleware's verdict about this request (see `WafVerdict`). */
      waf?: WafVerdict;
    }
  }
}
