import type { AlertInput, IngestRecord, InstanceRecord } from '@wafer/storage';
import { classTitle, failureOf } from '../ingest/from-wire.js';
import type { LiveCounters } from '../live/live-counters.js';

export interface AlertRuleOptions {
  readonly spikeMinAttacks: number;
  readonly spikeFactor: number;
  readonly attackerThreshold: number;
  readonly silentAfterMs: number;
}

const ATTACKER_WINDOW_MS = 5 * 60_000;

/**
 * The alert rules. Each alert has a `groupKey`; storage folds occurrences with the same key into the open
 * alert, so one campaign is one alert whose count grows:
 * - `threat:<class>:<ip>` — a new critical/high threat (first seen from that IP for that class);
 * - `attacker:<ip>` — one IP sent ≥ `attackerThreshold` attacks within 5 minutes;
 * - `spike` — attacks in the last minute ≥ `spikeMinAttacks` and ≥ `spikeFactor` × the previous 15 minutes' mean;
 * - `failures:<instance>` — an instance reports model errors or time-budget overruns;
 * - `silent:<instance>` — an instance that reported stopped for `silentAfterMs`.
 */
export function createAlertRules(options: AlertRuleOptions, counters: LiveCounters, now: () => number) {
  // Per-IP attack times within the window; bounded by the number of attacking IPs in 5 minutes.
  const attackers = new Map<string, number[]>();
  const alerted = new Map<string, number>(); // attacker:<ip> → last raise, so a flood raises once a minute
  const failures = new Map<string, { count: number; kinds: Set<string> }>();
  const silenceRaised = new Map<string, number>(); // instance → the lastSeen its silence was reported for

  return {
    /** Alerts caused directly by newly stored records. */
    onRecords(records: readonly IngestRecord[]): AlertInput[] {
      const alerts: AlertInput[] = [];
      const time = now();
      const newThreats = new Map<string, AlertInput>();
      for (const record of records) {
        const t = record.traffic;
        const failed = failureOf.get(record);
        if (failed) {
          const f = failures.get(failed.instanceId) ?? { count: 0, kinds: new Set<string>() };
          f.count++;
          f.kinds.add(failed.failure);
          failures.set(failed.instanceId, f);
        }
        for (const threat of record.threats ?? []) {
          if (threat.severity !== 'critical' && threat.severity !== 'high') continue;
          const key = `threat:${threat.type}:${threat.ip}`;
          if (!newThreats.has(key))
            newThreats.set(key, {
              type: threat.severity === 'critical' ? 'critical' : 'warning',
              severity: 'high',
              title: `${classTitle(threat.type)} from ${threat.ip}`,
              description: `${threat.blocked ? 'Blocked' : 'Not blocked'}: ${t.method} ${t.path}${threat.fieldPath ? ` (${threat.fieldPath})` : ''}.`,
              source: 'detector',
              groupKey: key,
              time: threat.time,
            });
        }
        if ((t.attackClasses?.length ?? 0) > 0) {
          const times = attackers.get(t.ip) ?? [];
          times.push(t.time);
          attackers.set(t.ip, times);
        }
      }
      alerts.push(...newThreats.values());
      for (const [ip, times] of attackers) {
        while (times.length > 0 && times[0]! < time - ATTACKER_WINDOW_MS) times.shift();
        if (times.length === 0) {
          attackers.delete(ip);
          continue;
        }
        if (times.length >= options.attackerThreshold && time - (alerted.get(ip) ?? 0) >= 60_000) {
          alerted.set(ip, time);
          alerts.push({
            type: 'critical',
            severity: 'high',
            title: `Repeated attacks from ${ip}`,
            description: `${times.length} attacks in the last 5 minutes. Consider a deny-list entry or a ban.`,
            source: 'detector',
            groupKey: `attacker:${ip}`,
            time,
          });
        }
      }
      for (const [key, at] of alerted) if (at < time - ATTACKER_WINDOW_MS) alerted.delete(key);
      return alerts;
    },

    /** Alerts from periodic evaluation (spikes, failures, silent instances). */
    evaluate(instances: readonly InstanceRecord[]): AlertInput[] {
      const alerts: AlertInput[] = [];
      const time = now();
      const last = counters.window(60);
      const before = counters.window(16 * 60, 60);
      const baseline = before.attacks / 15;
      if (last.attacks >= options.spikeMinAttacks && last.attacks >= options.spikeFactor * baseline)
        alerts.push({
          type: 'critical',
          severity: 'high',
          title: 'Attack spike',
          description: `${last.attacks} attacks in the last minute (previous 15 minutes: ${baseline.toFixed(1)}/min).`,
          source: 'detector',
          groupKey: 'spike',
          time,
        });
      for (const [instance, f] of failures)
        alerts.push({
          type: 'warning',
          severity: 'medium',
          title: `Inspection failures on ${instance}`,
          description: `${f.count} requests were not fully inspected (${[...f.kinds].join(', ')}); they followed the instance's onError policy.`,
          source: `instance:${instance}`,
          groupKey: `failures:${instance}`,
          time,
        });
      failures.clear();
      for (const instance of instances) {
        const silentFor = time - instance.lastSeen;
        // Only instances seen recently enough to matter: one retired a month ago is not news every 10 s.
        if (silentFor < options.silentAfterMs || silentFor >= 24 * 3_600_000) continue;
        // One alert per silence, not one occurrence per evaluation.
        if (silenceRaised.get(instance.id) === instance.lastSeen) continue;
        silenceRaised.set(instance.id, instance.lastSeen);
        alerts.push({
          type: 'warning',
          severity: 'medium',
          title: `Instance ${instance.id} stopped reporting`,
          description: `No events from ${instance.id}${instance.app ? ` (app ${instance.app})` : ''} for ${Math.round(silentFor / 60_000)} min.`,
          source: `instance:${instance.id}`,
          groupKey: `silent:${instance.id}`,
          time: instance.lastSeen,
        });
      }
      return alerts;
    },
  };
}

export type AlertRules = ReturnType<typeof createAlertRules>;
