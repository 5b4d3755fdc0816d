// The page script of web-browser.test.ts, bundled by esbuild and run in headless Chromium: it loads the
// model and ONNX Runtime's WebAssembly files over HTTP from the test's server, as a real site would.
import { checkScoreParity, createOnnxWebBackend, type ParityFixture } from '../../src/web.js';

/** What the page hands back to the test (plain JSON: it crosses the DevTools protocol). */
export interface BrowserParityResult {
  readonly backend: string;
  readonly maxAbsDiff: number;
  readonly windows: number;
  /** The probabilities of each parity batch, row-major, for comparison with onnxruntime-node. */
  readonly probs: number[][];
}

async function runParity(variant: string): Promise<BrowserParityResult> {
  const [model, parity] = await Promise.all([
    fetch('/model.onnx').then((response) => response.arrayBuffer()),
    fetch('/parity.json').then((response) => response.json() as Promise<ParityFixture>),
  ]);
  const backend = await createOnnxWebBackend(new Uint8Array(model), { wasmPaths: '/ort/' });
  try {
    const { maxAbsDiff, windows } = await checkScoreParity(backend, parity, variant);
    const probs: number[][] = [];
    for (const batch of parity.batches) {
      const out = await backend.run({
        inputIds: BigInt64Array.from(batch.input_ids.flat(), (id) => BigInt(id)),
        attentionMask: BigInt64Array.from(batch.attention_mask.flat(), (bit) => BigInt(bit)),
        batchSize: batch.input_ids.length,
        sequenceLength: batch.input_ids[0]?.length ?? 0,
      });
      probs.push(Array.from(out));
    }
    return { backend: backend.name, maxAbsDiff, windows, probs };
  } finally {
    await backend.close();
  }
}

Object.assign(globalThis, { runParity });
