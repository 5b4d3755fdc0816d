import { parseArgs } from 'node:util';
import { createExtractor } from '../extract/extractor.js';
import { WaferError } from '../errors.js';
import { createWaf } from '../waf/node/create-waf.js';
import { parseChoice, parseThreshold } from './cli-options.js';
import { BRACKETS, formatDecision, REVERSE_VIDEO } from './format-decision.js';
import { readInputRequests } from './read-input.js';

export const CHECK_HELP = `Usage: wafer check [file] [--json] [--mode monitor|block] [--threshold X]

Inspects one request with the shipped model and explains the decision: action, score,
attackScore (1-99, lower = more likely an attack), class, each attack finding with the field
path and the evidence span in its value, parser findings, timings and what decided
(fast-path, cache or model).

Input: an evaluation record (JSON: method, url, headers, body?) or a raw HTTP request
(.http file), from [file] or standard input. JSON lines give one report per line.

Options:
  --json            print the Decision as JSON (one object per request)
  --mode M          monitor (default) or block: what \`action\` says for an attack
  --threshold X     attack threshold on the request score, 0 < X < 1 (default: the model's)
  -h, --help

Exit status: 0 when every request was inspected (attack or not), 1 when some input could
not be read, 2 for a usage error.`;

/**
 * `wafer check`: inspects each request read from a file or stdin and prints the decision.
 * Returns the exit code (1 when some input could not be read).
 */
export async function checkCommand(argv: string[], write: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      mode: { type: 'string' },
      threshold: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    write(CHECK_HELP);
    return 0;
  }
  if (positionals.length > 1)
    throw new WaferError('WAFER_ERR_CLI_USAGE', 'wafer check takes at most one file.');
  const mode = parseChoice(values.mode, ['monitor', 'block'] as const, '--mode', 'check');
  const attack = parseThreshold(values.threshold, 'check');
  const inputs = await readInputRequests(positionals[0]);

  const waf = await createWaf({
    ...(mode === undefined ? {} : { mode }),
    ...(attack === undefined ? {} : { thresholds: { attack } }),
  });
  try {
    // The same extractor options as the engine: the fields it shows are the fields that were scored.
    const extractor = createExtractor(waf.options.extractor);
    const highlight =
      process.stdout.isTTY === true && process.env.NO_COLOR === undefined ? REVERSE_VIDEO : BRACKETS;
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
      const decision = await waf.inspect(input.request);
      if (values.json) {
        write(JSON.stringify(decision));
        continue;
      }
      write(
        formatDecision({
          label: input.label,
          request: input.request,
          decision,
          fields: extractor.extract(input.request).fields,
          threshold: waf.model.thresholds.attack,
          highlight,
        }),
      );
    }
    return failures > 0 ? 1 : 0;
  } finally {
    await waf.close();
  }
}
