/**
 * Decodes bytes one-to-one into UTF-16 code units (ISO-8859-1).
 *
 * Why not `new TextDecoder('latin1')`: the WHATWG Encoding Standard maps the label `latin1` to
 * windows-1252, which turns 0x80–0x9F into other characters, so the bytes could not be recovered.
 * HTTP field values are octets (RFC 9112 §5, RFC 9110 §5.5); Node decodes them the same way, byte
 * for byte, so text built here matches what `fromNodeRequest` sees.
 *
 * @example
 * ```ts
 * latin1Decode(new Uint8Array([0x47, 0x45, 0x54, 0xe9])); // 'GETé'
 * ```
 */
export function latin1Decode(bytes: Uint8Array, start = 0, end = bytes.length): string {
  // fromCharCode with many arguments is fast, but the argument count is bounded by the stack.
  const step = 8192;
  let text = '';
  for (let i = start; i < end; i += step) {
    text += String.fromCharCode(...bytes.subarray(i, Math.min(i + step, end)));
  }
  return text;
}
