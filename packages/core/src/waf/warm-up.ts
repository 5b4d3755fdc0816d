import { WaferError } from '../errors.js';
import { packBatch, type InferenceBackend } from '../inference/backend.js';
import { MODEL_SPECIAL_TOKENS } from '../tokenize/model-input.js';
import { createWafEngine, type Waf } from './engine.js';
import type { ModelBundle } from './model-bundle.js';
import type { ResolvedWafOptions } from './options.js';

/**
 * Runs one tiny window through a new backend before the engine is handed out: the first run of an
 * ONNX Runtime session (and of a WebAssembly module) is many times slower than the next, and it
 * should not land on a user's request — nor eat its time budget. It also checks the model's output
 * has one probability per manifest label, so a model/manifest mismatch fails at startup.
 *
 * @throws {WaferError} `WAFER_ERR_MODEL_INVALID` when the output shape does not match the labels.
 */
export async function warmUp(bundle: ModelBundle, backend: InferenceBackend): Promise<void> {
  const id = (token: (typeof MODEL_SPECIAL_TOKENS)[number]) => MODEL_SPECIAL_TOKENS.indexOf(token);
  const probs = await backend.run(packBatch([[id('[CLS]'), id('[LOC:query]'), id('[SEP]')]]));
  const labels = bundle.manifest.labels.length;
  if (probs.length !== labels)
    throw new WaferError(
      'WAFER_ERR_MODEL_INVALID',
      `The model returns ${probs.length} scores per window but its manifest lists ${labels} labels.`,
    );
}

/**
 * The last step of every `createWaf`: warm the backend up, build the engine, and release the backend
 * if either fails (a half-built engine must not leak a native session or a worker thread).
 */
export async function startEngine(
  bundle: ModelBundle,
  backend: InferenceBackend,
  options: ResolvedWafOptions,
): Promise<Waf> {
  try {
    await warmUp(bundle, backend);
    return createWafEngine(bundle, backend, options);
  } catch (error) {
    await backend.close();
    throw error;
  }
}
