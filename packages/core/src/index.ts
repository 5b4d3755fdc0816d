export * from './errors.js';
export * from './request/index.js';
export * from './eval-record/index.js';
export * from './access-log/index.js';
export * from './normalize/index.js';
export * from './parse/index.js';
export * from './extract/index.js';
