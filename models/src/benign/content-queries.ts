import type { DraftParam } from '../draft.js';
import type { Rng } from '../rng.js';
import type { ContentPageKind } from './content-paths.js';
import type { Fakers } from './fakers.js';
import { analytics } from './query-params.js';
import { BLOG_PREFIXES, BRANCHES, DEV_SITES } from './site-vocab.js';
import {
  encodePathSegment,
  month,
  plainWord,
  projectName,
  techSearchQuery,
  techSlug,
  topic,
  version,
  wikiTitle,
  year,
} from './tech-slugs.js';
import { HANDLES } from './tech-vocab.js';
import { alnum, hex } from './tokens.js';

/**
 * Query strings of content websites, including the syntax the other apps never produce:
 * directory-listing sort links written raw (`?C=N;O=D`), old CGI parameters separated by `;`
 * (`?id=12;mode=print`), URLs inside parameters, WordPress/wiki/forum parameters.
 */

/** A parameter; `wire` keeps characters (`;`, `=`, `:`) raw where real clients send them raw. */
export const param = (name: string, value: string | undefined, wire?: string): DraftParam =>
  wire === undefined ? { name, value } : { name, value, wire };
const p = param;

/** Apache `mod_autoindex` (and fancyindex) column-sort and format links. */
export function directoryListingQuery(rng: Rng): DraftParam[] {
  const column = rng.pick(['N', 'M', 'S', 'D']);
  const order = rng.pick(['A', 'D']);
  return rng.weighted<() => DraftParam[]>([
    [() => [p('C', `${column};O=${order}`, `${column};O=${order}`)], 10],
    [() => [p('C', `${column};O=${order};F=${rng.int(0, 2)}`, `${column};O=${order};F=${rng.int(0, 2)}`)], 1],
    [() => [p('C', `${column};O=${order};V=1`, `${column};O=${order};V=1`)], 0.5],
    [() => [p('O', order)], 1],
    [() => [p(column, order)], 1],
    [() => [p('C', column), p('O', order)], 1],
    [() => [p('F', String(rng.int(0, 2)))], 0.3],
    [
      () => {
        const pat = `*.${rng.pick(['tar.gz', 'zip', 'pdf', 'png', 'jar', 'deb', 'txt'])}`;
        return [p('P', pat, pat)];
      },
      0.3,
    ],
  ])();
}

/** Old CGI-style parameters separated by `;` (`?id=12;mode=print`): the first name carries the rest. */
export function semicolonQuery(rng: Rng, fakers: Fakers): DraftParam[] {
  const pairs = [
    `${rng.pick(['id', 'page', 'article', 'node', 'item', 'doc', 'file', 'topic'])}=${rng.chance(0.6) ? rng.int(1, 9999) : topic(rng)}`,
    ...Array.from({ length: rng.int(1, 3) }, () =>
      rng.pick([
        `mode=${rng.pick(['print', 'raw', 'full', 'text'])}`,
        `lang=${rng.pick(['en', 'de', 'fr', 'ja'])}`,
        `sort=${rng.pick(['date', 'name', 'size'])}`,
        `view=${rng.pick(['print', 'threaded', 'flat', 'source'])}`,
        `page=${rng.int(1, 30)}`,
        `cat=${topic(rng)}`,
        `tag=${plainWord(rng, fakers)}`,
        `rev=${rng.int(1, 400)}`,
        `format=${rng.pick(['txt', 'html', 'rss'])}`,
      ]),
    ),
  ];
  const [first, ...rest] = pairs;
  const [name, value] = (first ?? 'id=1').split('=') as [string, string];
  const wire = [value, ...rest].join(';');
  return [p(name, wire, wire)];
}

