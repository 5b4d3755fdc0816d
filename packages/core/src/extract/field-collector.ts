import { decodeBase64Text } from '../normalize/base64.js';
import type { NormalizeResult } from '../normalize/pipeline.js';
import type { TransformName } from '../normalize/transform.js';
import type { PathSegment } from '../parse/raw-param.js';
import type { Field, FieldLocation } from './field.js';
import type { Finding, MalformedReason } from './finding.js';
import type { ExtractorLimits } from './limits.js';
import { formatPath } from './path-format.js';

/** Which normalizer a field goes through. */
export type NormalizeProfile = 'plain' | 'form' | 'path';

export type Normalizers = Readonly<Record<NormalizeProfile, (raw: string) => NormalizeResult>>;

/** Findings beyond this many are dropped (the count is still reported) so a hostile request cannot grow the list. */
const MAX_FINDINGS = 64;

const BASE64_CANDIDATE = /^[A-Za-z0-9+/_=-]{12,}$/;
const JWT = /^(eyJ[\w-]+)\.(eyJ[\w-]*)\.[\w-]*$/;

/**
 * Collects the fields of one request: builds paths, numbers duplicates, normalizes, applies the
 * field-count and value-length limits, and turns normalizer flags into findings. One per `extract()` call.
 */
export class FieldCollector {
  readonly fields: Field[] = [];
  readonly findings: Finding[] = [];
  droppedFindings = 0;
  private readonly seen = new Map<string, number>();
  private full = false;

  constructor(
    readonly limits: ExtractorLimits,
    private readonly normalizers: Normalizers,
    private readonly base64Variants: boolean,
  ) {}

  /** True once `maxFields` was reached: callers may stop parsing early. */
  get isFull(): boolean {
    return this.full;
  }

  addFinding(finding: Finding): void {
    if (this.findings.length < MAX_FINDINGS) this.findings.push(finding);
    else this.droppedFindings++;
  }

  limit(limit: keyof ExtractorLimits, actual: number | undefined, path?: string): void {
    this.addFinding({
      kind: 'limit_exceeded',
      limit,
      max: this.limits[limit],
      ...(actual === undefined ? {} : { actual }),
      ...(path === undefined ? {} : { path }),
    });
  }

  malformed(reason: MalformedReason, path?: string, detail?: string): void {
    this.addFinding({
      kind: 'malformed_input',
      reason,
      ...(path === undefined ? {} : { path }),
      ...(detail === undefined ? {} : { detail }),
    });
  }

  /**
   * Adds one field. `segments` locate it below `location`; duplicates of the same kind and path get
   * an occurrence suffix: the second `?id=` is `query.id(2)`.
   */
  add(
    location: FieldLocation,
    kind: 'value' | 'key',
    name: string,
    segments: readonly PathSegment[],
    raw: string,
    profile: NormalizeProfile,
    sensitive = false,
  ): void {
    if (this.full) return;
    if (this.fields.length >= this.limits.maxFields) {
      this.full = true;
      this.limit('maxFields', undefined, formatPath(location, segments));
      return;
    }
    let path = formatPath(location, segments);
    const seenKey = kind === 'key' ? `k:${path}` : path;
    const occurrences = this.seen.get(seenKey) ?? 0;
    this.seen.set(seenKey, occurrences + 1);
    if (occurrences > 0) path = `${path}(${occurrences + 1})`;

    let input = raw;
    if (input.length > this.limits.maxValueLength) {
      this.limit('maxValueLength', input.length, path);
      input = input.slice(0, this.limits.maxValueLength);
    }
    const result = this.normalizers[profile](input);
    this.noteNormalization(result, path);
    const transforms = result.transforms;
    this.fields.push(
      sensitive
        ? { location, kind, name, path, raw, value: result.value, transforms, sensitive }
        : { location, kind, name, path, raw, value: result.value, transforms },
    );

    if (this.base64Variants && kind === 'value') this.addDecodedVariant(location, name, path, raw, sensitive);
  }

  /**
   * Values that are wholly Base64 (or a JWT) get a second field holding the decoded text, because
   * applications decode them and attackers hide payloads there (`Basic` credentials, JWT `kid`, cookies).
   */
  private addDecodedVariant(
    location: FieldLocation,
    name: string,
    path: string,
    raw: string,
    sensitive: boolean,
  ): void {
    let candidate = raw;
    if (sensitive) {
      const space = candidate.indexOf(' ');
      if (space > 0) candidate = candidate.slice(space + 1).trim();
    }
    if (candidate.length < 12) return;
    if (candidate.includes('%3')) candidate = candidate.replace(/%3D/gi, '=');
    let decoded: string | undefined;
    const jwt = JWT.exec(candidate);
    if (jwt) {
      const header = decodeBase64Text(jwt[1]!);
      const payload = jwt[2] ? decodeBase64Text(jwt[2]) : undefined;
      if (header !== undefined || payload !== undefined)
        decoded = [header, payload].filter(Boolean).join(' ');
    } else if (BASE64_CANDIDATE.test(candidate)) {
      decoded = decodeBase64Text(candidate);
    }
    if (decoded === undefined || this.fields.length >= this.limits.maxFields) return;
    const input =
      decoded.length > this.limits.maxValueLength ? decoded.slice(0, this.limits.maxValueLength) : decoded;
    const result = this.normalizers.plain(input);
    const transforms: TransformName[] = ['base64-decode', ...result.transforms];
    this.fields.push(
      sensitive
        ? { location, kind: 'value', name, path, raw, value: result.value, transforms, sensitive }
        : { location, kind: 'value', name, path, raw, value: result.value, transforms },
    );
  }

  private noteNormalization(result: NormalizeResult, path: string): void {
    const { context } = result;
    if (context.badPercentEncoding) this.malformed('bad_percent_encoding', path);
    if (context.invalidUtf8) this.malformed('invalid_utf8', path);
    if (context.overlongUtf8) this.malformed('overlong_utf8', path);
    if (result.roundsExhausted) this.malformed('excessive_encoding', path);
  }
}
