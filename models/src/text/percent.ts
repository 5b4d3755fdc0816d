/**
 * Lenient percent-decoding: decodes every valid `%XX` run as UTF-8, falls back to Latin-1 for
 * byte runs that are not valid UTF-8, and leaves malformed `%` sequences untouched. Never throws
 * (attack payloads are malformed on purpose).
 */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
}

/** IIS-style `%uXXXX` escapes (still sent by scanners and WAF test tools). */
export function percentUDecode(text: string): string {
  if (!/%u[0-9a-fA-F]{4}/.test(text)) return text;
  return text.replace(/%u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
