import type { Rng } from '../rng.js';
import type { AccessLogEntry } from '../sources/elastic-apache-logs.js';
import type { Fakers } from './fakers.js';

/**
 * Learns the SHAPES of real URL paths from the non-benchmark part of the Apache log and generates
 * new paths with them. Nothing is copied line-for-line: only per-position segment kinds
 * (word, slug, number, year, date, hash, file.ext), depth, trailing-slash and extension
 * frequencies, and directory words that occur at least `MIN_WORD_COUNT` times are kept;
 * the rest of every generated path is new (faker words).
 */

type SegmentKind = 'word' | 'slug' | 'number' | 'year' | 'hash' | 'file' | 'mixed';

/** A learnt path shape: segment kinds in order, plus whether the path ends with `/`. */
interface Shape {
  readonly kinds: readonly SegmentKind[];
  readonly trailingSlash: boolean;
}

const MIN_WORD_COUNT = 5;

function kindOf(segment: string): SegmentKind {
  if (/^\d{4}$/.test(segment) && Number(segment) > 1990 && Number(segment) < 2100) return 'year';
  if (/^\d+$/.test(segment)) return 'number';
  if (/^[0-9a-f]{12,}$/i.test(segment)) return 'hash';
  if (/\.[A-Za-z0-9]{1,5}$/.test(segment)) return 'file';
  if (/^[a-z]+$/i.test(segment)) return 'word';
  if (/^[a-z0-9]+(?:[-_][a-z0-9]+)+$/i.test(segment)) return 'slug';
  return 'mixed';
}

/** The statistics learnt from real paths. */
export interface PathShapeModel {
  readonly shapes: readonly Shape[];
  readonly extensions: readonly string[];
  /** Frequent first-level directory words (e.g. blog, images, presentations). */
  readonly topWords: readonly string[];
  /** Frequent words at deeper positions. */
  readonly innerWords: readonly string[];
  readonly learnedFrom: number;
}

/** Learns a `PathShapeModel` from access-log entries (empty input gives a generic model). */
export function learnPathShapes(entries: readonly AccessLogEntry[]): PathShapeModel {
  const shapes: Shape[] = [];
  const extensions: string[] = [];
  const top = new Map<string, number>();
  const inner = new Map<string, number>();
  for (const e of entries) {
    const rawPath = e.target.split('?', 1)[0] ?? '/';
    const segments = rawPath.split('/').filter((s) => s !== '');
    if (segments.length === 0 || segments.length > 8) continue;
    const kinds = segments.map(kindOf);
    shapes.push({ kinds, trailingSlash: rawPath.endsWith('/') });
    segments.forEach((s, i) => {
      const k = kinds[i];
      if (k === 'file') extensions.push(s.slice(s.lastIndexOf('.') + 1).toLowerCase());
      if (k === 'word') {
        const map = i === 0 ? top : inner;
        map.set(s.toLowerCase(), (map.get(s.toLowerCase()) ?? 0) + 1);
      }
    });
  }
  const frequent = (m: Map<string, number>): string[] =>
    [...m.entries()]
      .filter(([, n]) => n >= MIN_WORD_COUNT)
      .map(([w]) => w)
      .sort();
  return {
    shapes: shapes.length > 0 ? shapes : [{ kinds: ['word', 'slug'], trailingSlash: false }],
    extensions: extensions.length > 0 ? extensions : ['html', 'png', 'js', 'css'],
    topWords: frequent(top),
    innerWords: frequent(inner),
    learnedFrom: entries.length,
  };
}

/** Generates one new path with a learnt shape. */
export function generateShapedPath(model: PathShapeModel, rng: Rng, fakers: Fakers): string {
  const shape = rng.pick(model.shapes);
  const f = fakers.get('en');
  const word = (i: number): string => {
    const pool = i === 0 ? model.topWords : model.innerWords;
    return pool.length > 0 && rng.chance(0.5)
      ? rng.pick(pool)
      : f.word
          .noun()
          .toLowerCase()
          .replace(/[^a-z]/g, '') || 'page';
  };
  const slug = (): string => f.lorem.slug(rng.int(2, 5));
  const segments = shape.kinds.map((kind, i) => {
    switch (kind) {
      case 'word':
        return word(i);
      case 'slug':
        return rng.chance(0.3) ? `${slug()}-${rng.int(2010, 2025)}` : slug();
      case 'number':
        return String(rng.int(1, rng.pick([12, 31, 999, 99999])));
      case 'year':
        return String(rng.int(2008, 2025));
      case 'hash':
        return Math.floor(rng.next() * 2 ** 52)
          .toString(16)
          .padStart(13, '0');
      case 'file':
        return `${rng.chance(0.5) ? slug() : word(i)}.${rng.pick(model.extensions)}`;
      case 'mixed':
        return `${word(i)}${rng.pick(['_', '.', '~', '+'])}${rng.int(1, 99)}`;
    }
  });
  return `/${segments.join('/')}${shape.trailingSlash && shape.kinds.at(-1) !== 'file' ? '/' : ''}`;
}
