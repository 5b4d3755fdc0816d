import { WaferError } from '../errors.js';
import { accessLogFailure } from './access-log-entry.js';
import type {
  AccessLogEntry,
  AccessLogErrorReason,
  AccessLogLineParser,
  AccessLogResult,
} from './access-log-entry.js';
import { didYouMean } from '../util/did-you-mean.js';
import { parseLogRequestLine } from './log-request-line.js';
import type { LogRequestLine } from './log-request-line.js';
import { parseJsonLogTime } from './json-log-time.js';

/**
 * Where each entry field is found in a JSON log object: a property name, or a dot path into nested
 * objects (`request.method`). A property whose name itself contains dots (`http.request.method`, as in
 * flattened ECS logs) is matched first.
 *
 * @example
 * ```ts
 * const fields: Partial<JsonLogFields> = { target: 'request_uri', time: 'time_iso8601' };
 * ```
 */
export interface JsonLogFields {
  /** Required. Default `remote_addr`. */
  readonly remoteAddress: string;
  /** Default `remote_user`; `-` or `''` mean none. */
  readonly remoteUser: string;
  /** ISO 8601 text, epoch seconds or milliseconds (number or numeric text), or CLF time. Default `time`. */
  readonly time: string;
  /** Default `method`; falls back to the method of the `request` line. */
  readonly method: string;
  /**
   * Default `uri`; falls back to the target of the `request` line. Note that nginx's `$uri` is
   * already decoded and normalized and has no query: map this to `request_uri` when your log has it.
   */
  readonly target: string;
  /** A whole request line, `GET /x?y=1 HTTP/1.1` (nginx `$request`). Default `request`. */
  readonly request: string;
  /** `HTTP/1.1` or `1.1`; falls back to the `request` line, then `1.1`. Default `server_protocol`. */
  readonly httpVersion: string;
  /** Number or numeric text. Default `status`. */
  readonly status: string;
  /** Number or numeric text; `-` or `''` mean none. Default `body_bytes_sent`. */
  readonly bytes: string;
  /** `-` or `''` mean none. Default `http_referer`. */
  readonly referer: string;
  /** `-` or `''` mean none. Default `http_user_agent`. */
  readonly userAgent: string;
}

/**
 * The property names nginx uses for its variables, which most JSON access-log setups copy.
 *
 * @example
 * ```ts
 * DEFAULT_JSON_LOG_FIELDS.userAgent; // 'http_user_agent'
 * ```
 */
export const DEFAULT_JSON_LOG_FIELDS: Readonly<JsonLogFields> = Object.freeze({
  remoteAddress: 'remote_addr',
  remoteUser: 'remote_user',
  time: 'time',
  method: 'method',
  target: 'uri',
  request: 'request',
  httpVersion: 'server_protocol',
  status: 'status',
  bytes: 'body_bytes_sent',
  referer: 'http_referer',
  userAgent: 'http_user_agent',
});

/**
 * Options for {@link createJsonLogParser}.
 *
 * @example
 * ```ts
 * const options: JsonLogParserOptions = { fields: { remoteAddress: 'client.ip' } };
 * ```
 */
export interface JsonLogParserOptions {
  /** Overrides for {@link DEFAULT_JSON_LOG_FIELDS}; fields not given keep their default. */
  readonly fields?: Partial<JsonLogFields>;
}

const OPTION_KEYS = ['fields'];
const FIELD_KEYS = Object.keys(DEFAULT_JSON_LOG_FIELDS) as Array<keyof JsonLogFields>;

/**
 * Creates a parser for JSON access logs (one object per line: nginx `log_format … escape=json`,
 * Caddy, Traefik, or your own). Options are checked once, here; the returned parser never throws.
 *
 * Required per line: `remoteAddress`, and a method and target, either from their own fields or from
 * a `request` line. Everything else is optional; `null` counts as absent.
 *
 * @throws {WaferError} `WAFER_ERR_INVALID_OPTION` for an unknown option or field name (with a "did
 *   you mean" hint) or a field path that is not a non-empty string.
 * @example
 * ```ts
 * const parse = createJsonLogParser({ fields: { target: 'request_uri', time: 'time_iso8601' } });
 * const result = parse(
 *   '{"remote_addr":"192.0.2.4","time_iso8601":"2024-03-01T12:00:00+00:00","method":"GET","request_uri":"/?q=1","status":200}',
 *   1,
 * );
 * // result.ok && result.entry.target === '/?q=1'
 * ```
 */
