import type { EvalRecord } from '../records.js';

/** A record on its way into a split, with what the splitter needs to know about it. */
export interface CorpusItem {
  readonly record: EvalRecord;
  /** Normalized payload (attacks) or hard-negative text / request (benign): the split unit. */
  readonly groupKey: string;
  /** Forced split for sources that must stay on one side (CSIC + HttpParams benign). */
  readonly pin?: 'train';
  /** For reports: the hard-negative origin (`generated/sql-words`, `kaggle-xss-dataset`, …). */
  readonly hardNegative?: string;
  /** For reports: the placement site of generated attacks. */
  readonly site?: string;
}
