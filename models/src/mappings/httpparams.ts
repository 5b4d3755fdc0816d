import type { AttackClass } from '../taxonomy.js';
import type { SourceInfo } from './mapping-types.js';

/** HttpParamsDataset. */
export const HTTPPARAMS_INFO: SourceInfo = {
  id: 'httpparams',
  title: 'HttpParamsDataset (Morzeux)',
  license: 'MIT (benign values come from CSIC 2010: no license, research use only)',
  upstream: 'https://github.com/Morzeux/HttpParamsDataset @ 926670a7',
  use: 'parameter values: sqlmap SQLi (capped), some XSS/traversal/cmdi; benign shop-form values pinned to train with CSIC',
};

/**
 * `attack_type` column → our class. `norm` is benign. Only `payload_full.csv` is read: the
 * train/test/lexical files are subsets of it (reading them would duplicate rows).
 */
export const HTTPPARAMS_LABELS: Readonly<Record<string, AttackClass | 'benign'>> = {
  norm: 'benign',
  sqli: 'sqli',
  xss: 'xss',
  'path-traversal': 'path_traversal', // `{file}` placeholders filled with sensitive files
  cmdi: 'cmdi', // several rows are plain words ("asdf3334", "'true'"): the gate drops them
};
