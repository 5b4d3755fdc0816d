import { WaferError } from '../errors.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { HeaderPolicyOptions } from './header-policy.js';
import { DEFAULT_LIMITS, type ExtractorLimits } from './limits.js';

/**
 * Options of `createExtractor`. Every key is optional; defaults live in `DEFAULT_EXTRACTOR_OPTIONS`.
 *
 * @example
 * ```ts
 * createExtractor({ limits: { maxBodyBytes: 32_768 }, headers: { inspect: ['x-tenant'] } });
 * ```
 */
export interface ExtractorOptions {
  /** Inspection bounds; see `ExtractorLimits` for each default. */
  readonly limits?: Partial<ExtractorLimits>;
  /** Which headers become fields. */
  readonly headers?: HeaderPolicyOptions;
  /** Lower-case field values (the shipped model is trained on folded text). Default `true`. */
  readonly caseFold?: boolean;
  /** Add a decoded variant of fields whose whole value is Base64 or a JWT that decodes to text. Default `true`. */
  readonly base64Variants?: boolean;
}

/** Options after defaults are applied and validation passed. */
export interface ResolvedExtractorOptions {
  readonly limits: ExtractorLimits;
  readonly headers: Required<HeaderPolicyOptions>;
  readonly caseFold: boolean;
  readonly base64Variants: boolean;
}

/** Every default in one place. */
export const DEFAULT_EXTRACTOR_OPTIONS: ResolvedExtractorOptions = Object.freeze({
  limits: DEFAULT_LIMITS,
  headers: Object.freeze({ inspect: [], ignore: [], nonStandard: true }),
  caseFold: true,
  base64Variants: true,
});

const TOP_KEYS = ['limits', 'headers', 'caseFold', 'base64Variants'] as const;
const HEADER_KEYS = ['inspect', 'ignore', 'nonStandard'] as const;
const LIMIT_KEYS = Object.keys(DEFAULT_LIMITS) as (keyof ExtractorLimits)[];

function fail(message: string): never {
  throw new WaferError('WAFER_ERR_INVALID_OPTION', message);
}

function checkKeys(where: string, value: object, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const hint = didYouMean(key, known);
    fail(
      `Unknown option \`${where}${key}\`.${hint ? ` Did you mean \`${where}${hint}\`?` : ''} Known options: ${known.join(', ')}.`,
    );
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkBoolean(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean')
    fail(`Option \`${name}\` must be true or false, got ${JSON.stringify(value)}.`);
  return value;
}

function checkNames(name: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.length === 0)) {
    fail(`Option \`${name}\` must be an array of header names, e.g. ['x-tenant-id'].`);
  }
  return value.map((item: string) => item.toLowerCase());
}

/**
 * Applies defaults and validates once, at construction — never on the request path.
 * Throws `WaferError('WAFER_ERR_INVALID_OPTION')` with a message that says how to fix it.
 */
export function resolveExtractorOptions(options: ExtractorOptions | undefined): ResolvedExtractorOptions {
  if (options === undefined) return DEFAULT_EXTRACTOR_OPTIONS;
  if (!isPlainObject(options))
    fail('Extractor options must be an object, e.g. `{ limits: { maxFields: 256 } }`.');
  checkKeys('', options, TOP_KEYS);

  const limits: Record<string, number> = { ...DEFAULT_LIMITS };
  if (options.limits !== undefined) {
    if (!isPlainObject(options.limits))
      fail('Option `limits` must be an object, e.g. `{ maxBodyBytes: 65536 }`.');
    checkKeys('limits.', options.limits, LIMIT_KEYS);
    for (const key of LIMIT_KEYS) {
      const value = (options.limits as Record<string, unknown>)[key];
      if (value === undefined) continue;
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
        fail(`Option \`limits.${key}\` must be a positive integer, got ${JSON.stringify(value)}.`);
      }
      limits[key] = value;
    }
  }

  let headers = DEFAULT_EXTRACTOR_OPTIONS.headers;
  if (options.headers !== undefined) {
    if (!isPlainObject(options.headers))
      fail('Option `headers` must be an object, e.g. `{ inspect: ["x-tenant"] }`.');
    checkKeys('headers.', options.headers, HEADER_KEYS);
    headers = {
      inspect: checkNames('headers.inspect', options.headers.inspect),
      ignore: checkNames('headers.ignore', options.headers.ignore),
      nonStandard: checkBoolean('headers.nonStandard', options.headers.nonStandard, true),
    };
  }

  return {
    limits: limits as unknown as ExtractorLimits,
    headers,
    caseFold: checkBoolean('caseFold', options.caseFold, true),
    base64Variants: checkBoolean('base64Variants', options.base64Variants, true),
  };
}
