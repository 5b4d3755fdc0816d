import type { PathSegment } from '../parse/raw-param.js';
import type { FieldLocation } from './field.js';

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/**
 * Formats a field path: the location, then `.name` for identifier-like names, `[3]` for array
 * indexes, `["odd name"]` (JSON-quoted) for anything else, and `#sub.path` verbatim for a
 * sub-path inside a string's own grammar (GraphQL arguments).
 *
 * @example
 * ```ts
 * formatPath('body', ['items', 3, 'name']); // 'body.items[3].name'
 * formatPath('query', ['a[]']);             // 'query["a[]"]'
 * ```
 */
export function formatPath(location: FieldLocation, segments: readonly PathSegment[]): string {
  let out: string = location;
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (segment.startsWith('#')) out += segment;
    else if (IDENTIFIER.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