export function createJsonLogParser(options?: JsonLogParserOptions): AccessLogLineParser {
  const fields = resolveFields(options);
  const paths = Object.fromEntries(FIELD_KEYS.map((key) => [key, compilePath(fields[key])])) as Record<
    keyof JsonLogFields,
    PropertyPath
  >;
  return (line, lineNumber) => parseJsonLogLine(line, lineNumber, paths);
}

interface PropertyPath {
  readonly whole: string;
  readonly segments: readonly string[];
}

function compilePath(path: string): PropertyPath {
  return { whole: path, segments: path.split('.') };
}

function resolveFields(options: unknown): JsonLogFields {
  if (options === undefined) return DEFAULT_JSON_LOG_FIELDS;
  if (!isPlainObject(options)) {
    throw new WaferError('WAFER_ERR_INVALID_OPTION', 'createJsonLogParser: options must be an object.');
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) throw unknownName('option', key, OPTION_KEYS);
  }
  const given = options['fields'];
  if (given === undefined) return DEFAULT_JSON_LOG_FIELDS;
  if (!isPlainObject(given)) {
    throw new WaferError('WAFER_ERR_INVALID_OPTION', 'createJsonLogParser: `fields` must be an object.');
  }
  const fields: Record<string, string> = { ...DEFAULT_JSON_LOG_FIELDS };
  for (const [key, value] of Object.entries(given)) {
    if (!(FIELD_KEYS as string[]).includes(key)) throw unknownName('field', key, FIELD_KEYS);
    if (value === undefined) continue;
    if (typeof value !== 'string' || value === '') {
      throw new WaferError(
        'WAFER_ERR_INVALID_OPTION',
        `createJsonLogParser: \`fields.${key}\` must be a non-empty property name or dot path, got ${JSON.stringify(value) ?? String(value)}.`,
      );
    }
    fields[key] = value;
  }
  return fields as unknown as JsonLogFields;
}

