#!/usr/bin/env node
import { WaferError } from '../errors.js';
import { didYouMean } from '../util/did-you-mean.js';
import { checkCommand } from './check-command.js';
import { evalCommand } from './eval-command.js';
import { fieldsCommand } from './fields-command.js';
import { scanCommand } from './scan-command.js';

const COMMANDS: Record<string, (argv: string[], write: (text: string) => void) => Promise<number>> = {
  fields: fieldsCommand,
  check: checkCommand,
  scan: scanCommand,
  eval: evalCommand,
};

const HELP = `Usage: wafer <command> [options]

Commands:
  check [file]        inspect one request (evaluation record JSON or .http file) and explain the decision
  scan <access.log>   find attacks in an nginx/Apache access log (combined, common or JSON lines)
  eval <records.jsonl>
                      measure detection on labelled evaluation records (TPR, FPR, per class and source)
  fields [file]       print the fields extracted from a request (evaluation record JSON or .http file)

Run \`wafer <command> --help\` for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const write = (text: string) => process.stdout.write(`${text}\n`);
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    write(HELP);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (run === undefined) {
    const hint = didYouMean(command, Object.keys(COMMANDS));
    throw new WaferError(
      'WAFER_ERR_CLI_USAGE',
      `Unknown command "${command}".${hint ? ` Did you mean "${hint}"?` : ''}\n\n${HELP}`,
    );
  }
  return run(rest, write);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage =
      error instanceof WaferError || (error as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`wafer: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = usage ? 2 : 1;
  },
);
