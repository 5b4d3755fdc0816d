import type { DraftParam } from '../draft.js';
import type { Rng } from '../rng.js';
import type { PageParts } from './content-paths.js';
import { externalPageUrl, param as p, semicolonQuery } from './content-queries.js';
import type { Fakers } from './fakers.js';
import { BLOG_PREFIXES, DOC_PREFIXES, DOC_SECTIONS, MAN_COMMANDS, MONTHS } from './site-vocab.js';
import {
  capitalize,
  day,
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
import { CATEGORIES, HANDLES } from './tech-vocab.js';
import { hex } from './tokens.js';

/**
 * Paths of pages people read on content websites: blog posts, tag/category and archive listings,
 * documentation, man pages, wikis, forums, mailing-list archives, ordinary site pages and link-out
 * pages. Each returns path segments (encoded by the caller unless already percent-encoded), whether
 * a trailing slash follows, and the page's own query parameters.
 */

/** Blog/archive listing by date (`/blog/2014/03/`). */
export function archiveSegments(rng: Rng): PageParts {
  return {
    segs: rng.pick([
      [rng.pick(BLOG_PREFIXES), year(rng), month(rng)],
      [rng.pick(BLOG_PREFIXES), year(rng)],
      [year(rng), month(rng)],
      ['archives', year(rng), month(rng)],
      [rng.pick(BLOG_PREFIXES), rng.pick(['archive.html', 'archives.html', 'archive'])],
    ]),
    slash: true,
  };
}

/** A blog post (`/blog/2014/03/09/configuring-ldap-with-kerberos/`, `/posts/bash-eval-pitfalls.html`). */
export function postSegments(rng: Rng, fakers: Fakers): PageParts {
  const blog = rng.pick(BLOG_PREFIXES);
  const slug = techSlug(rng, fakers);
  const html = (): string => `${slug}.${rng.pick(['html', 'html', 'htm', 'php', 'shtml', 'md', 'txt'])}`;
  return rng.weighted<() => PageParts>([
    [() => ({ segs: [blog, year(rng), month(rng), day(rng), slug], slash: true }), 3],
    [
      () => ({
        segs: [blog, year(rng), month(rng), rng.chance(0.5) ? html() : slug],
        slash: rng.chance(0.5),
      }),
      3,
    ],
    [() => ({ segs: [year(rng), month(rng), slug], slash: true }), 2],
    [() => ({ segs: [blog, rng.pick(CATEGORIES), html()], slash: false }), 3],
    [() => ({ segs: [blog, slug], slash: rng.chance(0.6) }), 4],
    [
      () => ({
        segs: [
          rng.pick(['post', 'p', 'entry', 'story', 'article']),
          `${slug}${rng.chance(0.4) ? `-${hex(rng, 12)}` : ''}`,
        ],
        slash: false,
      }),
      2,
    ],
    [() => ({ segs: [blog, `${rng.int(1, 9999)}-${slug}`], slash: false }), 1],
    [
      () => ({
        segs: [`~${rng.pick(HANDLES)}`, ...(rng.chance(0.5) ? [rng.pick(CATEGORIES)] : []), html()],
        slash: false,
      }),
      1,
    ],
    [() => ({ segs: [rng.pick(['en', 'de', 'fr', 'ru', 'ja', 'es', 'pt']), blog, slug], slash: true }), 0.5],
    [
      () => ({ segs: [blog, 'archives', `${String(rng.int(1, 9999)).padStart(6, '0')}.html`], slash: false }),
      0.5,
    ],
    [() => ({ segs: [blog, 'entries', year(rng), month(rng), day(rng), `${slug}.html`], slash: false }), 0.5],
  ])();
}

/** A tag or category listing (`/blog/tags/ldap`, `/category/security/page/3/`). */
export function listingSegments(rng: Rng, fakers: Fakers): PageParts {
  const t = rng.chance(0.85) ? topic(rng) : plainWord(rng, fakers);
  const segs = rng.weighted<() => string[]>([
    [
      () => [
        rng.pick(BLOG_PREFIXES),
        rng.pick(['tags', 'tag', 'category', 'categories', 'topics', 'labels']),
        t,
      ],
      5,
    ],
    [() => [rng.pick(['tag', 'tags', 'category', 'topics', 't']), t], 3],
    [() => ['search', 'label', capitalize(t)], 0.5],
    [() => [rng.pick(['tags', 'tag']), `${t}.html`], 1],
    [() => [rng.pick(BLOG_PREFIXES), rng.pick(CATEGORIES)], 2],
    [() => ['category', rng.pick(CATEGORIES), t], 1],
  ])();
  if (!segs.at(-1)!.includes('.') && rng.chance(0.2)) segs.push('page', String(rng.int(2, 40)));
  return { segs, slash: !segs.at(-1)!.includes('.') && rng.chance(0.6) };
}

/** A documentation page (`/docs/logtail/2.1/filters/grok-filter.html`, `/manual/en/mod/mod_proxy.html`). */
export function docsSegments(rng: Rng, fakers: Fakers): PageParts {
  const prefix = rng.pick(DOC_PREFIXES);
  const product = rng.chance(0.5) ? topic(rng) : projectName(rng, fakers);
  const section = rng.pick(DOC_SECTIONS);
  const t = topic(rng);
  const page = rng.weighted<() => string>([
    [() => `${t}.html`, 3],
    [() => `${techSlug(rng, fakers)}.html`, 3],
    [() => `mod_${t}.html`, 1],
    [() => `function.${t.replace(/[^a-z0-9]/g, '-')}.php`, 1],
    [
      () =>
        `${t}-${rng.pick(['command', 'builtin', 'plugin', 'filter', 'input', 'output', 'module', 'directive', 'option'])}.html`,
      2,
    ],
    [() => `class-${capitalize(t)}.html`, 0.5],
    [() => 'index.html', 1],
    [() => `ch${String(rng.int(1, 30)).padStart(2, '0')}s${String(rng.int(1, 20)).padStart(2, '0')}.html`, 1],
    [() => t, 3],
    [() => techSlug(rng, fakers), 2],
    [() => `${t}.${rng.pick(['txt', 'md', 'rst', 'pdf', 'pdf.html', 'txt.html'])}`, 1],
  ])();
  const segs = rng.weighted<() => string[]>([
    [() => [prefix, product, section, page], 4],
    [() => [prefix, product, version(rng).replace(/-.*/, ''), section, page], 2],
    [() => [prefix, product, page], 3],
    [
      () => [
        prefix,
        rng.pick(['en', 'de', 'fr', 'ja', 'zh-cn', 'ru', 'pt-br', 'current', 'latest', 'stable']),
        section,
        page,
      ],
      2,
    ],
    [() => [prefix, page], 1],
    [() => [`${product}-docs`, page], 0.5],
  ])();
  return { segs, slash: !page.includes('.') && rng.chance(0.4) };
}

/** A manual page (`/man/5/passwd`, `/man8/sshd.8.html`, `/cgi-bin/man.cgi?query=crontab&sektion=5`). */
export function manSegments(rng: Rng): PageParts {
  const cmd = rng.pick(MAN_COMMANDS);
  const sec = String(
    rng.weighted<number>([
      [1, 5],
      [2, 1],
      [3, 2],
      [5, 2],
      [7, 1],
      [8, 2],
    ]),
  );
  return rng.weighted<() => PageParts>([
    [() => ({ segs: ['man', sec, cmd], slash: false }), 2],
    [() => ({ segs: [`man${sec}`, `${cmd}.${sec}.html`], slash: false }), 2],
    [() => ({ segs: ['linux', 'man-pages', `man${sec}`, `${cmd}.${sec}.html`], slash: false }), 1],
    [
      () => ({
        segs: [
          'manpages',
          rng.pick(['debian', 'ubuntu', 'fedora', 'freebsd']),
          rng.pick(['jessie', 'trusty', 'xenial', 'bookworm', 'noble', 'stable', '13.2']),
          `man${sec}`,
          `${cmd}.${sec}.html`,
        ],
        slash: false,
      }),
      1,
    ],
    [
      () => ({
        segs: ['cgi-bin', 'man.cgi'],
        slash: false,
        query: [
          p('query', cmd),
          p('sektion', sec),
          ...(rng.chance(0.4)
            ? [
                p(
                  'manpath',
                  `${rng.pick(['FreeBSD', 'OpenBSD', 'NetBSD'])} ${rng.int(4, 14)}.${rng.int(0, 4)}-RELEASE`,
                ),
              ]
            : []),
        ],
      }),
      1,
    ],
    [() => ({ segs: ['man', `${cmd}.${sec}`], slash: false }), 1],
    [() => ({ segs: ['docs', 'man', `${cmd}.${sec}.txt`], slash: false }), 0.5],
  ])();
}

/** A wiki page (`/wiki/Bash_(Unix)`, `/w/index.php?title=…&action=history`, `/doku.php?id=ldap:setup`). */
export function wikiSegments(rng: Rng, fakers: Fakers): PageParts {
  const title = rng.chance(0.08)
    ? techSearchQuery(rng).replace(/ /g, '_').replace(/"/g, '')
    : wikiTitle(rng, fakers);
  const segTitle = title.split('/').map(encodePathSegment);
  return rng.weighted<() => PageParts>([
    [() => ({ segs: ['wiki', ...segTitle], slash: false }), 5],
    [() => ({ segs: ['wiki', 'index.php', ...segTitle], slash: false }), 1],
    [
      () => ({
        segs: ['w', 'index.php'],
        slash: false,
        query: [p('title', title), p('action', rng.pick(['history', 'edit', 'raw', 'info', 'render']))],
      }),
      1,
    ],
    [
      () => ({
        segs: ['index.php'],
        slash: false,
        query: [p('title', title), ...(rng.chance(0.5) ? [p('oldid', String(rng.int(100, 99999)))] : [])],
      }),
      1,
    ],
    [
      () => ({
        segs: ['w', 'index.php'],
        slash: false,
        query: [
          p('title', title),
          p('diff', rng.chance(0.5) ? 'prev' : String(rng.int(100, 99999))),
          p('oldid', String(rng.int(100, 99999))),
        ],
      }),
      0.5,
    ],
    [
      () => {
        const id = `${topic(rng)}:${topic(rng)}${rng.chance(0.3) ? `:${plainWord(rng, fakers)}` : ''}`;
        return {
          segs: ['doku.php'],
          slash: false,
          query: [
            p('id', id, id),
            ...(rng.chance(0.3) ? [p('do', rng.pick(['edit', 'revisions', 'backlink', 'export_raw']))] : []),
          ],
        };
      },
      1,
    ],
    [
      () => ({
        segs: [
          rng.pick(['moin', 'trac', 'twiki']),
          'wiki',
          title.replace(/[_()]/g, '').replace(/:/g, ''),
        ].map(encodePathSegment),
        slash: false,
      }),
      0.5,
    ],
    [
      () => ({
        segs: ['display', topic(rng).toUpperCase(), title.replace(/_/g, '+')].map(encodePathSegment),
        slash: false,
      }),
      0.5,
    ],
    [() => ({ segs: [rng.pick(['en', 'de', 'ru', 'ja', 'fr']), 'wiki', ...segTitle], slash: false }), 0.5],
    [
      () => ({
        segs: ['wiki', 'Special:Search'],
        slash: false,
        query: [p('search', techSearchQuery(rng)), p('go', 'Go')],
      }),
      0.5,
    ],
  ])();
}

/** A forum thread (phpBB, vBulletin, Discourse, XenForo, Q&A sites, Jive with `;jsessionid=`). */
export function forumSegments(rng: Rng, fakers: Fakers): PageParts {
  const slug = techSlug(rng, fakers).replace(/[._]/g, '-');
  const id = String(rng.int(10, 999999));
  return rng.weighted<() => PageParts>([
    [
      () => ({
        segs: ['forum', 'viewtopic.php'],
        slash: false,
        query: [
          p('f', String(rng.int(1, 80))),
          p('t', id),
          ...(rng.chance(0.3) ? [p('start', String(rng.int(1, 20) * 15))] : []),
          ...(rng.chance(0.15) ? [p('sid', hex(rng, 32))] : []),
        ],
      }),
      2,
    ],
    [
      () => ({
        segs: [rng.pick(['forum', 'forums', 'board']), 'viewtopic.php'],
        slash: false,
        query: [p('p', id), ...(rng.chance(0.2) ? [p('hilit', topic(rng))] : [])],
      }),
      1,
    ],
    [
      () => ({
        segs: ['forums', 'showthread.php'],
        slash: false,
        query: [p('t', id), ...(rng.chance(0.3) ? [p('page', String(rng.int(2, 12)))] : [])],
      }),
      1,
    ],
    [
      () => ({ segs: ['t', slug, id, ...(rng.chance(0.3) ? [String(rng.int(2, 80))] : [])], slash: false }),
      2,
    ],
    [() => ({ segs: ['forums', 'topic', slug], slash: true }), 1],
    [() => ({ segs: ['threads', `${slug}.${id}`], slash: true }), 1],
    [() => ({ segs: ['questions', id, slug], slash: false }), 2],
    [
      () => ({
        segs: [rng.pick(['forum', 'community']), rng.pick(CATEGORIES), `${id}-${slug}`],
        slash: false,
      }),
      1,
    ],
    [
      () => ({
        segs: ['index.php'],
        slash: false,
        query: [p('topic', `${id}.${rng.pick([0, 0, 15, 30, 45])}`)],
      }),
      0.5,
    ],
    [() => ({ segs: ['discussion', id, slug], slash: false }), 0.5],
    [
      () => ({
        segs: [
          'forum',
          `thread.jspa;jsessionid=${hex(rng, 32).toUpperCase()}${rng.chance(0.3) ? `.node${rng.int(1, 4)}` : ''}`,
        ],
        slash: false,
        query: [p('threadID', id)],
      }),
      0.5,
    ],
  ])();
}

/** A mailing-list archive page (`/pipermail/ldap-users/2014-March/004521.html`). */
export function mailArchiveSegments(rng: Rng): PageParts {
  const list = `${topic(rng).replace(/[^a-z0-9]/g, '')}-${rng.pick(['users', 'devel', 'dev', 'announce', 'general', 'discuss', 'commits', 'security'])}`;
  const y = year(rng);
  return rng.weighted<() => PageParts>([
    [
      () => ({
        segs: [
          'pipermail',
          list,
          `${y}-${rng.pick(MONTHS)}`,
          `${String(rng.int(1, 9999)).padStart(6, '0')}.html`,
        ],
        slash: false,
      }),
      3,
    ],
    [
      () => ({
        segs: ['archives', list, `${y}-${month(rng)}`, `msg${String(rng.int(0, 999)).padStart(5, '0')}.html`],
        slash: false,
      }),
      2,
    ],
    [() => ({ segs: ['mailman', 'listinfo', list], slash: false }), 1],
    [
      () => ({
        segs: [],
        slash: false,
        query: [
          p('l', list),
          p('m', `${rng.int(1.1e12, 1.7e12)}${String(rng.int(1000, 99999))}`),
          p('w', '2'),
        ],
      }),
      0.5,
    ],
    [() => ({ segs: ['lists', list, `${y}-${month(rng)}`, 'thread.html'], slash: false }), 1],
  ])();
}

/** An ordinary site page (about, résumé, site search, WordPress `?p=`, old CGI `;` parameters). */
export function pageSegments(rng: Rng, fakers: Fakers): PageParts {
  return rng.weighted<() => PageParts>([
    [() => ({ segs: [], slash: false }), 3],
    [
      () => ({
        segs: [
          rng.pick([
            'about',
            'contact',
            'colophon',
            'now',
            'uses',
            'projects',
            'talks',
            'presentations',
            'archive',
            'archives',
            'tags',
            'links',
            'code',
            'software',
            'publications',
            'resume',
            'cv',
            'me',
          ]),
        ],
        slash: rng.chance(0.6),
      }),
      4,
    ],
    [
      () => ({
        segs: [
          rng.pick([
            'about.html',
            'index.html',
            'index.php',
            'index.htm',
            'resume.html',
            'cv.pdf',
            'resume.pdf',
            'sitemap.xml',
            'humans.txt',
            'robots.txt',
            'keybase.txt',
            'pgp.asc',
            'key.asc',
            '404.html',
          ]),
        ],
        slash: false,
      }),
      3,
    ],
    [() => ({ segs: [`~${rng.pick(HANDLES)}`], slash: true }), 1],
    [
      () => ({
        segs: ['search'],
        slash: rng.chance(0.3),
        query: [p(rng.pick(['q', 'query', 's']), techSearchQuery(rng))],
      }),
      1.5,
    ],
    [() => ({ segs: [], slash: false, query: [p('s', techSearchQuery(rng))] }), 1],
    [
      () => ({
        segs: [],
        slash: false,
        query: [
          p(
            rng.pick(['p', 'page_id', 'cat', 'm', 'author']),
            rng.chance(0.8) ? String(rng.int(1, 9999)) : `${year(rng)}${month(rng)}`,
          ),
        ],
      }),
      1.5,
    ],
    [
      () => ({
        segs: [
          rng.pick([
            'index.php',
            'index.cgi',
            'page.php',
            'view.php',
            'show.php',
            'article.php',
            'news.php',
            'print.php',
          ]),
        ],
        slash: false,
        query: semicolonQuery(rng, fakers),
      }),
      0.7,
    ],
  ])();
}

/** A link-out, share or reader page with a URL in a parameter (raw or encoded). */
export function linkOutSegments(rng: Rng, fakers: Fakers): PageParts {
  const target = externalPageUrl(rng, fakers);
  const raw = rng.chance(0.35);
  const param = (name: string): DraftParam => p(name, target, raw ? target : undefined);
  return rng.weighted<() => PageParts>([
    [
      () => ({
        segs: [rng.pick(['out', 'go', 'r', 'link', 'exit', 'away', 'goto', 'redirect', 'click'])],
        slash: false,
        query: [param(rng.pick(['url', 'u', 'to', 'link', 'target', 'l', 'q']))],
      }),
      3,
    ],
    [() => ({ segs: [], slash: false, query: [param('p')] }), 1],
    [
      () => ({
        segs: [rng.pick(['share', 'bookmark', 'sharer.php', 'submit'])],
        slash: false,
        query: [
          param(rng.pick(['url', 'u', 'link'])),
          ...(rng.chance(0.5)
            ? [p('title', rng.chance(0.5) ? techSearchQuery(rng) : techSlug(rng, fakers))]
            : []),
        ],
      }),
      2,
    ],
    [
      () => ({
        segs: [rng.pick(['click.php', 'out.php', 'link.php', 'dl.php', 'redirect.php'])],
        slash: false,
        query: [p('id', String(rng.int(1, 9999))), param('url')],
      }),
      1,
    ],
    [
      () => ({
        segs: [rng.pick(['reader', 'view', 'proxy', 'read', 'cache'])],
        slash: false,
        query: [param(rng.pick(['url', 'p', 'src', 'feed']))],
      }),
      1,
    ],
  ])();
}
