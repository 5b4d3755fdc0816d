import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Decision, Waf } from '@wafer/core';
import { checkAccess, storeKeys } from './access/check-access.js';
import { clientKey, parseIp, type IpBytes } from './access/ip-address.js';
import type { EngineLoader } from './engine-loader.js';
import { failureOf, judgeDecision } from './judge-decision.js';
import type { ErrorPolicy, WafExpressRequest, WafMode } from './options/options.js';
import type { ResolvedOptions } from './options/resolve-options.js';
import type { EventQueue } from './report/event-queue.js';
import { toEvent } from './report/to-event.js';
import { clientIpOf } from './request/client-ip.js';
import { planBody, readBody, type BodyPlan, type InspectedBody } from './request/request-body.js';
import { toWafRequest } from './request/to-waf-request.js';
import { setVerdict } from './request/verdict-slot.js';
import { block } from './respond.js';
import { pathOf } from './routes/route-pattern.js';
import type { CompiledRoute } from './routes/route-table.js';
import type { Counters } from './stats.js';
import type { WafStore } from './store/store.js';
import type { FailureKind, MutableVerdict, VerdictReason, WafVerdict } from './verdict.js';

/** What the handler shares with the rest of the middleware. */
export interface Runtime {
  readonly loader: EngineLoader;
  readonly store: WafStore | undefined;
  /** `undefined` when nobody consumes decisions: then nothing is built for reporting at all. */
  readonly queue: EventQueue | undefined;
  readonly counters: Counters;
  closed: boolean;
  /** Requests being evaluated; `close()` waits for them (bounded) before flushing reports. */
  active: number;
  onIdle: (() => void) | undefined;
  /**
   * Reports waiting for their evidence (the engine's lazy `explain`), chained so events keep their order;
   * `undefined` when none waits. `close()` waits for it (bounded) before flushing.
   */
  explaining: Promise<void> | undefined;
}

type Next = (error?: unknown) => void;

/** Per-request state, from the middleware to the report. */
interface RequestContext {
  readonly req: WafExpressRequest;
  readonly res: ServerResponse;
  readonly next: Next;
  readonly time: number;
  readonly start: number;
  readonly method: string;
  readonly target: string;
  readonly route: CompiledRoute | undefined;
  readonly ipBytes: IpBytes | undefined;
  /** The policy in effect: block mode and no dry run. */
  readonly enforce: boolean;
  readonly onError: ErrorPolicy;
  readonly verdict: MutableVerdict;
  proceeded: boolean;
  final: boolean;
  responseDone: boolean;
  reported: boolean;
  status: number | null;
  latencyMs: number | null;
  waiters: ((verdict: WafVerdict) => void)[] | undefined;
}

const NO_BODY: InspectedBody['info'] = { source: 'none', bytes: 0, truncated: false };
const RESOLVED: Promise<void> = Promise.resolve();
/**
 * Background inspections in progress, for `verdictOf`. A Map rather than a property on `req` (adding one to
 * an Express request costs microseconds, see verdict-slot.ts) or a WeakMap (ephemerons are costly for the
 * garbage collector): every entry is deleted when its verdict is final, and every background inspection ends.
 */
const contexts = new Map<object, RequestContext>();
const NONE: readonly string[] = Object.freeze([]);

/**
 * A verdict with every field present from the start, in one order: verdicts then share one hidden class,
 * and the stores that fill them in stay monomorphic on the hot path.
 */
function newVerdict(mode: WafMode, dryRun: boolean, route: string | undefined, ip: string): MutableVerdict {
  return {
    requestId: randomUUID(),
    action: 'allow',
    reason: undefined,
    status: undefined,
    retryAfterS: undefined,
    mode,
    dryRun,
    route,
    ip,
    attack: false,
    attackClass: undefined,
    attackClasses: NONE,
    failure: undefined,
    storeError: false,
    body: NO_BODY,
    decision: undefined,
  };
}

/**
 * Resolves with a request's verdict: at once when it is known (block mode, `awaitInMonitor`), or when the
 * background inspection of monitor mode ends. `undefined` for requests the middleware did not inspect (a
 * `skip` route, an allow-listed address) or did not see.
 *
 * @example
 * ```ts
 * app.post('/orders', async (req, res) => {
 *   const verdict = await verdictOf(req); // monitor mode: waits for the background decision
 *   if (verdict?.attack) flagForReview(req.body, verdict.requestId);
 * });
 * ```
 */
