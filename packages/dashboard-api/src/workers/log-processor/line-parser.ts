import {
  createJsonLogParser,
  parseAccessLogLine,
  parseAnyAccessLogLine,
  parseCombinedLogLine,
  parseCommonLogLine,
  type AccessLogLineParser,
  type JsonLogParserOptions,
} from '@wafer/core';

/** The layouts a log file can be read as; `auto` tells them apart line by line. */
export type LogFormat = 'auto' | 'combined' | 'common' | 'json';

/**
 * The parser for a file's format. `auto` reads a line starting with `{` as JSON (with `json`'s field names when
 * given) and anything else as Common or Combined Log Format.
 *
 * @throws {WaferError} `WAFER_ERR_INVALID_OPTION` from core when `json` names an unknown field.
 * @example
 * ```ts
 * const parse = lineParserFor('json', { fields: { target: 'request_uri' } });
 * parse('{"remote_addr":"192.0.2.1","method":"GET","request_uri":"/"}', 1).ok; // true
 * ```
 */
export function lineParserFor(format: LogFormat, json?: JsonLogParserOptions): AccessLogLineParser {
  switch (format) {
    case 'combined':
      return parseCombinedLogLine;
    case 'common':
      return parseCommonLogLine;
    case 'json':
      return createJsonLogParser(json);
    case 'auto': {
      if (json === undefined) return parseAnyAccessLogLine;
      const parseJson = createJsonLogParser(json);
      return (line, lineNumber) =>
        line.trimStart().startsWith('{') ? parseJson(line, lineNumber) : parseAccessLogLine(line, lineNumber);
    }
  }
}
