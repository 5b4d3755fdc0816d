export * from './backend.js';
export * from './onnx-node-backend.js';
