import { describe, expect, it } from 'vitest';
import { DEFAULT_WAF_OPTIONS, resolveWafOptions } from './options.js';

const invalid = (options: unknown) => {
  try {
    resolveWafOptions(options as never);
  } catch (error) {
    expect(error).toMatchObject({ code: 'WAFER_ERR_INVALID_OPTION' });
    return (error as Error).message;
  }
  throw new Error('expected WAFER_ERR_INVALID_OPTION');
};

describe('resolveWafOptions', () => {
  it('returns the documented defaults', () => {
    expect(resolveWafOptions(undefined)).toBe(DEFAULT_WAF_OPTIONS);
    expect(resolveWafOptions({})).toMatchObject({
      mode: 'monitor',
      onTimeout: 'allow',
      onError: 'allow',
      timeBudgetMs: 50,
      fastPath: true,
      evidence: true,
      worker: true,
    });
  });

  it('says how to fix typos', () => {
    expect(invalid({ mdoe: 'block' })).toMatch(/unknown option `mdoe`.*Did you mean `mode`/);
    expect(invalid({ mode: 'blok' })).toMatch(/`mode` must be 'monitor' or 'block'.*Did you mean 'block'/);
    expect(invalid({ cache: { maxEntires: 5 } })).toMatch(/Did you mean `cache.maxEntries`/);
    expect(invalid({ thresholds: { atack: 0.5 } })).toMatch(/Did you mean `thresholds.attack`/);
  });

  it('rejects wrong types and ranges', () => {
    expect(invalid('block')).toMatch(/options must be an object/);
    expect(invalid({ timeBudgetMs: 0 })).toMatch(/timeBudgetMs/);
    expect(invalid({ thresholds: { attack: 1.5 } })).toMatch(/between 0 and 1/);
    expect(invalid({ thresholds: { classes: { xss: 0 } } })).toMatch(/thresholds.classes.xss/);
    expect(invalid({ model: { path: '' } })).toMatch(/model.path/);
    expect(invalid({ model: { path: 'a', bytes: {} } })).toMatch(/exactly one of `path`, `url` or `bytes`/);
    expect(invalid({ model: { bytes: { manifest: '{}', model: 'x', tokenizer: '{}' } } })).toMatch(
      /Uint8Array/,
    );
    expect(invalid({ batching: { maxBatch: 0 } })).toMatch(/batching.maxBatch/);
    expect(invalid({ batching: { maxTokens: 0.5 } })).toMatch(/batching.maxTokens/);
    expect(invalid({ batching: { maxToken: 512 } })).toMatch(/maxToken/);
    expect(invalid({ fastPath: 'yes' })).toMatch(/true or false/);
  });

  it('turns the cache off with false and fills partial sub-options', () => {
    expect(resolveWafOptions({ cache: false }).cache).toBe(false);
    expect(resolveWafOptions({ cache: { maxEntries: 5 } }).cache).toEqual({
      maxEntries: 5,
      maxValueLength: 512,
    });
    expect(resolveWafOptions({ thresholds: { classes: { xss: 0.9 } } }).thresholds).toEqual({
      classes: { xss: 0.9 },
    });
  });
});
