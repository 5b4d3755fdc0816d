import type { DraftParam } from '../draft.js';
import type { Rng } from '../rng.js';
import { directoryListingQuery, pageQuery, semicolonQuery } from './content-queries.js';
import type { Fakers } from './fakers.js';
import {
  assetSegments,
  directorySegments,
  downloadSegments,
  feedSegments,
  projectSegments,
  repoSegments,
  talkSegments,
} from './file-pages.js';
import { encodePathSegment } from './tech-slugs.js';
import {
  archiveSegments,
  docsSegments,
  forumSegments,
  linkOutSegments,
  listingSegments,
  mailArchiveSegments,
  manSegments,
  pageSegments,
  postSegments,
  wikiSegments,
} from './text-pages.js';
import { hex } from './tokens.js';

/**
 * URLs of ordinary content websites: blogs, docs, man pages, wikis, forums, mailing-list archives,
 * project pages, code hosting, talks with their images, downloads, static assets, directory listings
 * and feeds. Their slugs are full of technical words that are also attack keywords
 * (`/blog/tags/ldap`, `/docs/bash/exec-builtin.html`, `/files/logtail/logtail-2.4.1.tar.gz`), and
 * their queries have syntax the apps elsewhere never use: directory-listing sort links
 * (`?C=N;O=D`), gitweb's `;`-separated parameters, `;jsessionid=` matrix parameters, URLs inside
 * parameters. Page shapes live in `text-pages.ts` and `file-pages.ts`, queries in `content-queries.ts`.
 */

/** What kind of page a content URL points to. */
export type ContentPageKind =
  | 'post'
  | 'listing'
  | 'archive'
  | 'docs'
  | 'man'
  | 'wiki'
  | 'forum'
  | 'mail-archive'
  | 'project'
  | 'repo'
  | 'talk'
  | 'download'
  | 'asset'
  | 'directory'
  | 'feed'
  | 'page'
  | 'link-out';

/** A generated content URL: path segments as on the wire, query parameters (some with raw wire). */
export interface ContentPage {
  readonly kind: ContentPageKind;
  readonly path: string[];
  readonly trailingSlash: boolean;
  readonly query: DraftParam[];
}

/** What a page-shape generator returns: raw segments, trailing slash, the page's own parameters. */
export interface PageParts {
  readonly segs: string[];
  readonly slash: boolean;
  readonly query?: DraftParam[];
}

/**
 * File-system locations that are attack evidence when they appear whole in a URL; a slug may contain
 * the words but a generated path never spells these sequences.
 */
const SENSITIVE_SEQUENCE =
  /(^|\/)(etc\/(passwd|shadow|group|hosts|issue)|proc\/(self|version|\d)|windows\/(system32|win\.ini)|boot\.ini|system32\/)/i;

/** Page kinds with their share of a content site's requests. */
const KIND_WEIGHTS: ReadonlyArray<readonly [ContentPageKind, number]> = [
  ['post', 18],
  ['listing', 7],
  ['archive', 2],
  ['docs', 9],
  ['man', 3],
  ['wiki', 7],
  ['forum', 6],
  ['mail-archive', 2],
  ['project', 7],
  ['repo', 5],
  ['talk', 7],
  ['download', 7],
  ['asset', 9],
  ['directory', 5],
  ['feed', 4],
  ['page', 4],
  ['link-out', 2],
];

function segmentsFor(kind: ContentPageKind, rng: Rng, fakers: Fakers): PageParts {
  switch (kind) {
    case 'post':
      return postSegments(rng, fakers);
    case 'listing':
      return listingSegments(rng, fakers);
    case 'archive':
      return archiveSegments(rng);
    case 'docs':
      return docsSegments(rng, fakers);
    case 'man':
      return manSegments(rng);
    case 'wiki':
      return wikiSegments(rng, fakers);
    case 'forum':
      return forumSegments(rng, fakers);
    case 'mail-archive':
      return mailArchiveSegments(rng);
    case 'project':
      return projectSegments(rng, fakers);
    case 'repo':
      return repoSegments(rng, fakers);
    case 'talk':
      return talkSegments(rng, fakers);
    case 'download':
      return downloadSegments(rng, fakers);
    case 'asset':
      return assetSegments(rng, fakers);
    case 'directory': {
      const d = directorySegments(rng, fakers);
      return { ...d, query: rng.chance(0.7) ? directoryListingQuery(rng) : [] };
    }
    case 'feed':
      return feedSegments(rng, fakers);
    case 'page':
      return pageSegments(rng, fakers);
    case 'link-out':
      return linkOutSegments(rng, fakers);
  }
}

/** Page kinds served by an application (session ids and old CGI parameters appear there, not on files). */
const TEXT_KINDS: ReadonlySet<ContentPageKind> = new Set([
  'post',
  'listing',
  'docs',
  'wiki',
  'forum',
  'project',
  'page',
]);

/** One content-site URL: a page kind, its path segments (wire-encoded) and query parameters. */
export function contentPage(rng: Rng, fakers: Fakers, kind?: ContentPageKind): ContentPage {
  const k = kind ?? rng.weighted(KIND_WEIGHTS);
  for (let attempt = 0; ; attempt++) {
    const built = segmentsFor(k, rng, fakers);
    const path = built.segs
      .filter((s) => s !== '')
      .map((s) => (/%[0-9A-F]{2}/.test(s) ? s : encodePathSegment(s)));
    if (SENSITIVE_SEQUENCE.test(path.join('/')) && attempt < 5) continue;
    const query = [...(built.query ?? []), ...pageQuery(k, rng, fakers)];
    const last = path.at(-1) ?? '';
    const slash = built.slash && path.length > 0 && !/\.[A-Za-z0-9]{1,6}$/.test(last);
    // Java servlet containers put the session id in a path parameter when cookies are off.
    if (!slash && path.length > 0 && !last.includes(';') && TEXT_KINDS.has(k) && rng.chance(0.02))
      path[path.length - 1] = `${last};jsessionid=${hex(rng, 32).toUpperCase()}`;
    if (query.length === 0 && TEXT_KINDS.has(k) && rng.chance(0.025))
      query.push(...semicolonQuery(rng, fakers));
    return { kind: k, path, trailingSlash: slash, query };
  }
}

/** A content URL as one string (`/blog/tags/ldap/`, `/files/?C=M;O=A`), for referers and embedded links. */
export function contentUrl(rng: Rng, fakers: Fakers, withQuery = true): string {
  const page = contentPage(rng, fakers);
  let url = `/${page.path.join('/')}${page.trailingSlash ? '/' : ''}`;
  if (withQuery && page.query.length > 0)
    url += `?${page.query
      .map((q) =>
        q.value === undefined
          ? encodeURIComponent(q.name)
          : `${encodeURIComponent(q.name)}=${q.wire ?? encodeURIComponent(q.value).replace(/%20/g, '+')}`,
      )
      .join('&')}`;
  return url;
}
