/**
 * One labelled HTTP request of an evaluation set, as read from a JSON Lines file.
 *
 * Property names are exactly those of the JSON (`attack_type`, not `attackType`): this is a wire
 * format shared with tools in other languages, so it is the one place where we do not camelCase.
 *
 * @example
 * ```ts
 * const record: EvalRecord = {
 *   id: 17,
 *   method: 'GET',
 *   url: '/search?q=%27%20OR%201%3D1--',
 *   headers: { host: 'shop.example.com', 'user-agent': 'curl/8.5.0' },
 *   label: 'attack',
 *   attack_type: 'sqli',
 * };
 * ```
 */
export interface EvalRecord {
  readonly id?: string | number;
  /** Where the record came from (a data set name, a capture). */
  readonly source?: string;
  /** Request method as sent. */
  readonly method: string;
  /** Request target as sent on the wire: path and query, not decoded. */
  readonly url: string;
  /** Header values by lower-cased name; a repeated header is an array of its values in order. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  /** Body as text. */
  readonly body?: string;
  /** Ground truth. Optional so `wafer check` can read unlabelled traffic. */
  readonly label?: EvalLabel;
  /** For attacks, the attack family (free text such as `sqli`, `xss`, `path-traversal`). */
  readonly attack_type?: string;
}

/**
 * The two ground-truth labels of an {@link EvalRecord}.
 *
 * @example
 * ```ts
 * const label: EvalLabel = 'benign';
 * ```
 */
export type EvalLabel = 'attack' | 'benign';

/**
 * Why one line of an evaluation file was rejected. `message` already starts with `line N:`.
 *
 * @example
 * ```ts
 * const error: EvalRecordError = { line: 12, message: 'line 12: `method` must be a non-empty string' };
 * ```
 */
export interface EvalRecordError {
  readonly line: number;
  readonly message: string;
}

/**
 * Outcome of reading one line of an evaluation file.
 *
 * @example
 * ```ts
 * const result: EvalRecordResult = parseEvalRecord('{"method":"GET","url":"/","headers":{}}', 1);
 * if (!result.ok) console.error(result.error.message);
 * ```
 */
export type EvalRecordResult =
  | { readonly ok: true; readonly record: EvalRecord }
  | { readonly ok: false; readonly error: EvalRecordError };

const LABELS: ReadonlySet<string> = new Set<EvalLabel>(['attack', 'benign']);

/**
 * Parses and validates one JSON Lines record. It never throws: bad input gives `{ ok: false, error }`
 * with a message that names the line and the property.
 *
 * Rules: `method`, `url` (strings) and `headers` (object of strings or string arrays, `{}` for none)
 * are required; `body`, `source`, `attack_type` must be strings and `id` a string or finite number
 * when present; `null` counts as absent for those optional properties. `label` may be absent (a
 * `check` run reads unlabelled traffic), but when present it must be `"attack"` or `"benign"`.
 * Unknown extra properties are allowed and dropped. Header names are lower-cased; names that then
 * collide (`Cookie` and `cookie`) are merged into one array in the order they appear.
 *
 * @example
 * ```ts
 * parseEvalRecord('{"method":"GET","url":"/a?b=1","headers":{"Host":"a.example"},"label":"benign"}', 3);
 * // { ok: true, record: { method: 'GET', url: '/a?b=1', headers: { host: 'a.example' }, label: 'benign' } }
 * parseEvalRecord('{"method":"GET"}', 4);
 * // { ok: false, error: { line: 4, message: 'line 4: `url` is required and must be a string, got nothing' } }
 * ```
 */
export function parseEvalRecord(line: string, lineNumber: number): EvalRecordResult {
  const fail = (message: string): EvalRecordResult => ({
    ok: false,
    error: { line: lineNumber, message: `line ${lineNumber}: ${message}` },
  });

  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(`not valid JSON (${truncate(reason, 200)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(`a record must be a JSON object, got ${describe(value)}`);
  }
  const json = value as Record<string, unknown>;

  const { method, url, headers: rawHeaders } = json;
  if (typeof method !== 'string' || method === '') {
    return fail(`\`method\` is required and must be a non-empty string, got ${describe(method)}`);
  }
  if (typeof url !== 'string') return fail(`\`url\` is required and must be a string, got ${describe(url)}`);
  const headers = readHeaders(rawHeaders);
  if (headers === undefined) {
    return fail(
      `\`headers\` must be an object of strings or string arrays (use {} for none), got ${describe(rawHeaders)}`,
    );
  }

  const record: {
    -readonly [K in keyof EvalRecord]: EvalRecord[K];
  } = { method, url, headers };

  const id = json['id'];
  if (id !== undefined && id !== null) {
    if (typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) record.id = id;
    else return fail(`\`id\` must be a string or a number, got ${describe(id)}`);
  }
  for (const key of ['source', 'body', 'attack_type'] as const) {
    const item = json[key];
    if (item === undefined || item === null) continue;
    if (typeof item !== 'string') return fail(`\`${key}\` must be a string, got ${describe(item)}`);
    record[key] = item;
  }
  const label = json['label'];
  if (label !== undefined && label !== null) {
    if (typeof label !== 'string' || !LABELS.has(label)) {
      return fail(`\`label\` must be "attack" or "benign", got ${describe(label)}`);
    }
    record.label = label as EvalLabel;
  }
  return { ok: true, record };
}

function readHeaders(value: unknown): Record<string, string | string[]> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const headers: Record<string, string | string[]> = {};
  for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
    let values: string[];
    if (typeof item === 'string') values = [item];
    else if (Array.isArray(item) && item.every((element) => typeof element === 'string')) values = item;
    else return undefined;
    const key = name.toLowerCase();
    const existing = Object.hasOwn(headers, key) ? headers[key] : undefined;
    const merged =
      existing === undefined
        ? typeof item === 'string'
          ? item
          : [...values]
        : [...(typeof existing === 'string' ? [existing] : existing), ...values];
    // defineProperty, not assignment: a header named `__proto__` must stay a header, not set the prototype.
    Object.defineProperty(headers, key, {
      value: merged,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return headers;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${truncate(JSON.stringify(value), 60)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${truncate(String(value), 60)}`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
