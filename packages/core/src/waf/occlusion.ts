import type { Evidence } from './decision.js';

/** Content tokens are split into at most this many groups. */
export const MAX_OCCLUSION_GROUPS = 7;
/** Each candidate keeps this many adjacent groups (one when the content has fewer than 4 groups). */
export const SPAN_GROUPS = 2;
/** Candidates within this many log-odds of the best count as equally convincing; the shortest wins. */
const TIE_LOG_ODDS = 1;
const MAX_EVIDENCE_TEXT = 256;

/** One candidate span: a contiguous run of groups, and the window with everything else hidden. */
export interface OcclusionCandidate {
  /** `[first, last]` token index (inclusive) in the original window. */
  readonly tokens: readonly [first: number, last: number];
  readonly variant: Int32Array;
}

/**
 * Plans the occlusion search for one window: its content tokens (those with a value span; the
 * `[CLS] [LOC:…]` prefix, header names and `[SEP]` stay) are split into at most
 * {@link MAX_OCCLUSION_GROUPS} contiguous groups, and every run of {@link SPAN_GROUPS} adjacent groups
 * becomes a candidate: a variant of the window in which all other content is hidden (removed). The
 * spans overlap by one group, so a payload cut by a group boundary is still whole in one of them. At
 * most 6 variants of ~2/7 of the content each, scored in one model run.
 *
 * Why this shape: the model's cost is linear in padded tokens. The previous plan (6 groups; every single
 * group and every adjacent pair, 11 variants padded to a pair's length) cost 143 tokens per search on 551
 * attack fields of the test split; this one costs 70 (model run 338 µs against 579, median), its span
 * alone still scores as an attack in 90.7 % of searches against 92.0 %, and its span is about the same
 * share of the value (median 0.29 against 0.30).
 *
 * Keeping a span (rather than hiding one) is what makes the search work on clear attacks: a
 * payload is redundant — `union`, `select` and `--` each suffice — so hiding any one part barely
 * moves a score of 0.99999, while each part kept alone shows what the model reacts to.
 */
export function planOcclusion(
  window: Int32Array,
  offsets: ReadonlyArray<readonly [number, number]>,
): OcclusionCandidate[] {
  const content: number[] = [];
  for (let i = 0; i < window.length; i++) if (offsets[i]![0] >= 0) content.push(i);
  if (content.length === 0) return [];
  const firstContent = content[0]!;
  const lastContent = content[content.length - 1]!;
  const groupCount = Math.min(MAX_OCCLUSION_GROUPS, content.length);
  const groups: Array<[number, number]> = [];
  for (let g = 0; g < groupCount; g++) {
    const from = Math.floor((g * content.length) / groupCount);
    const to = Math.floor(((g + 1) * content.length) / groupCount) - 1;
    groups.push([content[from]!, content[to]!]);
  }
  // A value of 1–3 tokens: each token alone (pairs of them would be nearly the whole value).
  const size = groupCount < 4 ? 1 : SPAN_GROUPS;
  const prefix = window.subarray(0, firstContent);
  const suffix = window.subarray(lastContent + 1);
  const candidates: OcclusionCandidate[] = [];
  for (let g = 0; g + size <= groupCount; g++) {
    const first = groups[g]![0];
    const last = groups[g + size - 1]![1];
    const kept = window.subarray(first, last + 1);
    const variant = new Int32Array(prefix.length + kept.length + suffix.length);
    variant.set(prefix, 0);
    variant.set(kept, prefix.length);
    variant.set(suffix, prefix.length + kept.length);
    candidates.push({ tokens: [first, last], variant });
  }
  return candidates;
}

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/** Log-odds of an attack score, clamped so that saturated scores (p(benign) down to 1e-15) still compare. */
function logOdds(p: number): number {
  const q = Math.min(Math.max(p, 1e-15), 1 - 1e-15);
  return Math.log(q / (1 - q));
}

/**
 * The evidence span: the candidate the model finds most convincing on its own, preferring the
 * shortest among those within {@link TIE_LOG_ODDS} of the best — the smallest part of the value
 * that still reads as the attack.
 */
export function pickEvidence(
  candidates: readonly OcclusionCandidate[],
  scores: readonly number[],
  offsets: ReadonlyArray<readonly [number, number]>,
  value: string,
  redact: boolean,
): Evidence | undefined {
  if (candidates.length === 0) return undefined;
  const odds = scores.map(logOdds);
  const best = Math.max(...odds);
  let pick = -1;
  let pickLength = Infinity;
  candidates.forEach((candidate, i) => {
    if (odds[i]! < best - TIE_LOG_ODDS) return;
    const length = offsets[candidate.tokens[1]]![1] - offsets[candidate.tokens[0]]![0];
    if (length < pickLength || (length === pickLength && odds[i]! > odds[pick]!)) {
      pick = i;
      pickLength = length;
    }
  });
  const chosen = candidates[pick]!;
  let start = offsets[chosen.tokens[0]]![0];
  let end = offsets[chosen.tokens[1]]![1];
  // Tokens carry the whitespace before a word (` <script>`): the span shows the text, not the gap.
  while (end - start > 1 && isSpace(value.charCodeAt(start))) start++;
  while (end - start > 1 && isSpace(value.charCodeAt(end - 1))) end--;
  const text = redact ? '[redacted]' : value.slice(start, Math.min(end, start + MAX_EVIDENCE_TEXT));
  return { start, end, text, score: scores[pick]! };
}
