export * from './manifest.js';
export * from './parity.js';
