export type { PathSegment, RawParam } from './raw-param.js';
export { splitTarget, pathSegments, type SplitTarget } from './target.js';
export { parseQueryString, type QueryStringOptions, type QueryStringResult } from './query-string.js';
export { parseCookieHeader } from './cookies.js';
export { parseContentType, bodyKind, type ContentType, type BodyKind } from './content-type.js';
export { parseHeaderParams } from './header-params.js';
export { percentDecode, hexValue } from './percent-decode.js';
export * from './body/index.js';