/** A page URL on another site (link-out and proxy parameters, referers). */
export function externalPageUrl(rng: Rng, fakers: Fakers): string {
  const host = rng.pick(DEV_SITES);
  const scheme = rng.chance(0.75) ? 'https' : 'http';
  const path = rng.weighted<() => string>([
    [() => `/${rng.pick(HANDLES)}/${projectName(rng, fakers)}`, 2],
    [() => `/questions/${rng.int(1000, 79_999_999)}/${techSlug(rng, fakers).replace(/[._]/g, '-')}`, 2],
    [() => `/wiki/${encodePathSegment(wikiTitle(rng, fakers))}`, 1],
    [() => `/${techSlug(rng, fakers)}`, 2],
    [() => `/${rng.pick(BLOG_PREFIXES)}/${year(rng)}/${month(rng)}/${techSlug(rng, fakers)}/`, 1],
    [() => `/watch?v=${alnum(rng, 11)}`, 0.5],
    [() => `/item?id=${rng.int(1_000_000, 42_000_000)}`, 0.5],
    [() => '/', 0.5],
  ])();
  return `${scheme}://${host}${path}`;
}

/** Optional parameters a page of `kind` carries (replies, shares, highlights, pagination, cache busters). */
export function pageQuery(kind: ContentPageKind, rng: Rng, fakers: Fakers): DraftParam[] {
  switch (kind) {
    case 'post':
      if (!rng.chance(0.2)) return [];
      return rng.weighted<() => DraftParam[]>([
        [() => [p('replytocom', String(rng.int(10, 99999)))], 2],
        [
          () => [
            p(
              'share',
              rng.pick(['twitter', 'facebook', 'google-plus-1', 'email', 'linkedin', 'reddit', 'pocket']),
            ),
            p('nb', '1'),
          ],
          1,
        ],
        [() => [p('amp', rng.chance(0.5) ? '1' : undefined)], 1],
        [() => analytics(rng), 3],
        [() => [p('highlight', `${topic(rng)} ${topic(rng)}`)], 1],
        [() => [p('lang', rng.pick(['en', 'de', 'fr', 'ru', 'ja']))], 1],
        [() => [p('cpage', String(rng.int(1, 9)))], 0.5],
        [() => [p(rng.pick(['print', 'output', 'format']), rng.pick(['1', 'txt', 'pdf', 'amp']))], 0.5],
        [
          () => [p('ref', rng.pick(['hn', 'reddit', 'twitter', 'rss', 'feedly', 'newsletter', 'lobsters']))],
          1,
        ],
        [() => [p('preview', 'true'), p('preview_id', String(rng.int(1, 9999)))], 0.3],
      ])();
    case 'listing':
    case 'archive':
      return rng.chance(0.25)
        ? [p(rng.pick(['page', 'paged', 'start', 'offset', 'p']), String(rng.int(2, 40)))]
        : [];
    case 'docs':
      if (!rng.chance(0.15)) return [];
      return rng.pick([
        [p('highlight', `${topic(rng)}${rng.chance(0.5) ? ` ${topic(rng)}` : ''}`)],
        [p('version', version(rng))],
        [p('lang', rng.pick(['en', 'de', 'ja', 'zh-cn']))],
        [p('q', techSearchQuery(rng))],
        [p('tab', rng.pick(['bash', 'python', 'ruby', 'curl', 'windows', 'linux', 'macos']))],
      ]);
    case 'repo':
      if (!rng.chance(0.15)) return [];
      return rng.pick([
        [p('tab', rng.pick(['readme', 'repositories', 'stars', 'overview']))],
        [p('ref', rng.pick(BRANCHES))],
        [p('plain', '1')],
        [p('raw', 'true')],
        [p('w', '1')],
        [p('at', rng.pick(BRANCHES))],
        [p('q', `is:issue is:open ${topic(rng)}`)],
      ]);
    case 'download':
      if (!rng.chance(0.12)) return [];
      return rng.pick([
        [p('raw', '1')],
        [p('dl', '1')],
        [p('download', undefined)],
        [p('use_mirror', rng.pick(['heanet', 'kent', 'netcologne', 'iweb', 'jaist', 'autoselect']))],
        [p('ts', String(rng.int(1.3e9, 1.75e9)))],
        [p('r', externalPageUrl(rng, fakers))],
      ]);
    case 'asset':
      if (!rng.chance(0.15)) return [];
      return rng.pick([
        [p('v', rng.chance(0.5) ? version(rng) : hex(rng, 8))],
        [p('w', String(rng.pick([320, 640, 800, 1200])))],
        [p(hex(rng, 10), undefined)],
        [p('ssl', '1')],
        [p('itok', alnum(rng, 8))],
      ]);
    default:
      return [];
  }
}
