// The traffic generator: benign traffic at a steady rate with waves of attacks, one class at a time, against a
// target URL; bounded in time; counts what came back. Used by the demo (examples/full-stack) and its tests.
import { ATTACK_CLASSES, attackRequest, benignRequest, clientIp } from './traffic.mjs';

/** Deterministic pseudo-random numbers (mulberry32), so a seed replays the same traffic. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LATENCY_SAMPLES = 2_000;

/**
 * @param {object} options
 * @param {string} options.target Base URL of the app, e.g. http://127.0.0.1:3000
 * @param {number} [options.rate] Requests per second (default 40).
 * @param {number} [options.durationMs] Stops by itself after this long (default 60,000; required to be finite).
 * @param {number} [options.waveEveryMs] A wave of one attack class starts this often (default 8,000) …
 * @param {number} [options.waveMs] … and lasts this long (default 3,000), with `waveShare` of requests attacks.
 * @param {number} [options.waveShare] Default 0.4.
 * @param {number} [options.backgroundShare] Attacks of random classes between waves. Default 0.03.
 * @param {number} [options.maxInFlight] Requests outstanding at once; beyond it a tick's requests are skipped. Default 64.
 * @param {number} [options.seed] Default 42.
 */
export function createTrafficGenerator(options) {
  const target = new URL(options.target);
  const rate = options.rate ?? 40;
  const durationMs = options.durationMs ?? 60_000;
  if (!(rate > 0 && rate <= 5_000)) throw new Error(`rate must be 1–5000 requests/s, got ${rate}`);
  if (!(durationMs > 0 && Number.isFinite(durationMs)))
    throw new Error(`durationMs must be a finite positive number, got ${durationMs}`);
  const waveEveryMs = options.waveEveryMs ?? 8_000;
  const waveMs = options.waveMs ?? 3_000;
  const waveShare = options.waveShare ?? 0.4;
  const backgroundShare = options.backgroundShare ?? 0.03;
  const maxInFlight = options.maxInFlight ?? 64;
  const random = seeded(options.seed ?? 42);

  const stats = {
    startedAt: 0,
    elapsedMs: 0,
    sent: 0,
    done: 0,
    skipped: 0,
    errors: 0,
    status: {},
    benign: { sent: 0, blocked: 0 },
    attacks: Object.fromEntries(ATTACK_CLASSES.map((c) => [c, { sent: 0, blocked: 0 }])),
    wave: null,
  };
  const latencies = new Float64Array(LATENCY_SAMPLES);
  let latencyCount = 0;
  let inFlight = 0;
  let timer;
  let stopTimer;
  let resolveDone;
  const done = new Promise((resolve) => (resolveDone = resolve));
  let stopped = false;
  let credit = 0;
  let lastTick = 0;

  function currentWave(elapsed) {
    const index = Math.floor(elapsed / waveEveryMs);
    const inWave = elapsed - index * waveEveryMs < waveMs && index > 0;
    return inWave ? ATTACK_CLASSES[(index - 1) % ATTACK_CLASSES.length] : null;
  }

  async function send() {
    const elapsed = performance.now() - stats.startedAt;
    const wave = currentWave(elapsed);
    stats.wave = wave;
    const isAttack = wave ? random() < waveShare : random() < backgroundShare;
    const attackClass = isAttack
      ? (wave ?? ATTACK_CLASSES[Math.floor(random() * ATTACK_CLASSES.length)])
      : null;
    const request = attackClass ? attackRequest(attackClass, random) : benignRequest(random);
    // The app trusts its loopback proxy (`trust proxy`): this header is how the demo has many clients.
    const headers = { ...request.headers, 'x-forwarded-for': clientIp(random, Boolean(attackClass)) };
    const bucket = attackClass ? stats.attacks[attackClass] : stats.benign;
    bucket.sent++;
    stats.sent++;
    inFlight++;
    const started = performance.now();
    try {
      const response = await fetch(new URL(request.path, target), {
        method: request.method,
        headers,
        body: request.body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      stats.status[response.status] = (stats.status[response.status] ?? 0) + 1;
      if (response.status === 403) bucket.blocked++;
      latencies[latencyCount++ % LATENCY_SAMPLES] = performance.now() - started;
    } catch {
      stats.errors++;
    } finally {
      inFlight--;
      stats.done++;
    }
  }

  function tick() {
    const now = performance.now();
    stats.elapsedMs = now - stats.startedAt;
    credit += ((now - lastTick) / 1000) * rate;
    lastTick = now;
    while (credit >= 1) {
      credit -= 1;
      if (inFlight >= maxInFlight) {
        stats.skipped++;
        continue;
      }
      void send();
    }
  }

  async function stop() {
    if (stopped) return done;
    stopped = true;
    clearInterval(timer);
    clearTimeout(stopTimer);
    const deadline = Date.now() + 10_000;
    while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    stats.elapsedMs = performance.now() - stats.startedAt;
    resolveDone(summary());
    return done;
  }

  function percentile(p) {
    const n = Math.min(latencyCount, LATENCY_SAMPLES);
    if (n === 0) return null;
    const sorted = Array.from(latencies.subarray(0, n)).sort((a, b) => a - b);
    return sorted[Math.min(n - 1, Math.floor(p * n))];
  }

  function summary() {
    return { ...stats, latencyMs: { p50: percentile(0.5), p99: percentile(0.99) }, inFlight };
  }

  return {
    /** Starts sending; resolves `done` with the summary when the duration is over or `stop()` is called. */
    start() {
      stats.startedAt = lastTick = performance.now();
      timer = setInterval(tick, 50);
      stopTimer = setTimeout(stop, durationMs);
      return done;
    },
    stop,
    summary,
    done,
  };
}

/** One line for a console: totals, blocked, latency and each attack class's blocked/sent. */
export function formatSummary(s) {
  const ms = (v) => (v === null ? '-' : `${v.toFixed(1)} ms`);
  const attacks = Object.entries(s.attacks).filter(([, v]) => v.sent > 0);
  const attacksSent = attacks.reduce((n, [, v]) => n + v.sent, 0);
  const attacksBlocked = attacks.reduce((n, [, v]) => n + v.blocked, 0);
  const perSecond = s.elapsedMs > 0 ? (s.done / s.elapsedMs) * 1000 : 0;
  return (
    [
      `${(s.elapsedMs / 1000).toFixed(0).padStart(4)} s  ${String(s.done).padStart(6)} requests (${perSecond.toFixed(0)}/s)`,
      `attacks blocked ${attacksBlocked}/${attacksSent}`,
      `benign blocked ${s.benign.blocked}/${s.benign.sent}`,
      `429 ${s.status[429] ?? 0}`,
      `errors ${s.errors}`,
      `p50 ${ms(s.latencyMs.p50)} p99 ${ms(s.latencyMs.p99)}`,
      s.wave ? `wave: ${s.wave}` : 'between waves',
    ].join(' | ') +
    (attacks.length > 0
      ? `\n       by class: ${attacks.map(([c, v]) => `${c} ${v.blocked}/${v.sent}`).join('  ')}`
      : '')
  );
}
