import type { SourceInfo } from '../mappings/mapping-types.js';
import type { PayloadSample } from '../payload-sample.js';
import type { EvalRecord } from '../records.js';
import type { Rng } from '../rng.js';
import type { TemplatePools } from '../templates.js';
import type { SourceStats } from './source-stats.js';

/** A whole request taken from a request-level source (CSIC raw, ATRDF). */
export interface SourceRecord {
  readonly record: EvalRecord;
  /** For attacks: the attack field's text, the unit of de-duplication and split grouping. */
  readonly payloadText?: string;
  /** Forces the split (CSIC/HttpParams benign → train; see README "splits"). */
  readonly pin?: 'train';
}

/** Everything one dataset folder contributes. */
export interface SourceOutput {
  readonly info: SourceInfo;
  readonly payloads: PayloadSample[];
  readonly records: SourceRecord[];
  readonly stats: SourceStats;
}

/** What a reader gets: its folder, its own RNG stream and the shared template pools. */
export interface SourceContext {
  /** Absolute path of this source's dataset folder. */
  readonly dir: string;
  readonly rng: Rng;
  readonly pools: TemplatePools;
}
