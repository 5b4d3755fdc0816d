import { parseArgs } from 'node:util';
import { createExtractor } from '../extract/extractor.js';
import { WaferError } from '../errors.js';
import { fieldToJson, formatExtraction } from './format-fields.js';
import { readInputRequests } from './read-input.js';

export const FIELDS_HELP = `Usage: wafer fields [file] [--json]

Prints the fields Wafer extracts from a request: where each piece of user input is
(path), what arrived (raw), the normalized value the model scores, and the transforms
that changed it, plus limit and malformed-input findings.

Input: an evaluation record (JSON, one object or JSON lines) or a raw HTTP request
(.http file), from [file] or standard input.

Options:
  --json   one JSON object per request: { request, fields, findings }
  -h, --help`;

/** `wafer fields`: returns the process exit code (1 when some input could not be read). */
export async function fieldsCommand(argv: string[], write: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    write(FIELDS_HELP);
    return 0;
  }
  if (positionals.length > 1)
    throw new WaferError('WAFER_ERR_CLI_USAGE', 'wafer fields takes at most one file.');
  const inputs = await readInputRequests(positionals[0]);
  const extractor = createExtractor();
  let failures = 0;
  for (const input of inputs) {
    if (!input.ok) {
      failures++;
      write(
        values.json
          ? JSON.stringify({ input: input.label, error: input.error })
          : `${input.label}: error: ${input.error}`,
      );
      continue;
    }
    const extraction = extractor.extract(input.request);
    if (values.json) {
      write(
        JSON.stringify({
          input: input.label,
          request: { method: input.request.method, target: input.request.target },
          fields: extraction.fields.map(fieldToJson),
          findings: extraction.findings,
          droppedFindings: extraction.droppedFindings,
        }),
      );
    } else {
      write(formatExtraction(input.label, input.request, extraction));
    }
  }
  return failures > 0 ? 1 : 0;
}