function unknownName(kind: 'option' | 'field', name: string, known: readonly string[]): WaferError {
  const hint = didYouMean(name, known);
  const where = kind === 'option' ? 'option' : 'field in `fields`';
  return new WaferError(
    'WAFER_ERR_INVALID_OPTION',
    `createJsonLogParser: unknown ${where} \`${name}\`.${hint === undefined ? '' : ` Did you mean \`${hint}\`?`} Known: ${known.join(', ')}.`,
  );
}

type Paths = Readonly<Record<keyof JsonLogFields, PropertyPath>>;

function parseJsonLogLine(line: string, lineNumber: number, paths: Paths): AccessLogResult {
  const fail = (reason: AccessLogErrorReason, message: string) =>
    accessLogFailure(line, lineNumber, reason, message);
  if (typeof line !== 'string') return fail('bad_json', 'the line is not a string');
  if (line.trim() === '') return fail('empty', 'blank line');

  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail('bad_json', `not valid JSON (${reason.slice(0, 200)})`);
  }
  if (!isPlainObject(json)) return fail('bad_json', 'a JSON log line must be an object');

  const text = (key: keyof JsonLogFields): { value?: string; error?: string } => {
    const value = lookup(json, paths[key]);
    if (value === undefined || value === null) return {};
    if (typeof value !== 'string')
      return { error: `\`${paths[key].whole}\` must be a string, got ${typeof value}` };
    return { value };
  };
  const optionalText = (key: keyof JsonLogFields) => {
    const result = text(key);
    return result.value === '' || result.value === '-' ? {} : result;
  };

  const remoteAddress = text('remoteAddress');
  const remoteUser = optionalText('remoteUser');
  const method = text('method');
  const target = text('target');
  const request = text('request');
  const version = text('httpVersion');
  const referer = optionalText('referer');
  const userAgent = optionalText('userAgent');
  for (const field of [remoteAddress, remoteUser, method, target, request, version, referer, userAgent]) {
    if (field.error !== undefined) return fail('bad_format', field.error);
  }
  if (remoteAddress.value === undefined || remoteAddress.value === '') {
    return fail('missing_field', missing(paths.remoteAddress, 'remoteAddress'));
  }

  let requestLine: LogRequestLine | undefined;
  if (request.value !== undefined && (method.value === undefined || target.value === undefined)) {
    const parsed = parseLogRequestLine(request.value);
    if (!parsed.ok) {
      const shown = request.value.length > 300 ? `${request.value.slice(0, 300)}…` : request.value;
      return fail(
        'bad_request_line',
        `\`${paths.request.whole}\` ${JSON.stringify(shown)} is not \`METHOD target [HTTP/x.y]\` (${parsed.reason})`,
      );
    }
    requestLine = parsed.value;
  }
  const methodValue = method.value || requestLine?.method;
  const targetValue = target.value || requestLine?.target;
  if (methodValue === undefined || methodValue === '')
    return fail('missing_field', missing(paths.method, 'method'));
  if (targetValue === undefined || targetValue === '')
    return fail('missing_field', missing(paths.target, 'target'));

  const status = numberField(lookup(json, paths.status));
  if (status === null) return fail('bad_format', `\`${paths.status.whole}\` is not an HTTP status code`);
  const bytes = numberField(lookup(json, paths.bytes));
  if (bytes === null) return fail('bad_format', `\`${paths.bytes.whole}\` is not a byte count`);
  if (status !== undefined && (status < 100 || status > 999)) {
    return fail('bad_format', `\`${paths.status.whole}\` ${status} is not an HTTP status code`);
  }

  const timeValue = lookup(json, paths.time);
  let time: Date | undefined;
  let timeText = '';
  if (timeValue !== undefined && timeValue !== null && timeValue !== '') {
    timeText = typeof timeValue === 'string' ? timeValue : (JSON.stringify(timeValue) ?? '');
    time = parseJsonLogTime(timeValue);
    if (time === undefined) {
      return fail(
        'bad_time',
        `\`${paths.time.whole}\` ${timeText.slice(0, 100)} is not ISO 8601, epoch seconds/milliseconds or CLF time`,
      );
    }
  }

  const entry: AccessLogEntry = {
    lineNumber,
    remoteAddress: remoteAddress.value,
    ...(remoteUser.value !== undefined && { remoteUser: remoteUser.value }),
    time,
    timeText,
    method: methodValue,
    target: targetValue,
    httpVersion: versionOf(version.value) ?? requestLine?.httpVersion ?? '1.1',
    ...(status !== undefined && { status }),
    ...(bytes !== undefined && { bytes }),
    ...(referer.value !== undefined && { referer: referer.value }),
    ...(userAgent.value !== undefined && { userAgent: userAgent.value }),
    raw: line,
  };
  return { ok: true, entry };
}

function missing(path: PropertyPath, option: keyof JsonLogFields): string {
  const fallback = option === 'method' || option === 'target' ? ' and no usable `request` line' : '';
  return `no \`${path.whole}\` property${fallback} (map it with options.fields.${option})`;
}

/** `undefined` when absent or `-`; `null` when present but not a non-negative integer. */
function numberField(value: unknown): number | undefined | null {
  if (value === undefined || value === null || value === '' || value === '-') return undefined;
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return null;
}

function versionOf(value: string | undefined): string | undefined {
  if (value === undefined || value === '' || value === '-') return undefined;
  const match = /^(?:HTTP\/)?(\d+(?:\.\d+)?)$/i.exec(value);
  if (!match?.[1]) return undefined;
  return match[1].includes('.') ? match[1] : `${match[1]}.0`;
}

function lookup(root: Record<string, unknown>, path: PropertyPath): unknown {
  if (Object.hasOwn(root, path.whole)) return root[path.whole];
  let current: unknown = root;
  for (const segment of path.segments) {
    if (!isPlainObject(current) || !Object.hasOwn(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
