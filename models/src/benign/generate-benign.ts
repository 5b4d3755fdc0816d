import type { BodyKind, DraftRequest } from '../draft.js';
import type { Rng } from '../rng.js';
import { pickApp } from './apps.js';
import { Fakers } from './fakers.js';
import type { FreeTextKind } from './free-text.js';
import { freeText } from './free-text.js';
import type { GenContext, TextSlot } from './gen-context.js';
import { ordinaryText } from './gen-context.js';
import type { PathShapeModel } from './path-shapes.js';

/** A benign text from a dataset (kaggle sentence, FuzzDB tag name, HttpParams value) with its origin. */
export interface PooledText {
  readonly text: string;
  /** e.g. `kaggle-xss-dataset`, `fuzzdb-attack:html_js_fuzz/html_tags.txt`, `httpparams`. */
  readonly origin: string;
}

/** What text a benign request is built around. */
export type HardNegativeSpec =
  | { readonly type: 'none' }
  | { readonly type: 'generated'; readonly kind?: FreeTextKind }
  | { readonly type: 'pooled'; readonly item: PooledText };

/** Slots where a person types free text (a hard negative may go there). */
const FREE_TEXT_SLOTS: ReadonlySet<TextSlot> = new Set([
  'search',
  'comment',
  'title',
  'message',
  'bio',
  'note',
  'short',
  'address',
]);

/** Version of the benign generators, recorded in the manifest. */
export const BENIGN_GENERATOR_VERSION = '1.2.0';

/**
 * Builds benign drafts: picks an app (optionally one that produces a given body kind), and when
 * asked, puts ONE hard-negative text into the first free-text field the app fills (or, when the
 * app has none, into a new `q`/`note` field). Every other field gets ordinary text.
 */
export class BenignGenerator {
  readonly fakers: Fakers;

  constructor(
    private readonly rng: Rng,
    private readonly shapes: PathShapeModel,
  ) {
    this.fakers = new Fakers(rng.fork('fakers'));
  }

  /** One benign draft. */
  draft(options: { need?: BodyKind | 'none'; hardNegative?: HardNegativeSpec } = {}): DraftRequest {
    const rng = this.rng;
    const spec = options.hardNegative ?? { type: 'none' };
    let pending: { text: string; kind: string } | undefined;
    if (spec.type === 'generated') {
      const t = this.safeFreeText(spec.kind);
      pending = { text: t.text, kind: `generated/${t.kind}` };
    } else if (spec.type === 'pooled') {
      pending = { text: spec.item.text, kind: spec.item.origin };
    }
    let used: { text: string; kind: string } | undefined;
    const ctx: GenContext = {
      rng,
      fakers: this.fakers,
      shapes: this.shapes,
      text: (slot) => {
        if (pending && !used && FREE_TEXT_SLOTS.has(slot)) {
          used = pending;
          return pending.text;
        }
        return ordinaryText(slot, rng, this.fakers);
      },
    };
    // A hard negative goes to an app with free-text fields (a search box, a comment form, a JSON
    // body), not appended to a favicon request; attack placement still uses every app.
    const app = pickApp(rng, options.need, pending !== undefined && options.need === undefined);
    const need = options.need === 'none' ? undefined : options.need;
    let draft: DraftRequest;
    try {
      draft = app.build(ctx, need);
    } catch {
      // A faker method unsupported by the drawn locale: rebuild with English data (deterministic).
      this.fakers.englishOnly = true;
      try {
        draft = app.build(ctx, need);
      } finally {
        this.fakers.englishOnly = false;
      }
    }
    if (pending && !used) {
      used = pending;
      this.injectFallback(draft, pending.text);
    }
    if (used) draft.hardNegative = used;
    return draft;
  }

  private safeFreeText(kind?: FreeTextKind): { text: string; kind: FreeTextKind } {
    try {
      return freeText(this.rng, this.fakers, kind);
    } catch {
      this.fakers.englishOnly = true;
      try {
        return freeText(this.rng, this.fakers, kind);
      } finally {
        this.fakers.englishOnly = false;
      }
    }
  }

  /** Puts a text into a new natural field when the app had no free-text slot. */
  private injectFallback(draft: DraftRequest, text: string): void {
    const rng = this.rng;
    const body = draft.body;
    if (body?.kind === 'json' && body.value && typeof body.value === 'object' && !Array.isArray(body.value)) {
      body.value[rng.pick(['note', 'comment', 'description', 'message'])] = text;
    } else if (body?.kind === 'form') {
      body.fields.push({ name: rng.pick(['message', 'comment', 'note']), value: text });
    } else if (body?.kind === 'multipart') {
      body.parts.push({ name: rng.pick(['description', 'caption']), content: text });
    } else if (body?.kind === 'graphql') {
      body.variables[rng.pick(['note', 'query', 'text'])] = text;
    } else {
      draft.query.push({ name: rng.pick(['q', 'search', 'query', 'text', 'title', 'name']), value: text });
    }
  }
}
