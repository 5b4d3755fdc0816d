// `@wafer/core/web`: the browser- and edge-safe entry point. Nothing reachable from here may import a
// `node:` module or onnxruntime-node (test/web-entry.test.ts checks the built file); each line names a
// module that is runtime-neutral, so keep this a plain list of re-exports.
export * from './errors.js';
export { contentTypeOf, getHeader, type WafRequest } from './request/waf-request.js';
export {
  DEFAULT_MAX_BODY_BYTES,
  fromFetchRequest,
  type FromFetchRequestOptions,
} from './request/from-fetch.js';
export { parseHttpMessage, type ParseHttpResult } from './request/from-http-text.js';
export { decodeChunkedBody, type ChunkedBodyResult } from './request/chunked-body.js';
export { latin1Decode } from './request/latin1.js';
export * from './normalize/index.js';
export * from './parse/index.js';
export * from './extract/index.js';
export * from './tokenize/index.js';
export * from './model/index.js';
export * from './inference/backend.js';
export * from './inference/onnx-web-backend.js';
export * from './waf/decision.js';
export * from './waf/options.js';
export { isInertField, FAST_PATH_MAX_LENGTH, FAST_PATH_MAX_PATH_LENGTH } from './waf/fast-path.js';
export { toAttackScore, ATTACK_SCORE_AT_THRESHOLD } from './waf/attack-score.js';
export { createWafEngine, type Waf, type WafStats, type WafModelInfo } from './waf/engine.js';
export { loadModelBundle, type ModelBundle } from './waf/model-bundle.js';
export { loadModelFromUrl } from './waf/model-url.js';
export { createWaf, type WebWafOptions } from './waf/web/create-waf.js';
