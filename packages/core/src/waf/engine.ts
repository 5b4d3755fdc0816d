import { WaferError } from '../errors.js';
import { createExtractor } from '../extract/extractor.js';
import type { Field } from '../extract/field.js';
import type { InferenceBackend } from '../inference/backend.js';
import type { WafRequest } from '../request/waf-request.js';
import { encodeFieldWindows } from '../tokenize/model-input.js';
import { didYouMean } from '../util/did-you-mean.js';
import { toAttackScore } from './attack-score.js';
import type { AttackFinding, Decision, DecisionAction, DecisionFinding, Evidence } from './decision.js';
import { isInertField } from './fast-path.js';
import { combineWindows, fieldCacheKey, type FieldScore } from './field-score.js';
import { LruCache } from './lru-cache.js';
import { ExpiredError, MicroBatcher, type Deadline } from './micro-batcher.js';
import type { ModelBundle } from './model-bundle.js';
import { planOcclusion, pickEvidence } from './occlusion.js';
import type { FailurePolicy, ResolvedWafOptions } from './options.js';

/**
 * Attack findings whose evidence is searched for on the request path (each search is one model run
 * of ~2.5× the field's tokens); others show evidence only once their field's search is cached.
 */
const MAX_EVIDENCE_FINDINGS = 1;
/** Attack findings listed per decision (a hostile request can flag hundreds of fields). */
const MAX_ATTACK_FINDINGS = 32;

/** Counters since the engine was created, for benchmarks, dashboards and health checks. */
export interface WafStats {
  readonly inspected: number;
  readonly attacks: number;
  readonly fields: number;
  readonly fastPathFields: number;
  readonly cachedFields: number;
  readonly modelFields: number;
  readonly modelRuns: number;
  readonly modelWindows: number;
  /** Windows dropped unrun because their request's time budget had already run out (overload). */
  readonly expiredWindows: number;
  readonly cacheEntries: number;
  readonly budgetExceeded: number;
  readonly modelErrors: number;
}

/** The model a `Waf` decides with. */
export interface WafModelInfo {
  readonly name: string;
  readonly version: string;
  readonly labels: readonly string[];
  /** Thresholds in effect: the model's calibrated ones with your overrides applied. */
  readonly thresholds: { readonly attack: number; readonly classes: Readonly<Record<string, number>> };
  /** sha256 of the ONNX file that was verified and loaded. */
  readonly sha256: string;
}

/** A loaded detection engine. Create it once (`createWaf`) and share it: it is safe for concurrent use. */
export interface Waf {
  readonly model: WafModelInfo;
  readonly options: ResolvedWafOptions;
  /** The inference backend's name (`onnxruntime-node`, `onnxruntime-node (worker)`, `onnxruntime-web`). */
  readonly backend: string;
  /**
   * Decides about one request. Never rejects because of the request's content: malformed input,
   * limits, model failures and timeouts become findings and follow the documented policies.
   * @throws {WaferError} `WAFER_ERR_INVALID_ARGUMENT` when `request` is not a `WafRequest`;
   *   `WAFER_ERR_CLOSED` after `close()`.
   */
  inspect(request: WafRequest): Promise<Decision>;
  /**
   * The decision with the evidence span of its attack findings (up to three). With `evidence: 'lazy'` the search
   * runs now (once per field: later decisions on the same value get it from the cache), within the time budget;
   * otherwise, or when there is nothing to explain, `decision` itself is returned. Never rejects: a search that
   * fails or runs out of time leaves the finding without evidence. Concurrent calls share one search.
   */
  explain(decision: Decision): Promise<Decision>;
  stats(): WafStats;
  /** Waits for model runs in progress, then releases the model. */
  close(): Promise<void>;
}

type Now = () => number;
const now: Now = () => performance.now();

function checkRequest(request: unknown): asserts request is WafRequest {
  const r = request as Partial<WafRequest> | null;
  if (
    typeof r !== 'object' ||
    r === null ||
    typeof r.method !== 'string' ||
    typeof r.target !== 'string' ||
    !Array.isArray(r.headers) ||
    (r.body !== undefined && !(r.body instanceof Uint8Array))
  ) {
    throw new WaferError(
      'WAFER_ERR_INVALID_ARGUMENT',
      'inspect() takes a WafRequest { method, target, httpVersion, headers: [name, value][], body?: Uint8Array }; build one with fromNodeRequest(), fromFetchRequest() or parseHttpMessage().',
    );
  }
}

