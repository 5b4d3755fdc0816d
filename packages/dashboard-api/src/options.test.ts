import { describe, expect, it } from 'vitest';
import { DEFAULT_DASHBOARD_OPTIONS, resolveDashboardOptions } from './options.js';

describe('resolveDashboardOptions', () => {
  it('applies every default', () => {
    const o = resolveDashboardOptions();
    expect(o.auth).toEqual(DEFAULT_DASHBOARD_OPTIONS.auth);
    expect(o.limits).toEqual(DEFAULT_DASHBOARD_OPTIONS.limits);
    expect(o.cors.origins).toEqual([]);
    expect(o.logs).toEqual([]);
  });

  it('names unknown options and suggests the right one', () => {
    expect(() => resolveDashboardOptions({ prot: 1 } as never)).toThrow(/Unknown option `prot`/);
    expect(() => resolveDashboardOptions({ websocket: { heartbeatMS: 1 } } as never)).toThrow(
      /Did you mean `websocket.heartbeatMs`\?/,
    );
    expect(() => resolveDashboardOptions({ limits: { bodyBytes: -1 } })).toThrow(
      /`limits.bodyBytes` must be a positive integer/,
    );
  });

  it('checks CORS origins, log files and the engine', () => {
    expect(() => resolveDashboardOptions({ cors: { origins: ['https://a.example/path'] } })).toThrow(
      /scheme and host/,
    );
    expect(
      resolveDashboardOptions({ cors: { origins: ['https://a.example', '*'] } }).cors.origins,
    ).toHaveLength(2);
    expect(() => resolveDashboardOptions({ logs: [{ path: '' }] })).toThrow(/logs\[0\]\.path/);
    expect(() => resolveDashboardOptions({ logs: [{ path: '/x', format: 'xml' as never }] })).toThrow(
      /logs\[0\]\.format/,
    );
    expect(() => resolveDashboardOptions({ waf: 'yes' as never })).toThrow(/`waf`/);
    expect(resolveDashboardOptions({ waf: false }).waf).toBe(false);
    expect(() => resolveDashboardOptions({ alerts: { spikeFactor: 0.5 } })).toThrow(/spikeFactor/);
  });
});
