import { describe, expect, it } from 'vitest';
import { WaferStorageError } from './errors.js';
import { DEFAULT_OPTIONS, resolveOptions, type StorageOptions } from './options.js';

const message = (options: unknown) => {
  try {
    resolveOptions(options as StorageOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(WaferStorageError);
    expect((error as WaferStorageError).code).toBe('WAFER_ERR_STORAGE_INVALID_OPTION');
    return (error as Error).message;
  }
  throw new Error('expected the options to be rejected');
};

describe('resolveOptions', () => {
  it('defaults to SQLite at ./data/wafer.db, migrating on open', () => {
    const resolved = resolveOptions();
    expect(resolved).toMatchObject({ dialect: 'sqlite', migrate: true, postgres: undefined });
    expect(resolved.sqlite.path).toBe('./data/wafer.db');
    expect(resolved.retention).toEqual(DEFAULT_OPTIONS.retention);
    expect(resolved.redaction.evidenceMaxLength).toBe(256);
  });

  it('infers PostgreSQL and fills pool defaults', () => {
    const resolved = resolveOptions({
      postgres: { connectionString: 'postgres://localhost/w', pool: { max: 3 } },
    });
    expect(resolved.dialect).toBe('postgres');
    expect(resolved.postgres).toEqual({
      connectionString: 'postgres://localhost/w',
      pool: { max: 3, idleTimeoutMs: 30_000, connectionTimeoutMs: 10_000 },
    });
  });

  it('merges partial nested options and treats undefined as "use the default"', () => {
    const resolved = resolveOptions({
      retention: { traffic: 7, threats: undefined },
      sqlite: { path: undefined },
    });
    expect(resolved.retention.traffic).toBe(7);
    expect(resolved.retention.threats).toBe(90);
    expect(resolved.sqlite.path).toBe('./data/wafer.db');
  });

  it('suggests the closest name for a typo, at any depth', () => {
    expect(message({ sqlite: { pth: 'x.db' } })).toMatch(
      /Unknown option `sqlite\.pth`\. Did you mean `sqlite\.path`\?/,
    );
    expect(message({ retension: {} })).toMatch(/Did you mean `retention`\?/);
    expect(message({ postgres: { connectionString: 'x', pool: { maxx: 1 } } })).toMatch(
      /`postgres\.pool\.maxx`\. Did you mean `postgres\.pool\.max`\?/,
    );
    expect(message({ zzzzzz: 1 })).toMatch(/Unknown option `zzzzzz`\. Known options: `dialect`, `sqlite`/);
  });

  it('names the option, the expected type and what it got', () => {
    expect(message({ migrate: 'yes' })).toBe('Option `migrate` must be true or false, got "yes".');
    expect(message({ retention: { traffic: 0 } })).toBe(
      'Option `retention.traffic` must be an integer from 1 to 36500, got number 0.',
    );
    expect(message({ sqlite: 'x.db' })).toBe('Option `sqlite` must be an object, got "x.db".');
    expect(message({ redaction: { queryParams: ['ok', ''] } })).toMatch(/an array of non-empty strings/);
    expect(message({ dialect: 'mysql' })).toMatch(/'sqlite' or 'postgres'/);
  });

  it('catches two databases at once and a dialect without its settings', () => {
    expect(message({ sqlite: {}, postgres: { connectionString: 'x' } })).toMatch(/both given: pick one/);
    expect(message({ dialect: 'postgres' })).toMatch(/needs `postgres\.connectionString`/);
    expect(message({ dialect: 'sqlite', postgres: { connectionString: 'x' } })).toMatch(/drop one of them/);
  });

  it('keeps rollups at least as long as raw traffic', () => {
    expect(message({ retention: { traffic: 30, rollups: 7 } })).toMatch(
      /`retention.rollups` \(7 days\) must be at least/,
    );
    expect(resolveOptions({ retention: { traffic: 7, rollups: 7 } }).retention.rollups).toBe(7);
  });

  it('rejects a non-object', () => {
    expect(message('wafer.db')).toMatch(/takes one options object/);
    expect(message(null)).toMatch(/takes one options object/);
  });
});
