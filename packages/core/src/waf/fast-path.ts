import type { Field } from '../extract/field.js';

/**
 * Longest value the fast path may skip. Long runs of word characters are rare in benign traffic
 * (tokens and hashes are usually shorter) and a cap keeps the rule easy to reason about.
 */
export const FAST_PATH_MAX_LENGTH = 96;

/**
 * Characters that cannot form attack syntax by themselves: ASCII letters and digits, `_` and `-`
 * (no space, quote, slash, dot, bracket, operator, `%`, `&`, `;`, `:`, `=`, `$`, `{`, `<` …). Every
 * injection class the model knows needs at least one character outside this set to change the
 * meaning of the surrounding code or path — a space or operator for SQL, `<` or `.` for script,
 * `/` or `\` for traversal, `;|&$\`` or a newline for commands, `{` for templates and JNDI.
 */
const INERT_WORD = /^[a-z0-9_-]*$/i;

/** Numbers, versions, dates and dotted quads: a digit first, then only digits and `. _ -`. */
const INERT_NUMBER = /^[0-9][0-9._-]*$/;

/**
 * Mixed-case runs this long look like Base64 (a serialized Java object, a JWT part, `KikpJTAw` =
 * `*))%00`): those go to the model, which has learnt encoded payloads, even when they are too short
 * for the extractor's decoded variant (12+ characters) or decode to nothing readable.
 */
const ENCODED_MIN_LENGTH = 8;

function inert(text: string): boolean {
  if (text.length > FAST_PATH_MAX_LENGTH) return false;
  if (INERT_NUMBER.test(text)) return true;
  // `__proto__`, `__class__`, `__globals__`: prototype pollution and template-injection names.
  if (!INERT_WORD.test(text) || text.includes('__')) return false;
  return text.length < ENCODED_MIN_LENGTH || text === text.toLowerCase() || text === text.toUpperCase();
}

/**
 * Whether a field's value cannot carry an attack, so scoring it with the model is skipped: its
 * normalized value *and* the raw text it came from are each either a number-like string (a digit,
 * then digits and `. _ -`: `42`, `3.14`, `2026-11-21`, `10.0.0.1`) or a word of ASCII letters,
 * digits, `_` and `-` (mixed-case words of 8+ characters excepted: they look like Base64; so are
 * dunder names like `__proto__`), with
 * at most {@link FAST_PATH_MAX_LENGTH} characters. Checking the raw text as well
 * means no decoding step can have hidden a character (a `%27` that normalized away).
 *
 * The rule is audited against every attack example of the training datasets by
 * `models/src/audit/fast-path-audit.ts` (`pnpm audit:fast-path`): it must skip none of them. The
 * measured numbers are in `docs/benchmarks.md` and the model card.
 *
 * @example
 * ```ts
 * isInertField({ raw: '42', value: '42' });                      // true:  skipped
 * isInertField({ raw: 'en-US', value: 'en-us' });                // true
 * isInertField({ raw: "1'%20or%201=1", value: "1' or 1=1" });    // false: scored by the model
 * ```
 */
export function isInertField(field: Pick<Field, 'raw' | 'value'>): boolean {
  return inert(field.raw) && (field.value === field.raw || inert(field.value));
}
