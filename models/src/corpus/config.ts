import type { AttackClass } from '../taxonomy.js';

/**
 * Corpus-level decisions in one place (sizes, caps, splits, the out-of-distribution source).
 * Sizes are for a full build; `--sample N` scales them to about N records.
 */

/** Attack REQUESTS per class before splitting (rare classes get more placements per payload). */
export const CLASS_TARGETS: Readonly<Record<AttackClass, number>> = {
  sqli: 7000, // capped: sqlmap-generated HttpParams SQLi alone could be 10k+
  xss: 7000,
  path_traversal: 6000,
  cmdi: 5000,
  code_injection: 5000,
  ssrf: 4000,
  ssti: 4000,
  xxe: 3000,
  log4shell: 3500,
  nosqli: 3000,
  ldap_xpath: 3000,
  crlf: 3000,
  open_redirect: 2500,
};

/** Most placements of one distinct payload (more would teach the payload, not the class). */
export const MAX_PLACEMENTS_PER_PAYLOAD = 8;

/** Share of benign records in the corpus (the brief: 40–60 %). */
export const BENIGN_SHARE = 0.52;

/** Composition of benign requests (fractions of the benign total). */
export const BENIGN_MIX = {
  /** Ordinary synthetic requests with no special text. */
  plain: 0.43,
  /** Built around a hard negative from our free-text generator. */
  generatedHardNegative: 0.3,
  /** Built around a hard negative from a dataset (kaggle sentences, FuzzDB tag/command names). */
  pooledHardNegative: 0.15,
  /** HttpParams' benign shop values in synthetic requests (pinned to train). */
  httpparamsValues: 0.04,
  /** CSIC 2010 normal requests, de-duplicated (pinned to train; one app, so capped). */
  csicNormal: 0.08,
} as const;

/** Split fractions by hash of the group key. */
export const SPLIT_FRACTIONS = { train: 0.8, validation: 0.1, test: 0.1 } as const;

/** Sources whose BENIGN items go to train only (HttpParams' benign values are CSIC's). */
export const TRAIN_PINNED_BENIGN_SOURCES: readonly string[] = ['csic2010', 'httpparams'];

/**
 * The whole-source out-of-distribution test set. ATRDF because: its labels are exact generator
 * ground truth; it has BOTH benign and attack requests (so OOD false-positive AND detection rates
 * can be measured); it is whole requests (JSON API, cookies, headers) from an app and traffic
 * generator no other source shares; and every class in it (SQLi, traversal, Log4Shell, log forging,
 * pickle cookies, SSTI/XSS) is still covered in training by other sources and our generators.
 * kaggle XSS was the alternative, but its benign sentences are the best free-text hard negatives
 * we have, and it only measures one class.
 */
export const OOD_SOURCE = 'atrdf-api';

/** The elastic log is the benchmark source (a slice; the rest only teaches path shapes). */
export const BENCHMARK_SOURCE = 'elastic-apache-logs';

/** Source priority for de-duplication: the first source keeps a payload seen in several. */
export const SOURCE_PRIORITY: readonly string[] = [
  'payloadsallthethings',
  'fuzzdb-attack',
  'kaggle-xss-dataset',
  'httpparams',
  'csic2010',
  'fwaf',
];

/** Size of our generators' pools per class (distinct payloads). */
export const GENERATOR_COUNTS = {
  cmdi: 700,
  code_injection: 700,
  log4shell: 900,
  ssrf: 700,
  nosqli: 500,
  ssti: 700,
  crlf: 700,
  xxe: 500,
  ldap_xpath: 400,
  open_redirect: 300,
} as const;
