export * from './backend.js';
export * from './onnx-node-backend.js';
export * from './onnx-web-backend.js';
