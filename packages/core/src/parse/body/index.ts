export { sniffBody, type SniffedKind } from './sniff.js';
export { scanJson, type JsonScanOptions, type JsonScanResult } from './json-scanner.js';
export {
  parseMultipart,
  type MultipartOptions,
  type MultipartPart,
  type MultipartResult,
} from './multipart.js';
export { parseContentDisposition, decodeExtValue, type ContentDisposition } from './content-disposition.js';
export {
  looksLikeGraphql,
  extractGraphqlArguments,
  type GraphqlArgument,
  type GraphqlArgumentOptions,
} from './graphql.js';
export { GraphqlLexer, TOKEN, blockStringValue, skipIgnored, type TokenKind } from './graphql-lexer.js';
export { compileLineSearch } from './line-search.js';
export { binaryScore, looksLikeText } from './text-bytes.js';
