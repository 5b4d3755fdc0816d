export * from './field.js';
export * from './finding.js';
export * from './limits.js';
export * from './options.js';
export * from './header-policy.js';
export * from './path-format.js';
export * from './extractor.js';
