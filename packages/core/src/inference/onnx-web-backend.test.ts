import { describe, expect, it } from 'vitest';
import { createOnnxWebBackend, type OnnxWebBackendOptions } from './onnx-web-backend.js';

const NOT_A_MODEL = new TextEncoder().encode('not an ONNX model');

describe('createOnnxWebBackend', () => {
  it('rejects unknown and invalid options before loading anything', async () => {
    const bad = (options: unknown) => createOnnxWebBackend(NOT_A_MODEL, options as OnnxWebBackendOptions);
    await expect(bad({ thread: 2 })).rejects.toThrow(/unknown option `thread` \(did you mean `threads`\?\)/);
    await expect(bad({ threads: 0 })).rejects.toMatchObject({ code: 'WAFER_ERR_INVALID_OPTION' });
    await expect(bad({ threads: 1.5 })).rejects.toThrow(/threads/);
    await expect(bad({ wasmPaths: 42 })).rejects.toThrow(/wasmPaths/);
    await expect(bad({ wasmPaths: { wasm: new URL('https://cdn.example/x.wasm') } })).rejects.toThrow(
      /wasmPaths/,
    );
    await expect(bad({ wasmPaths: { wsm: 'https://cdn.example/x.wasm' } })).rejects.toThrow(/wasmPaths/);
  });

  it('wraps a model ONNX Runtime cannot load in WAFER_ERR_MODEL_CORRUPT', async () => {
    await expect(createOnnxWebBackend(NOT_A_MODEL)).rejects.toMatchObject({
      name: 'WaferError',
      code: 'WAFER_ERR_MODEL_CORRUPT',
    });
  });

  it('refuses runtime settings that differ from the ones the runtime started with', async () => {
    // The previous case started the runtime with the defaults (threads 1, no wasmPaths).
    await expect(createOnnxWebBackend(NOT_A_MODEL, { threads: 2 })).rejects.toThrow(
      /already started .*"threads":1/,
    );
    await expect(createOnnxWebBackend(NOT_A_MODEL, { threads: 1 })).rejects.toMatchObject({
      code: 'WAFER_ERR_MODEL_CORRUPT',
    });
  });
});
