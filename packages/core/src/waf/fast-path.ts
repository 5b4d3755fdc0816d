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

/** Longest request path the fast path may skip. */
export const FAST_PATH_MAX_PATH_LENGTH = 256;

/**
 * Extensions of static assets (lower case): the only paths the fast path skips end in one of these. Not
 * scripts or documents (`.php`, `.jsp`, `.html`: the attack data lists vulnerable script paths such as
 * `/includes/class_template.php` as remote-file-inclusion targets), not archives (backup probes), not
 * extensionless paths (`/0x2e0x2e0x2fetc/passwd` is a traversal written in hex), and not "any word":
 * `name.word` is also how code reads (`document.write` is an XSS payload in the attack data).
 */
const STATIC_EXTENSIONS = new Set([
  ...['css', 'js', 'mjs', 'map', 'woff', 'woff2', 'ttf', 'otf', 'eot'],
  ...['png', 'jpg', 'jpeg', 'gif', 'svg', 'ico', 'webp', 'avif', 'bmp'],
]);

/**
 * A static asset's path made only of inert words: `/`, then segments separated by single `/`, each an
 * inert word or number, the last one `name.ext` where the name is dot-separated inert words
 * (`jquery-1.10.2.min.js`) and `ext` one of {@link STATIC_EXTENSIONS}. So no `..`, no `//`, no leading
 * dot (`/.env`), and nothing outside `[A-Za-z0-9_-]` but those `/` and `.`.
 */
function inertPath(text: string): boolean {
  if (text.length > FAST_PATH_MAX_PATH_LENGTH || text.charCodeAt(0) !== 0x2f /* / */) return false;
  const segments = text.slice(1).split('/');
  const last = segments.length - 1;
  for (let i = 0; i < last; i++) {
    const segment = segments[i]!;
    if (segment === '' || segment.includes('.') || !inert(segment)) return false;
  }
  const parts = segments[last]!.split('.');
  if (parts.length < 2 || !STATIC_EXTENSIONS.has(parts[parts.length - 1]!.toLowerCase())) return false;
  for (const part of parts) if (part === '' || !inert(part)) return false;
  return true;
}

function inertWordOrPath(text: string): boolean {
  return inert(text) || inertPath(text);
}

/**
 * Whether a field's value cannot carry an attack, so scoring it with the model is skipped: its
 * normalized value *and* the raw text it came from are each either a number-like string (a digit,
 * then digits and `. _ -`: `42`, `3.14`, `2026-11-21`, `10.0.0.1`) or a word of ASCII letters,
 * digits, `_` and `-` (mixed-case words of 8+ characters excepted: they look like Base64; so are
 * dunder names like `__proto__`), with at most {@link FAST_PATH_MAX_LENGTH} characters. The request
 * path (`location: 'path'`) may also be a static asset's path of such words (`/static/js/app.min.js`,
 * `/img/logo.png`; not `/a/../b.png`, `/.env`, `//x.css`, `/a;b.js`, `/a%2f.png`, `/index.php`, `/blog/post`),
 * with at most {@link FAST_PATH_MAX_PATH_LENGTH} characters. Checking the raw text as well means no
 * decoding step can have hidden a character (a `%27` that normalized away).
 *
 * The rule is audited against every attack example of the training datasets by
 * `models/src/audit/fast-path-audit.ts` (`pnpm audit:fast-path`): it must skip none of them, and every
 * attack text is also tried as a request path. The measured numbers are in `docs/benchmarks.md` and
 * the model card.
 *
 * @example
 * ```ts
 * isInertField({ raw: '42', value: '42' });                      // true:  skipped
 * isInertField({ raw: 'en-US', value: 'en-us' });                // true
 * isInertField({ raw: "1'%20or%201=1", value: "1' or 1=1" });    // false: scored by the model
 * isInertField({ location: 'path', raw: '/img/logo.png', value: '/img/logo.png' });  // true
 * isInertField({ location: 'path', raw: '/api/orders', value: '/api/orders' });      // false: no asset
 * isInertField({ location: 'query', raw: '/img/logo.png', value: '/img/logo.png' }); // false
 * ```
 */
export function isInertField(
  field: Pick<Field, 'raw' | 'value'> & { readonly location?: Field['location'] },
): boolean {
  const check = field.location === 'path' ? inertWordOrPath : inert;
  return check(field.raw) && (field.value === field.raw || check(field.value));
}
