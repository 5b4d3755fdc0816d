import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLogProcessorOptions, type LogProcessorOptions } from './log-processor-options.js';

const base: LogProcessorOptions = {
  files: [{ path: 'logs/access.log' }],
  inspect: async () => {
    throw new Error('not called');
  },
  sink: async () => {},
  offsets: { get: async () => undefined },
};

function attempt(options: unknown) {
  return () => resolveLogProcessorOptions(options as LogProcessorOptions);
}

describe('resolveLogProcessorOptions', () => {
  it('applies the defaults and resolves paths once', () => {
    const resolved = resolveLogProcessorOptions(base);
    expect(resolved).toMatchObject({ startAt: 'end', batchLines: 500, pollIntervalMs: 1_000 });
    expect(resolved.files[0]).toMatchObject({ path: path.resolve('logs/access.log'), app: null });
  });

  it('names an unknown option and the likely one', () => {
    expect(attempt({ ...base, batchLine: 10 })).toThrow(
      /unknown option `batchLine`\. Did you mean `batchLines`\?/,
    );
    expect(attempt({ ...base, files: [{ path: 'a.log', fromat: 'json' }] })).toThrow(
      /`files\[0\]\.fromat`\. Did you mean `files\[0\]\.format`\?/,
    );
  });

  it('rejects bad values with a message that says what is expected', () => {
    const invalid = { code: 'WAFER_ERR_DASHBOARD_INVALID_OPTION' };
    expect(attempt({ ...base, files: 'a.log' })).toThrow(/`files` must be a list/);
    expect(attempt({ ...base, files: [{ path: '' }] })).toThrow(/`files\[0\]\.path` must be the path/);
    expect(attempt({ ...base, files: [{ path: 'a.log', format: 'w3c' }] })).toThrow(
      /must be one of auto, combined/,
    );
    expect(attempt({ ...base, files: [{ path: 'a.log', format: 'common', json: {} }] })).toThrow(
      /applies to the 'json' and 'auto' formats only/,
    );
    expect(attempt({ ...base, files: [{ path: 'a.log', json: { fields: { uri: 'x' } } }] })).toThrow(
      /`files\[0\]\.json` is invalid: .*unknown field/,
    );
    expect(attempt({ ...base, batchLines: 0 })).toThrow(
      /`batchLines` must be an integer from 1 to 10000, got 0/,
    );
    expect(attempt({ ...base, startAt: 'start' })).toThrow(/`startAt` must be 'beginning' or 'end'/);
    expect(attempt({ ...base, offsets: {} })).toThrow(/`offsets` must have a get\(path\) method/);
    expect(attempt({ ...base, sink: undefined })).toThrow(expect.objectContaining(invalid));
  });

  it('rejects the same file listed twice, however it is spelled', () => {
    const files = [{ path: 'logs/access.log' }, { path: path.resolve('logs/../logs/access.log') }];
    expect(attempt({ ...base, files })).toThrow(
      /`files\[1\]\.path` and `files\[0\]\.path` are the same file/,
    );
  });
});
