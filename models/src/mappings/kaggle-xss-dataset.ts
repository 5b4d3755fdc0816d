import type { SourceInfo } from './mapping-types.js';

/** Kaggle "Cross site scripting XSS dataset for Deep learning". */
export const KAGGLE_INFO: SourceInfo = {
  id: 'kaggle-xss-dataset',
  title: 'Cross site scripting XSS dataset for Deep learning (S. S. H. Shah)',
  license: 'none stated: research use only, never redistributed',
  upstream: 'https://github.com/SaqlainHussainShah/Cross-site-scripting-attacks @ 266e4dfa',
  use: 'benign sentences as hard negatives for free-text fields; label 1 rows as XSS (gated)',
};

/** `Label` column: 1 → xss, 0 → benign hard negative (English sentences, harmless HTML). */
export const KAGGLE_LABELS: Readonly<Record<string, 'xss' | 'benign'>> = { '1': 'xss', '0': 'benign' };
