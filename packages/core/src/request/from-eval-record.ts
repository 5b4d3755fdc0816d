import type { EvalRecord } from '../eval-record/eval-record.js';
import type { WafRequest } from './waf-request.js';

/**
 * Builds a {@link WafRequest} from an evaluation record, so labelled test traffic goes through the
 * same inspection path as live requests.
 *
 * Header values that are arrays become one pair per value, in order; `url` is used verbatim as the
 * target; the body text is encoded as UTF-8 (an empty body counts as none); the version is `1.1`,
 * which the format does not record. `contentType` is taken from the `content-type` header.
 *
 * @example
 * ```ts
 * const request = fromEvalRecord({
 *   method: 'POST',
 *   url: '/api/comments',
 *   headers: { 'content-type': 'application/json', cookie: ['a=1', 'b=2'] },
 *   body: '{"text":"<script>alert(1)</script>"}',
 *   label: 'attack',
 * });
 * // request.headers: [['content-type', 'application/json'], ['cookie', 'a=1'], ['cookie', 'b=2']]
 * ```
 */
export function fromEvalRecord(record: EvalRecord): WafRequest {
  const headers: Array<readonly [string, string]> = [];
  for (const [name, value] of Object.entries(record.headers)) {
    if (typeof value === 'string') headers.push([name, value]);
    else for (const item of value) headers.push([name, item]);
  }
  const contentType = headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const body =
    record.body === undefined || record.body === '' ? undefined : new TextEncoder().encode(record.body);
  return {
    method: record.method,
    target: record.url,
    httpVersion: '1.1',
    headers,
    ...(body !== undefined && { body }),
    ...(contentType !== undefined && { contentType }),
  };
}
