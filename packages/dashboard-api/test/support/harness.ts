// A real dashboard API on an ephemeral loopback port, with a real database and API keys of each scope.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Waf } from '@wafer/core';
import type { StorageOptions } from '@wafer/storage';
import { createDashboardApi, type DashboardApi, type DashboardApiOptions } from '../../src/index.js';

export interface Harness {
  readonly api: DashboardApi;
  readonly url: string;
  readonly keys: { ingest: string; read: string; admin: string };
  call(
    pathname: string,
    init?: { method?: string; body?: unknown; key?: string | null; headers?: Record<string, string> },
  ): Promise<{
    status: number;
    headers: Headers;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are checked field by field
    json: any;
  }>;
  close(): Promise<void>;
}

export function tempSqlite(): { options: StorageOptions; dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'wafer-dashboard-'));
  return {
    options: { sqlite: { path: path.join(dir, 'wafer.db') } },
    dir,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function startHarness(options: DashboardApiOptions & { waf: Waf | false }): Promise<Harness> {
  const api = await createDashboardApi({
    onError: process.env.WAFER_TEST_DEBUG ? (e, c) => console.error(c, e) : () => {},
    ...options,
  });
  const { url } = await api.listen({ port: 0 });
  const make = async (scopes: string[]) =>
    (await api.storage.apiKeys.create({ name: `test-${scopes.join('-')}`, scopes })).secret;
  const keys = { ingest: await make(['ingest']), read: await make(['read']), admin: await make(['admin']) };
  return {
    api,
    url,
    keys,
    async call(pathname, init = {}) {
      const key = init.key === undefined ? keys.admin : init.key;
      const response = await fetch(`${url}${pathname}`, {
        method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
        body:
          init.body === undefined
            ? undefined
            : typeof init.body === 'string'
              ? init.body
              : JSON.stringify(init.body),
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = text;
      }
      return { status: response.status, headers: response.headers, json };
    },
    close: () => api.close(),
  };
}

/** Polls `condition` until it is truthy or `timeoutMs` passes (then throws with `what`). */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
