import type { SourceInfo } from './mapping-types.js';

/** HTTP DATASET CSIC 2010. */
export const CSIC_INFO: SourceInfo = {
  id: 'csic2010',
  title: 'HTTP DATASET CSIC 2010 (raw 20% split; normalized copy not used)',
  license: 'none: research use only, never redistributed',
  upstream: 'CSIC (isi.csic.es/dataset) via github.com/team-missing-one/csic-2010-classifier @ 12358931',
  use: 'benign shop requests (pinned to train, capped); anomalous requests only when a parameter shows a real attack pattern',
};

/**
 * Decisions:
 * - `raw-20pct/norm_test.txt` → benign whole requests (de-duplicated, capped so one Spanish shop
 *   does not dominate), pinned to the train split together with HttpParams' benign values
 *   (92% of those are CSIC values: the README asks to keep them on one side of any split).
 * - `raw-20pct/anomal_test.txt` → "anomalous" is a file-level label that includes typos and
 *   out-of-range values: a request is kept as an attack ONLY when one of its parameters shows
 *   attack evidence; its class and field come from the signatures. Others are dropped.
 * - `normalized-full/` → not used: URL-decoded and lower-cased (Latin-1 garbled) copies of the
 *   same traffic; the raw copy keeps the wire form.
 */
export const CSIC_FILES = {
  normal: 'raw-20pct/norm_test.txt',
  anomalous: 'raw-20pct/anomal_test.txt',
} as const;
