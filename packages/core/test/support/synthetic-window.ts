// Model input windows for backend and batching tests: `[CLS]` (2), `length - 2` ordinary token ids that
// differ by seed, `[SEP]` (3). Real ids of the shipped vocabulary, so the model scores them like any field.

/** A window of `length` tokens; the same `seed` gives the same tokens. */
export function syntheticWindow(length: number, seed: number): Int32Array {
  return Int32Array.from({ length }, (_, i) =>
    i === 0 ? 2 : i === length - 1 ? 3 : 20 + ((seed * 31 + i * 7) % 3000),
  );
}
