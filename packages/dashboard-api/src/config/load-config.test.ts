import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wafer-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('loadConfig', () => {
  it('defaults to port 3001, loopback and SQLite under ./data', () => {
    const c = loadConfig({}, {});
    expect(c).toMatchObject({
      port: 3001,
      host: '127.0.0.1',
      options: { storage: { sqlite: { path: './data/wafer.db' } } },
    });
  });

  it('reads YAML, then environment, then flags', () => {
    const config = file(
      'a.yaml',
      'port: 4000\nhost: 0.0.0.0\nstorage:\n  retention: { traffic: 7 }\ncors: { origins: [https://dash.example] }\nlogs:\n  - { path: /var/log/nginx/access.log, app: shop }\n',
    );
    const fromFile = loadConfig({ config }, {});
    expect(fromFile.port).toBe(4000);
    expect(fromFile.options).toMatchObject({
      storage: { retention: { traffic: 7 } },
      cors: { origins: ['https://dash.example'] },
      logs: [{ app: 'shop' }],
    });
    expect(loadConfig({ config }, { WAFER_DASHBOARD_PORT: '5000' }).port).toBe(5000);
    expect(loadConfig({ config, port: '6000' }, { WAFER_DASHBOARD_PORT: '5000' }).port).toBe(6000);
    const pg = loadConfig({ config, postgres: 'postgres://u:p@db/wafer' }, {});
    expect(pg.options.storage).toMatchObject({
      dialect: 'postgres',
      postgres: { connectionString: 'postgres://u:p@db/wafer' },
      retention: { traffic: 7 },
    });
    expect(loadConfig({}, { DATABASE_URL: 'postgres://x/y' }).options.storage).toMatchObject({
      postgres: { connectionString: 'postgres://x/y' },
    });
    expect(
      loadConfig(
        {},
        {
          WAFER_DASHBOARD_INSECURE_LOCAL: '1',
          WAFER_DASHBOARD_CORS_ORIGINS: 'http://localhost:5173, https://a.b',
        },
      ).options,
    ).toMatchObject({
      auth: { insecureLocal: true },
      cors: { origins: ['http://localhost:5173', 'https://a.b'] },
    });
  });

  it('explains what is wrong with a config', () => {
    expect(() => loadConfig({ config: path.join(dir, 'missing.yaml') }, {})).toThrow(
      /Cannot read the config file .*ENOENT/,
    );
    expect(() => loadConfig({ config: file('bad.yaml', 'port: [1,\n') }, {})).toThrow(/not valid YAML/);
    expect(() => loadConfig({ config: file('list.yaml', '- a\n') }, {})).toThrow(/mapping/);
    expect(() => loadConfig({ config: file('typo.yaml', 'prot: 1\n') }, {})).toThrow(/Unknown key `prot`/);
    expect(() => loadConfig({ port: 'http' }, {})).toThrow(/port number/);
    expect(() => loadConfig({ postgres: 'postgres://x/y', sqlite: 'a.db' }, {})).toThrow(/not both/);
  });
});
