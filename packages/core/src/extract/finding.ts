/** Which configured limit was exceeded. Names match the keys of `ExtractorLimits`. */
export type LimitName =
  | 'maxUrlLength'
  | 'maxHeaderCount'
  | 'maxHeaderBytes'
  | 'maxBodyBytes'
  | 'maxJsonDepth'
  | 'maxFields'
  | 'maxValueLength'
  | 'maxMultipartParts'
  /** Model windows per field (`createWaf`): the middle of a longer value was not scored. */
  | 'maxWindows';

/** What kind of malformed input was seen. */
export type MalformedReason =
  | 'bad_percent_encoding'
  | 'invalid_utf8'
  | 'overlong_utf8'
  | 'broken_json'
  | 'bad_multipart'
  | 'bad_request_line'
  | 'bad_header'
  | 'bad_chunked_encoding'
  | 'content_type_mismatch'
  | 'excessive_encoding';

/** A limit was exceeded: inspection went on with what fit, and says so. */
export interface LimitExceededFinding {
  readonly kind: 'limit_exceeded';
  readonly limit: LimitName;
  /** The configured limit. */
  readonly max: number;
  /** How much was seen (bytes, count, depth or characters — the unit of the limit), when known. */
  readonly actual?: number;
  /** Where it happened (a field path or a location such as `body`). */
  readonly path?: string;
}

/** Input that did not follow its format. It was parsed leniently; attackers send such input on purpose. */
export interface MalformedInputFinding {
  readonly kind: 'malformed_input';
  readonly reason: MalformedReason;
  readonly path?: string;
  readonly detail?: string;
}

/** Something the parser noticed about the request itself rather than one field's content. */
export type Finding = LimitExceededFinding | MalformedInputFinding;