function resolveThresholds(bundle: ModelBundle, options: ResolvedWafOptions): WafModelInfo['thresholds'] {
  const labels = bundle.manifest.labels.slice(1);
  for (const name of Object.keys(options.thresholds.classes)) {
    if (labels.includes(name)) continue;
    const hint = didYouMean(name, labels);
    throw new WaferError(
      'WAFER_ERR_INVALID_OPTION',
      `createWaf: \`thresholds.classes.${name}\` is not a class of this model.${hint ? ` Did you mean \`${hint}\`?` : ''} Classes: ${labels.join(', ')}.`,
    );
  }
  return {
    attack: options.thresholds.attack ?? bundle.manifest.thresholds.attack,
    classes: { ...bundle.manifest.thresholds.classes, ...options.thresholds.classes },
  };
}

function failureAction(policy: FailurePolicy, mode: ResolvedWafOptions['mode']): DecisionAction {
  if (policy === 'allow') return 'allow';
  return mode === 'block' ? 'block' : 'monitor';
}

interface Scored {
  readonly field: Field;
  readonly fs: FieldScore;
}

/**
 * Builds the runtime-neutral engine from a verified bundle and a backend. `createWaf` (Node) and
 * `createWaf` from `@wafer/core/web` call it after loading the model their own way.
 */
export function createWafEngine(
  bundle: ModelBundle,
  backend: InferenceBackend,
  options: ResolvedWafOptions,
): Waf {
  const { manifest, tokenizer } = bundle;
  const labels = manifest.labels;
  const thresholds = resolveThresholds(bundle, options);
  const extractor = createExtractor(options.extractor);
  const maxWindows = typeof manifest.maxWindows === 'number' ? manifest.maxWindows : 8;
  const windowOptions = { maxLength: manifest.maxLength, maxWindows };
  const batcher = new MicroBatcher(
    backend,
    labels.length,
    options.batching.maxBatch,
    options.batching.maxWaitMs,
    options.batching.maxTokens,
  );
  const cache =
    options.cache === false ? undefined : new LruCache<string, FieldScore>(options.cache.maxEntries);
  const maxCachedValue = options.cache === false ? 0 : options.cache.maxValueLength;
  const inFlight = new Map<string, { promise: Promise<FieldScore>; deadline: Deadline }>();
  const modelName = `${manifest.name}@${manifest.version}`;
  // Per-class maxima of the decision being built (see inspect()).
  const classMax = new Float64Array(labels.length);
  const counters = {
    inspected: 0,
    attacks: 0,
    fields: 0,
    fastPathFields: 0,
    cachedFields: 0,
    modelFields: 0,
    budgetExceeded: 0,
    modelErrors: 0,
  };
  let closed = false;
  let active = 0;
  let drained: (() => void) | undefined;
  // Lazy evidence: what each decision left to explain, and searches in progress (weak: a decision nobody
  // explains costs nothing and is collected with its fields).
  const explainable = new WeakMap<Decision, Scored[]>();
  const explaining = new WeakMap<Decision, Promise<Decision>>();

  async function scoreWithModel(field: Field, deadline: Deadline): Promise<FieldScore> {
    const { windows, truncated } = encodeFieldWindows(tokenizer, field, windowOptions);
    const rows = await batcher.scoreAll(windows, deadline);
    return combineWindows(rows, labels.length, truncated);
  }

  function scoreField(field: Field, key: string | undefined, deadline: Deadline): Promise<FieldScore> {
    if (key === undefined) return scoreWithModel(field, deadline);
    // Concurrent requests carrying the same new value (a scanner's flood) share one model run, and
    // the latest of their deadlines.
    const shared = inFlight.get(key);
    if (shared !== undefined) {
      shared.deadline.at = Math.max(shared.deadline.at, deadline.at);
      return shared.promise;
    }
    {
      const sharedDeadline: Deadline = { at: deadline.at };
      const promise = scoreWithModel(field, sharedDeadline).then(
        (fs) => {
          inFlight.delete(key);
          cache!.set(key, fs);
          return fs;
        },
        (error: unknown) => {
          inFlight.delete(key);
          throw error;
        },
      );
      inFlight.set(key, { promise, deadline: sharedDeadline });
      return promise;
    }
  }

  async function findEvidence(field: Field, fs: FieldScore, deadline: Deadline): Promise<Evidence | null> {
    const { windows, offsets } = encodeFieldWindows(tokenizer, field, windowOptions);
    const window = windows[fs.bestWindow];
    const spans = offsets[fs.bestWindow];
    if (window === undefined || spans === undefined) return null;
    const candidates = planOcclusion(window, spans);
    if (candidates.length === 0) return null;
    const rows = await batcher.scoreAll(
      candidates.map((c) => c.variant),
      deadline,
    );
    return (
      pickEvidence(
        candidates,
        rows.map((row) => 1 - row[0]!),
        spans,
        field.value,
        field.sensitive === true,
      ) ?? null
    );
  }

  function toFinding({ field, fs }: Scored): AttackFinding {
    let best = 1;
    for (let c = 2; c < labels.length; c++) if (fs.probs[c]! > fs.probs[best]!) best = c;
    const cls = labels[best]!;
    const classes = [cls];
    for (let c = 1; c < labels.length; c++) {
      const name = labels[c]!;
      if (c !== best && fs.probs[c]! >= (thresholds.classes[name] ?? 0.5)) classes.push(name);
    }
    return {
      kind: 'attack',
      class: cls,
      classes,
      score: fs.score,
      location: field.location,
      path: field.path,
      fieldKind: field.kind,
      transforms: field.transforms,
      ...(fs.evidence ? { evidence: fs.evidence } : {}),
      ...(fs.truncated ? { truncated: true } : {}),
    };
  }

  async function inspect(request: WafRequest): Promise<Decision> {
    if (closed) throw new WaferError('WAFER_ERR_CLOSED', 'inspect() was called after close().');
    checkRequest(request);
    const t0 = now();
    const extraction = extractor.extract(request);
    const t1 = now();

    const scored: Scored[] = [];
    const pending: Array<{ field: Field; key: string | undefined }> = [];
    let fastPath = 0;
    let cached = 0;
    for (const field of extraction.fields) {
      if (options.fastPath && isInertField(field)) {
        fastPath++;
        continue;
      }
      let key: string | undefined;
      if (cache !== undefined && field.value.length <= maxCachedValue) {
        key = fieldCacheKey(field);
        const hit = cache.get(key);
        if (hit !== undefined) {
          cached++;
          scored.push({ field, fs: hit });
          continue;
        }
      }
      pending.push({ field, key });
    }

    let timedOut = false;
    let modelError: unknown;
    let modelScored = 0;
    let windows = 0;
    let evidenceSkipped = false;
    let scoringExpired = false;
    let evidenceExpired = false;
    const inlineEvidence = options.evidence === true;
    const needsEvidence = (list: readonly Scored[]) =>
      inlineEvidence && list.some((s) => s.fs.score >= thresholds.attack && s.fs.evidence === undefined);

    if (pending.length > 0 || needsEvidence(scored)) {
      active++;
      const deadline: Deadline = { at: t1 + options.timeBudgetMs };
      let timer: ReturnType<typeof setTimeout> | undefined;
      const expiry = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), options.timeBudgetMs);
      });
      let scoringDone = false;
      const work = (async () => {
        await Promise.all(
          pending.map(({ field, key }) =>
            scoreField(field, key, deadline).then(
              (fs) => {
                if (timedOut) return;
                modelScored++;
                windows += fs.windows;
                scored.push({ field, fs });
              },
              (error: unknown) => {
                // An expired window means this request's budget is spent: the timer decides.
                if (error instanceof ExpiredError) scoringExpired = true;
                else modelError ??= error;
              },
            ),
          ),
        );
        scoringDone = true;
        if (!inlineEvidence) return;
        const attacks = unexplained(scored);
        await Promise.all(
          attacks.map(async (s) => {
            try {
              s.fs.evidence = await findEvidence(s.field, s.fs, deadline);
            } catch (error) {
              if (error instanceof ExpiredError) evidenceExpired = true;
              else modelError ??= error;
            }
          }),
        );
      })();
      try {
        if ((await Promise.race([work, expiry])) === 'timeout') {
          timedOut = !scoringDone;
          evidenceSkipped = scoringDone;
        }
        // The batcher can drop a window for its deadline just before the budget timer fires: that
        // is the budget running out too, and must be reported as such, never as a complete decision.
        if (scoringExpired) timedOut = true;
        if (evidenceExpired && !timedOut) evidenceSkipped = true;
      } finally {
        clearTimeout(timer);
        if (--active === 0) drained?.();
      }
    }
    const t2 = now();

    // Build the decision from whatever was scored.
    let score = 0;
    // Maxima by class index first, the named object once: keyed stores by label name in the per-field
    // loop were the largest single cost of a cached benign request. The array is the engine's (this loop
    // never awaits), because a fresh 14-double typed array lives off the V8 heap and costs more.
    classMax.fill(0);
    const attackFields: Scored[] = [];
    const findings: DecisionFinding[] = [];
    for (const s of scored) {
      if (s.fs.score > score) score = s.fs.score;
      const probs = s.fs.probs;
      for (let c = 1; c < labels.length; c++) if (probs[c]! > classMax[c]!) classMax[c] = probs[c]!;
      if (s.fs.score >= thresholds.attack) attackFields.push(s);
      if (s.fs.truncated)
        findings.push({ kind: 'limit_exceeded', limit: 'maxWindows', max: maxWindows, path: s.field.path });
    }
    const classScores: Record<string, number> = {};
    for (let c = 1; c < labels.length; c++) classScores[labels[c]!] = classMax[c]!;
    attackFields.sort((a, b) => b.fs.score - a.fs.score);
    const attackFindings = attackFields.slice(0, MAX_ATTACK_FINDINGS).map(toFinding);
    const attack = attackFindings.length > 0;
    const unscored = pending.length - modelScored;
    if (timedOut || evidenceSkipped) {
      counters.budgetExceeded++;
      findings.push({
        kind: 'budget_exceeded',
        fields: timedOut ? unscored : 0,
        detail: timedOut
          ? `${unscored} of ${pending.length} fields unscored after ${options.timeBudgetMs} ms`
          : 'evidence search stopped',
      });
    } else if (modelError !== undefined) {
      counters.modelErrors++;
      findings.push({ kind: 'model_error', fields: unscored, detail: String(modelError) });
    }
    const failed = unscored > 0 && (timedOut || modelError !== undefined);

    let action: DecisionAction = 'allow';
    if (attack) action = options.mode === 'block' ? 'block' : 'monitor';
    else if (failed) action = failureAction(timedOut ? options.onTimeout : options.onError, options.mode);

    counters.inspected++;
    if (attack) counters.attacks++;
    counters.fields += extraction.fields.length;
    counters.fastPathFields += fastPath;
    counters.cachedFields += cached;
    counters.modelFields += modelScored;
    const t3 = now();
    const decision: Decision = {
      action,
      attack,
      score,
      attackScore: toAttackScore(score, thresholds.attack),
      ...(attack ? { attackClass: attackFindings[0]!.class } : {}),
      classScores,
      findings: [...attackFindings, ...findings, ...extraction.findings],
      model: modelName,
      timings: {
        parseUs: Math.round((t1 - t0) * 1000),
        inferenceUs: Math.round((t2 - t1) * 1000),
        totalUs: Math.round((t3 - t0) * 1000),
      },
      decidedBy: failed ? 'failure' : modelScored > 0 ? 'model' : cached > 0 ? 'cache' : 'fast-path',
      counts: { fields: extraction.fields.length, fastPath, cached, model: modelScored, windows },
      budgetExceeded: timedOut || evidenceSkipped,
    };
    if (options.evidence === 'lazy' && attack) {
      const open = unexplained(attackFields);
      if (open.length > 0) explainable.set(decision, open);
    }
    return decision;
  }

  /** Attack fields still without evidence, best first, as many as are explained per decision. */
  function unexplained(list: readonly Scored[]): Scored[] {
    return list
      .filter((s) => s.fs.score >= thresholds.attack && s.fs.evidence === undefined)
      .sort((a, b) => b.fs.score - a.fs.score)
      .slice(0, MAX_EVIDENCE_FINDINGS);
  }

  async function searchEvidence(decision: Decision, open: readonly Scored[]): Promise<Decision> {
    active++;
    try {
      const deadline: Deadline = { at: now() + options.timeBudgetMs };
      await Promise.all(
        open.map(async (s) => {
          try {
            // Another decision on the same value may have found it meanwhile (the FieldScore is cached).
            if (s.fs.evidence === undefined) s.fs.evidence = await findEvidence(s.field, s.fs, deadline);
          } catch {
            // Out of time or a model error: this finding stays without evidence, the decision stands.
          }
        }),
      );
    } finally {
      if (--active === 0) drained?.();
    }
    const found = new Map(
      open.filter((s) => s.fs.evidence).map((s) => [`${s.field.kind}\u0000${s.field.path}`, s.fs.evidence!]),
    );
    return {
      ...decision,
      findings: decision.findings.map((f) => {
        if (f.kind !== 'attack' || f.evidence !== undefined) return f;
        const evidence = found.get(`${f.fieldKind}\u0000${f.path}`);
        return evidence ? { ...f, evidence } : f;
      }),
    };
  }

  function explain(decision: Decision): Promise<Decision> {
    const pending = explaining.get(decision);
    if (pending) return pending;
    const open = explainable.get(decision);
    if (open === undefined || closed) return Promise.resolve(decision);
    const promise = searchEvidence(decision, open);
    explaining.set(decision, promise);
    return promise;
  }

  return {
    model: {
      name: manifest.name,
      version: manifest.version,
      labels,
      thresholds,
      sha256: manifest.model.sha256,
    },
    options,
    backend: backend.name,
    inspect,
    explain,
    stats: () => ({
      ...counters,
      modelRuns: batcher.runs,
      modelWindows: batcher.windows,
      expiredWindows: batcher.expired,
      cacheEntries: cache?.size ?? 0,
    }),
    async close() {
      if (closed) return;
      closed = true;
      if (active > 0) await new Promise<void>((resolve) => (drained = resolve));
      cache?.clear();
      await backend.close();
    },
  };
}
