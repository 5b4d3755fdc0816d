import type { IngestRecord } from '@wafer/storage';
import { describe, expect, it } from 'vitest';
import { createLiveCounters } from '../live/live-counters.js';
import { createAlertRules } from './alert-rules.js';

const OPTIONS = { spikeMinAttacks: 50, spikeFactor: 3, attackerThreshold: 20, silentAfterMs: 300_000 };

function attack(time: number, ip: string, type = 'sqli'): IngestRecord {
  return {
    key: null,
    traffic: {
      time,
      requestId: `r${time}${ip}`,
      ip,
      method: 'GET',
      path: '/x',
      action: 'block',
      attackClasses: [type],
    },
    threats: [{ time, type, severity: 'critical', ip, blocked: true, endpoint: '/x' }],
  };
}

describe('alert rules', () => {
  it('raises one new-threat alert per class and IP in a batch, with a stable group key', () => {
    let now = 1_000_000_000;
    const rules = createAlertRules(
      OPTIONS,
      createLiveCounters(() => now),
      () => now,
    );
    const alerts = rules.onRecords([
      attack(now, '198.51.100.1'),
      attack(now, '198.51.100.1'),
      attack(now, '198.51.100.2', 'xss'),
    ]);
    expect(alerts.map((a) => a.groupKey).sort()).toEqual([
      'threat:sqli:198.51.100.1',
      'threat:xss:198.51.100.2',
    ]);
    now += 1;
  });

  it('flags an IP that keeps attacking, once a minute at most', () => {
    let now = 1_000_000_000;
    const rules = createAlertRules(
      OPTIONS,
      createLiveCounters(() => now),
      () => now,
    );
    const batch = Array.from({ length: 25 }, (_, i) => attack(now - i * 1000, '203.0.113.5'));
    expect(rules.onRecords(batch).some((a) => a.groupKey === 'attacker:203.0.113.5')).toBe(true);
    now += 10_000;
    expect(
      rules.onRecords([attack(now, '203.0.113.5')]).some((a) => a.groupKey === 'attacker:203.0.113.5'),
    ).toBe(false);
    now += 60_000;
    expect(
      rules.onRecords([attack(now, '203.0.113.5')]).some((a) => a.groupKey === 'attacker:203.0.113.5'),
    ).toBe(true);
    now += 10 * 60_000; // the window has passed
    expect(
      rules.onRecords([attack(now, '203.0.113.5')]).some((a) => a.groupKey === 'attacker:203.0.113.5'),
    ).toBe(false);
  });

  it('detects a spike against the previous 15 minutes, not a steady rate', () => {
    let now = 1_000_000_000_000;
    const counters = createLiveCounters(() => now);
    const rules = createAlertRules(OPTIONS, counters, () => now);
    // A steady 60 attacks a minute for 16 minutes is not a spike…
    for (let m = 15; m >= 0; m--)
      counters.add(
        Array.from({ length: 60 }, (_, i) => attack(now - m * 60_000 - i * 900, `10.0.${m}.${i}`)),
      );
    expect(rules.evaluate([]).some((a) => a.groupKey === 'spike')).toBe(false);
    // …a jump to 400 in the last minute is.
    now += 60_000;
    counters.add(Array.from({ length: 400 }, (_, i) => attack(now - i * 100, `10.1.0.${i % 250}`)));
    const spike = rules.evaluate([]).find((a) => a.groupKey === 'spike');
    expect(spike?.description).toMatch(/^400 attacks in the last minute/);
  });

  it('reports an instance that went silent once per silence', () => {
    const now = 1_000_000_000_000;
    const rules = createAlertRules(
      OPTIONS,
      createLiveCounters(() => now),
      () => now,
    );
    const instance = {
      id: 'web-1',
      app: 'shop',
      sdk: null,
      mode: 'block',
      modelVersion: null,
      firstSeen: 0,
      lastSeen: now - 600_000,
      events: 10,
      failures: 0,
    };
    expect(rules.evaluate([instance]).map((a) => a.groupKey)).toEqual(['silent:web-1']);
    expect(rules.evaluate([instance])).toEqual([]);
    expect(rules.evaluate([{ ...instance, lastSeen: now - 1_000 }])).toEqual([]);
    expect(rules.evaluate([{ ...instance, lastSeen: now - 40 * 86_400_000 }])).toEqual([]);
  });
});