export function verdictOf(req: object): Promise<WafVerdict | undefined> {
  const known = (req as { waf?: WafVerdict }).waf;
  if (known !== undefined) return Promise.resolve(known);
  const ctx = contexts.get(req);
  if (ctx === undefined) return Promise.resolve(undefined);
  if (ctx.final) return Promise.resolve(ctx.verdict);
  return new Promise((resolve) => (ctx.waiters ??= []).push(resolve));
}

/** Builds the per-request function of the middleware from validated options. */
export function createRequestHandler(config: ResolvedOptions, runtime: Runtime) {
  const { counters, loader, queue, store } = runtime;
  const needsIpBytes = config.allowList !== undefined || config.denyList !== undefined || config.needsStore;

  function proceed(ctx: RequestContext): void {
    if (ctx.proceeded) return;
    ctx.proceeded = true;
    try {
      ctx.next();
    } catch (error) {
      // Express catches what handlers throw; another framework's `next` might not. The error is the app's,
      // and it must not become an unhandled rejection in our promise chain.
      process.emitWarning(`@wafer/express: next() threw: ${String(error)}`);
    }
  }

  function watchResponse(ctx: RequestContext): void {
    if (queue === undefined) return;
    ctx.res.once('close', () => {
      ctx.responseDone = true;
      ctx.status = ctx.res.headersSent ? ctx.res.statusCode : null;
      ctx.latencyMs = Math.round((performance.now() - ctx.start) * 100) / 100;
      report(ctx);
    });
  }

  function report(ctx: RequestContext): void {
    if (queue === undefined || !ctx.final || !ctx.responseDone || ctx.reported) return;
    ctx.reported = true;
    const decision = ctx.verdict.decision;
    const engine = decision?.attack ? loader.current() : undefined;
    if (engine === undefined && runtime.explaining === undefined) return pushEvent(ctx);
    // An attack's evidence is searched now, after the response (lazy evidence): the client never waited for
    // it. Later events queue behind it so `onDecision` and reporters still see decisions in order.
    const explained = engine && decision ? engine.explain(decision) : undefined;
    const tail = (runtime.explaining ?? RESOLVED).then(async () => {
      if (explained) ctx.verdict.decision = await explained;
      pushEvent(ctx);
    });
    runtime.explaining = tail;
    void tail.finally(() => {
      if (runtime.explaining === tail) runtime.explaining = undefined;
    });
  }

  function pushEvent(ctx: RequestContext): void {
    // Called from a 'close' listener or a promise: whatever goes wrong here must not escape.
    try {
      const length = Number(ctx.res.getHeader('content-length'));
      queue!.push(
        toEvent(
          ctx.verdict,
          {
            time: ctx.time,
            method: ctx.method,
            target: ctx.target,
            headers: ctx.req.headers,
            status: ctx.status,
            latencyMs: ctx.latencyMs,
            responseSize: Number.isFinite(length) ? length : null,
          },
          config.redactor,
        ),
      );
    } catch {
      counters.failures.internal_error++;
    }
  }

  function flag(v: MutableVerdict, reason: VerdictReason): void {
    v.reason ??= reason;
  }

  function fail(ctx: RequestContext, kind: FailureKind): void {
    ctx.verdict.failure ??= kind;
  }

  /**
   * Everything but the response: access checks, body, engine, judgement. Never rejects. The common case (no
   * store, body already at hand, engine loaded) is one promise from the engine and one continuation.
   */
  function evaluate(ctx: RequestContext, plan: BodyPlan): Promise<void> {
    try {
      if (config.denyList !== undefined && ctx.ipBytes !== undefined && config.denyList.has(ctx.ipBytes)) {
        flag(ctx.verdict, 'ip-deny');
        if (ctx.enforce) return RESOLVED;
      }
      const client = ctx.ipBytes === undefined ? undefined : clientKey(ctx.ipBytes, config.ipv6Subnet);
      if (plan.kind === 'ready' && (store === undefined || client === undefined))
        return inspectBody(ctx, plan.body, client);
      return checkThenInspect(ctx, plan, client);
    } catch {
      fail(ctx, 'internal_error');
      return RESOLVED;
    }
  }

  async function checkThenInspect(
    ctx: RequestContext,
    plan: BodyPlan,
    client: string | undefined,
  ): Promise<void> {
    const v = ctx.verdict;
    try {
      // The body is read while the store answers.
      const body = plan.kind === 'read' ? readBody(ctx.req, plan.encoding, config.maxBodyBytes) : plan.body;
      if (store !== undefined && client !== undefined) {
        const access = await checkAccess(
          store,
          client,
          config.rateLimit,
          ctx.route?.rateLimit,
          ctx.route?.index ?? -1,
          config.bans,
          config.storeTimeoutMs,
        );
        if (access.storeError) {
          v.storeError = true;
          counters.storeErrors++;
        }
        if (access.bannedForMs > 0) {
          flag(v, 'banned');
          v.retryAfterS = Math.ceil(access.bannedForMs / 1000);
        } else if (access.limited !== undefined) {
          flag(v, 'rate-limit');
          v.retryAfterS = Math.max(1, Math.ceil(access.limited.retryAfterMs / 1000));
        }
        if (ctx.enforce && v.reason !== undefined) return;
      }
      await inspectBody(ctx, await body, client);
    } catch {
      fail(ctx, 'internal_error');
    }
  }

  function inspectBody(ctx: RequestContext, body: InspectedBody, client: string | undefined): Promise<void> {
    ctx.verdict.body = body.info;
    const engine = loader.current();
    if (engine === undefined)
      return loader.loaded.then((loaded) =>
        loaded === undefined ? fail(ctx, 'engine_unavailable') : inspectWith(ctx, loaded, body, client),
      );
    return inspectWith(ctx, engine, body, client);
  }

  function inspectWith(
    ctx: RequestContext,
    engine: Waf,
    body: InspectedBody,
    client: string | undefined,
  ): Promise<void> {
    let pending: Promise<Decision>;
    try {
      pending = engine.inspect(toWafRequest(ctx.req, ctx.target, ctx.verdict.ip, body));
    } catch {
      fail(ctx, 'internal_error');
      return RESOLVED;
    }
    return pending.then(
      (decision) => {
        try {
          judge(ctx, engine, decision, client);
        } catch {
          fail(ctx, 'internal_error');
        }
      },
      () => fail(ctx, 'internal_error'),
    );
  }

  function judge(ctx: RequestContext, engine: Waf, decision: Decision, client: string | undefined): void {
    const v = ctx.verdict;
    counters.inspected++;
    v.decision = decision;
    const judged = judgeDecision(
      decision,
      ctx.route?.thresholds ?? config.thresholds,
      engine.model.thresholds.attack,
    );
    v.attack = judged.attack;
    v.attackClasses = judged.attackClasses;
    if (judged.attackClass !== undefined) v.attackClass = judged.attackClass;
    if (judged.attack) {
      flag(v, 'attack');
      if (store !== undefined && config.bans !== undefined && client !== undefined) strike(client);
    } else {
      const failure = failureOf(decision);
      if (failure !== undefined) fail(ctx, failure);
    }
  }

  function strike(client: string): void {
    // Recording the attack is not awaited: this request's outcome does not depend on it.
    store!.strike(storeKeys.ban(client), config.bans!).then(
      (result) => {
        if (result.banned) counters.bans++;
      },
      () => {
        counters.storeErrors++;
      },
    );
  }

  /** Turns the findings into the action, counts it, and publishes the verdict. */
  function finalize(ctx: RequestContext): void {
    if (ctx.final) return;
    const v = ctx.verdict;
    if (v.failure !== undefined) {
      counters.failures[v.failure]++;
      if (v.reason === undefined && ctx.onError === 'block') v.reason = 'error';
    }
    if (v.reason === undefined) {
      v.action = 'allow';
      counters.allowed++;
    } else {
      counters.reasons[v.reason]++;
      if (ctx.enforce) {
        v.action = 'block';
        v.status = v.reason === 'rate-limit' ? 429 : 403;
        counters.blocked++;
      } else {
        v.action = 'monitor';
        counters.monitored++;
      }
    }
    ctx.final = true;
    setVerdict(ctx.req, v);
    contexts.delete(ctx.req);
    if (ctx.waiters !== undefined) for (const resolve of ctx.waiters) resolve(v);
    ctx.waiters = undefined;
  }

  function act(ctx: RequestContext): void {
    if (ctx.final) return;
    try {
      finalize(ctx);
    } catch {
      // A bug in the bookkeeping: the request still gets exactly one answer, by the failure policy.
      ctx.final = true;
      if (ctx.enforce && ctx.onError === 'block') {
        ctx.verdict.action = 'block';
        ctx.verdict.reason ??= 'error';
      } else {
        ctx.verdict.action = 'allow';
      }
    }
    if (ctx.verdict.action === 'block') {
      void block(ctx.req, ctx.res, ctx.verdict, config.onBlock).then((ok) => {
        if (!ok) counters.onBlockErrors++;
      });
    } else {
      proceed(ctx);
    }
    report(ctx);
  }

  function done(): void {
    if (--runtime.active === 0) runtime.onIdle?.();
  }

  /** Ends a background inspection: never throws, always counts the request as done. */
  function settleBackground(ctx: RequestContext): void {
    try {
      finalize(ctx);
      report(ctx);
    } catch {
      counters.failures.internal_error++;
    } finally {
      done();
    }
  }

  function start(ctx: RequestContext): void {
    const plan = planBody(ctx.req, config.maxBodyBytes, config.maxFields);
    watchResponse(ctx);
    runtime.active++;
    if (ctx.enforce || config.awaitInMonitor) {
      // evaluate() never rejects; act() never throws.
      void evaluate(ctx, plan).then(() => {
        act(ctx);
        done();
      });
      return;
    }
    // Monitor mode never blocks: hand the request on now and decide in the background. Only reading the
    // body waits (the app's parsers would wait for those bytes anyway).
    const background = (body: BodyPlan) => {
      proceed(ctx);
      void evaluate(ctx, body).then(() => settleBackground(ctx));
    };
    if (plan.kind === 'read')
      void readBody(ctx.req, plan.encoding, config.maxBodyBytes).then(
        (body) => background({ kind: 'ready', body }),
        () => {
          fail(ctx, 'internal_error');
          proceed(ctx);
          settleBackground(ctx);
        },
      );
    else background(plan);
  }

  /** Applies `onError` to a failure of the middleware itself, before a context existed. */
  function failEarly(req: WafExpressRequest, res: ServerResponse, next: Next, mode: WafMode): void {
    counters.failures.internal_error++;
    if (config.dryRun || mode !== 'block' || config.onError !== 'block') return next();
    const verdict = newVerdict(mode, false, undefined, '');
    verdict.action = 'block';
    verdict.reason = 'error';
    verdict.status = 403;
    verdict.failure = 'internal_error';
    counters.blocked++;
    void block(req, res, verdict, undefined);
  }

  return function handle(req: WafExpressRequest, res: ServerResponse, next: Next): void {
    counters.requests++;
    let ctx: RequestContext | undefined;
    let pass = false;
    let mode = config.mode;
    try {
      if (runtime.closed) {
        counters.afterClose++;
        pass = true;
      } else {
        const target = req.originalUrl ?? req.url ?? '';
        const method = req.method ?? '';
        const route = config.routes.match(method, pathOf(target));
        mode = route?.mode ?? config.mode;
        if (route?.skip === true) {
          counters.skipped++;
          pass = true;
        } else {
          const ip = clientIpOf(req);
          const ipBytes = needsIpBytes ? parseIp(ip) : undefined;
          if (config.allowList !== undefined && ipBytes !== undefined && config.allowList.has(ipBytes)) {
            counters.allowListed++;
            pass = true;
          } else {
            ctx = {
              req,
              res,
              next,
              time: Date.now(),
              start: performance.now(),
              method,
              target,
              route,
              ipBytes,
              enforce: mode === 'block' && !config.dryRun,
              onError: route?.onError ?? config.onError,
              verdict: newVerdict(mode, config.dryRun, route?.label, ip),
              proceeded: false,
              final: false,
              responseDone: false,
              reported: false,
              status: null,
              latencyMs: null,
              waiters: undefined,
            };
            // Only a background verdict is awaited through the context; otherwise `req.waf` is set before
            // any handler runs.
            if (!ctx.enforce && !config.awaitInMonitor) contexts.set(req, ctx);
            start(ctx);
          }
        }
      }
    } catch {
      if (ctx === undefined) return failEarly(req, res, next, mode);
      // start() threw synchronously (a bug): the request must still get an answer, exactly once.
      fail(ctx, 'internal_error');
      if (!ctx.proceeded) act(ctx);
      return;
    }
    if (pass) next();
  };
}
