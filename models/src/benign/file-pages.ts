import type { Rng } from '../rng.js';
import type { PageParts } from './content-paths.js';
import { param as p } from './content-queries.js';
import type { Fakers } from './fakers.js';
import { BLOG_PREFIXES, BRANCHES, REPO_DIRS } from './site-vocab.js';
import {
  artifactName,
  encodePathSegment,
  imageName,
  month,
  plainWord,
  projectName,
  sourceFileName,
  techSlug,
  topic,
  version,
  wikiTitle,
  year,
} from './tech-slugs.js';
import { DOCUMENT_EXTENSIONS, HANDLES, TECH_TOPICS } from './tech-vocab.js';
import { hex } from './tokens.js';

/**
 * Paths of files and code on content websites: project pages, code hosting (GitHub-style, gitweb,
 * cgit, ViewVC, Trac), talks with their images, release downloads and package mirrors, static
 * assets, browsable directories and feeds.
 */

/** A project page and its files (`/projects/ldap-sync/`, `/projects/ldap-sync/CHANGELOG`). */
export function projectSegments(rng: Rng, fakers: Fakers): PageParts {
  const name = projectName(rng, fakers);
  const root = rng.weighted<string[]>([
    [['projects', name], 4],
    [['software', name], 1],
    [['code', name], 1],
    [[`~${rng.pick(HANDLES)}`, name], 1],
    [['p', name], 0.5],
    [[name], 2],
  ]);
  return rng.weighted<() => PageParts>([
    [() => ({ segs: root, slash: rng.chance(0.5) }), 4],
    [
      () => ({
        segs: [
          ...root,
          rng.pick([
            'docs',
            'releases',
            'download',
            'downloads',
            'wiki',
            'issues',
            'screenshots',
            'changelog',
            'examples',
            'faq',
            'news',
          ]),
        ],
        slash: rng.chance(0.5),
      }),
      3,
    ],
    [
      () => ({
        segs: [
          ...root,
          rng.pick([
            'README',
            'README.md',
            'CHANGELOG',
            'CHANGES.txt',
            'LICENSE',
            'INSTALL',
            'TODO',
            'NEWS',
            'index.html',
            `${name}.1.html`,
            `${name}.pdf`,
          ]),
        ],
        slash: false,
      }),
      2,
    ],
    [() => ({ segs: [...root, artifactName(rng, fakers, name)], slash: false }), 2],
    [() => ({ segs: [...root, sourceFileName(rng, fakers)], slash: false }), 1],
    [() => ({ segs: [...root, 'images', imageName(rng, fakers)], slash: false }), 1],
  ])();
}

/** A code-hosting page (`/owner/repo/blob/master/src/x.py`, gitweb `?p=repo.git;a=blob;f=…`). */
export function repoSegments(rng: Rng, fakers: Fakers): PageParts {
  const owner = rng.pick(HANDLES);
  const name = projectName(rng, fakers);
  const branch = rng.pick(BRANCHES);
  const dir = (): string[] =>
    Array.from({ length: rng.int(0, 2) }, () => (rng.chance(0.7) ? rng.pick(REPO_DIRS) : topic(rng)));
  const file = sourceFileName(rng, fakers);
  return rng.weighted<() => PageParts>([
    [() => ({ segs: [owner, name], slash: false }), 3],
    [() => ({ segs: [owner, name, 'blob', branch, ...dir(), file], slash: false }), 4],
    [() => ({ segs: [owner, name, 'tree', branch, ...dir()], slash: false }), 2],
    [
      () => ({
        segs: [owner, name, rng.pick(['issues', 'pull', 'pulls']), String(rng.int(1, 4000))],
        slash: false,
      }),
      2,
    ],
    [() => ({ segs: [owner, name, 'commit', hex(rng, 40)], slash: false }), 1],
    [() => ({ segs: [owner, name, 'releases', 'tag', `v${version(rng)}`], slash: false }), 1],
    [() => ({ segs: [owner, name, 'raw', branch, ...dir(), file], slash: false }), 1],
    [
      () => ({
        segs: [
          owner,
          name,
          'archive',
          `${rng.chance(0.5) ? 'v' : ''}${version(rng)}.${rng.pick(['tar.gz', 'zip'])}`,
        ],
        slash: false,
      }),
      1,
    ],
    [() => ({ segs: [owner, name, 'compare', `v${version(rng)}...v${version(rng)}`], slash: false }), 0.3],
    [
      () => ({
        segs: [owner, name, 'wiki', wikiTitle(rng, fakers).replace(/[_:/()]/g, '-')].map(encodePathSegment),
        slash: false,
      }),
      1,
    ],
    [() => ({ segs: [owner, name, '-', 'merge_requests', String(rng.int(1, 900))], slash: false }), 0.5],
    [() => ({ segs: [owner, name, 'src', branch, ...dir(), file], slash: false }), 0.5],
    [
      () => ({
        segs: ['gitweb', ''].filter(Boolean),
        slash: true,
        query: [
          p(
            'p',
            `${name}.git`,
            `${name}.git;a=${rng.pick(['blob', 'tree', 'commit', 'log', 'shortlog', 'summary'])};f=${[...dir(), file].join('/')};hb=${rng.chance(0.5) ? 'HEAD' : hex(rng, 40)}`,
          ),
        ],
      }),
      0.7,
    ],
    [
      () => ({
        segs: ['cgit', `${name}.git`, rng.pick(['tree', 'log', 'commit', 'plain']), ...dir(), file],
        slash: false,
        query: rng.chance(0.5) ? [p('h', branch), ...(rng.chance(0.5) ? [p('id', hex(rng, 40))] : [])] : [],
      }),
      0.5,
    ],
    [
      () => ({
        segs: ['viewvc', name, 'trunk', ...dir(), file],
        slash: false,
        query: [
          p('view', rng.pick(['markup', 'log', 'co'])),
          ...(rng.chance(0.5) ? [p('revision', String(rng.int(100, 99999)))] : []),
        ],
      }),
      0.4,
    ],
    [
      () => ({
        segs: ['browser', name, 'trunk', ...dir(), file],
        slash: false,
        query: rng.chance(0.5) ? [p('rev', String(rng.int(100, 9999)))] : [],
      }),
      0.4,
    ],
  ])();
}

/** A talk with its slides and images (`/presentations/logging-at-scale/images/grafana-dashboard.png`). */
export function talkSegments(rng: Rng, fakers: Fakers): PageParts {
  const slug = techSlug(rng, fakers).replace(/\./g, '-');
  const root = rng.weighted<string[]>([
    [['presentations', slug], 4],
    [['talks', year(rng), slug], 1],
    [['slides', slug], 2],
    [['talks', slug], 1],
  ]);
  return rng.weighted<() => PageParts>([
    [() => ({ segs: root, slash: true }), 3],
    [
      () => ({
        segs: [...root, rng.pick(['index.html', 'slides.html', 'slides.pdf', 'notes.html', 'print.html'])],
        slash: false,
      }),
      2,
    ],
    [
      () => ({
        segs: [...root, rng.pick(['images', 'img', 'assets', 'pics', 'media']), imageName(rng, fakers)],
        slash: false,
      }),
      6,
    ],
    [() => ({ segs: [...root, `${rng.int(1, 80)}.html`], slash: false }), 2],
    [
      () => ({ segs: [...root, `${slug}.${rng.pick(['pdf', 'key', 'pptx', 'odp', 'mp4'])}`], slash: false }),
      1,
    ],
    [
      () => ({
        segs: [...root, rng.pick(['code', 'examples', 'demo']), sourceFileName(rng, fakers)],
        slash: false,
      }),
      1,
    ],
    [
      () => ({
        segs: [
          ...root,
          rng.pick(['js', 'css', 'lib']),
          `${rng.pick(['reveal', 'slides', 'impress', 'remark', 'highlight', 'jquery', 'prettify', 'main', 'style', 'print'])}${rng.chance(0.3) ? `-${version(rng)}` : ''}${rng.chance(0.3) ? '.min' : ''}.${rng.pick(['js', 'css'])}`,
        ],
        slash: false,
      }),
      1,
    ],
  ])();
}

/** A downloadable file (`/files/logtail/logtail-2.4.1.tar.gz`, Maven/Debian mirror paths, PDFs). */
export function downloadSegments(rng: Rng, fakers: Fakers): PageParts {
  const name = projectName(rng, fakers);
  const art = (): string => artifactName(rng, fakers, name);
  const v = version(rng).replace(/-.*/, '');
  const segs = rng.weighted<() => string[]>([
    [() => ['files', name, art()], 4],
    [() => ['downloads', art()], 2],
    [() => ['dist', name, v, art()], 2],
    [() => ['releases', art()], 1],
    [() => ['pub', topic(rng), art()], 1],
    [() => ['files', `${techSlug(rng, fakers)}.${rng.pick(DOCUMENT_EXTENSIONS)}`], 2],
    [
      () => [
        rng.pick(['papers', 'docs', 'pdf', 'articles']),
        `${techSlug(rng, fakers)}.${rng.pick(['pdf', 'pdf', 'ps', 'pdf.html', 'txt', 'txt.html', 'doc'])}`,
      ],
      2,
    ],
    [
      () => [
        rng.pick(['code', 'snippets', 'scripts', 'src', 'files']),
        ...(rng.chance(0.4) ? [name] : []),
        sourceFileName(rng, fakers),
      ],
      3,
    ],
    [
      () => [
        'maven2',
        'org',
        topic(rng),
        name,
        v,
        `${name}-${v}.${rng.pick(['jar', 'pom', 'jar.sha1', 'jar.asc'])}`,
      ],
      1,
    ],
    [
      () => [
        'debian',
        'pool',
        'main',
        name.charAt(0),
        name,
        `${name}_${v}-${rng.int(1, 4)}_${rng.pick(['amd64', 'all', 'i386', 'armhf'])}.deb`,
      ],
      1,
    ],
    [
      () => [
        rng.pick(['centos', 'fedora', 'el']),
        String(rng.int(5, 9)),
        'x86_64',
        `${name}-${v}-${rng.int(1, 4)}.el${rng.int(5, 9)}.${rng.pick(['x86_64', 'noarch'])}.rpm`,
      ],
      0.5,
    ],
    [() => ['gist', hex(rng, 20), 'raw', sourceFileName(rng, fakers)], 0.5],
  ])();
  return { segs, slash: false };
}

/** A static asset (images, WordPress uploads/themes with `?ver=`, scripts, styles, fonts). */
export function assetSegments(rng: Rng, fakers: Fakers): PageParts {
  const y = year(rng);
  const m = month(rng);
  return rng.weighted<() => PageParts>([
    [() => ({ segs: ['images', imageName(rng, fakers)], slash: false }), 5],
    [() => ({ segs: ['images', y, m, imageName(rng, fakers)], slash: false }), 1],
    [
      () => ({
        segs: [rng.pick(['img', 'pics', 'media', 'uploads', 'static']), imageName(rng, fakers)],
        slash: false,
      }),
      2,
    ],
    [
      () => ({
        segs: [rng.pick(BLOG_PREFIXES), rng.pick(['images', 'img', 'files']), imageName(rng, fakers)],
        slash: false,
      }),
      2,
    ],
    [
      () => ({
        segs: [
          'wp-content',
          'uploads',
          y,
          m,
          `${techSlug(rng, fakers).replace(/[._]/g, '-')}${rng.chance(0.5) ? `-${rng.pick([150, 300, 640, 768, 1024])}x${rng.pick([150, 200, 480, 576, 768])}` : ''}.${rng.pick(['jpg', 'png', 'gif'])}`,
        ],
        slash: false,
        query: rng.chance(0.2)
          ? [p('resize', `${rng.pick([640, 800, 1024])},${rng.pick([360, 480, 600])}`)]
          : [],
      }),
      2,
    ],
    [
      () => ({
        segs: [
          'wp-content',
          rng.pick(['themes', 'plugins']),
          `${plainWord(rng, fakers)}${rng.chance(0.5) ? `-${topic(rng)}` : ''}`,
          rng.pick(['style.css', 'js/scripts.js', 'css/main.css']).split('/'),
        ].flat(),
        slash: false,
        query: [p('ver', version(rng))],
      }),
      2,
    ],
    [
      () => ({
        segs: [
          'wp-includes',
          'js',
          rng.pick([
            'jquery/jquery.js',
            'jquery/jquery-migrate.min.js',
            'wp-emoji-release.min.js',
            'comment-reply.min.js',
            'wp-embed.min.js',
          ]),
        ].flatMap((s) => s.split('/')),
        slash: false,
        query: [p('ver', version(rng))],
      }),
      1,
    ],
    [
      () => ({
        segs: [
          rng.pick(['js', 'javascripts', 'scripts', 'static', 'assets']),
          `${rng.pick(['jquery', 'bootstrap', 'prettify', 'highlight', 'modernizr', 'underscore', 'd3', 'mathjax', 'disqus', 'app', 'main', 'site'])}${rng.chance(0.5) ? `-${version(rng)}` : ''}${rng.chance(0.5) ? '.min' : ''}.js`,
        ],
        slash: false,
      }),
      2,
    ],
    [
      () => ({
        segs: [
          rng.pick(['css', 'stylesheets', 'styles', 'static']),
          `${rng.pick(['style', 'main', 'site', 'print', 'screen', 'syntax', 'pygments', 'bootstrap', 'solarized', 'reset', topic(rng)])}${rng.chance(0.3) ? '.min' : ''}.css`,
        ],
        slash: false,
      }),
      2,
    ],
    [
      () => ({
        segs: [
          'fonts',
          `${rng.pick(['opensans', 'source-code-pro', 'fontawesome', 'droid-sans-mono', 'inconsolata', 'lato'])}-${rng.pick(['regular', 'bold', 'italic', 'webfont'])}.${rng.pick(['woff', 'woff2', 'ttf', 'eot', 'svg'])}`,
        ],
        slash: false,
      }),
      1,
    ],
    [() => ({ segs: ['screenshots', `${projectName(rng, fakers)}-${rng.int(1, 12)}.png`], slash: false }), 1],
    [
      () => ({
        segs: [
          rng.pick([
            'favicon.ico',
            'apple-touch-icon.png',
            'apple-touch-icon-precomposed.png',
            `apple-touch-icon-${rng.pick([57, 72, 114, 120, 152, 180])}x${rng.pick([57, 72, 114, 120, 152, 180])}.png`,
            'reset.css',
            'style.css',
          ]),
        ],
        slash: false,
      }),
      1,
    ],
  ])();
}

/** A browsable directory (`/files/logtail/`, `/pub/debian/`, `/~jordan/`). */
export function directorySegments(rng: Rng, fakers: Fakers): PageParts {
  const segs = rng.weighted<() => string[]>([
    [() => ['files'], 1],
    [() => ['files', projectName(rng, fakers)], 3],
    [() => ['pub'], 0.5],
    [() => ['pub', topic(rng)], 2],
    [() => ['pub', topic(rng), projectName(rng, fakers)], 1],
    [() => ['downloads', projectName(rng, fakers)], 2],
    [() => ['dist', projectName(rng, fakers)], 1],
    [
      () => [
        'mirror',
        rng.pick(TECH_TOPICS.os),
        ...(rng.chance(0.5) ? [version(rng).replace(/-.*/, '')] : []),
      ],
      1,
    ],
    [() => [`~${rng.pick(HANDLES)}`], 1],
    [() => [`~${rng.pick(HANDLES)}`, topic(rng)], 1],
    [
      () => ['presentations', techSlug(rng, fakers).replace(/\./g, '-'), rng.pick(['images', 'img', 'code'])],
      1,
    ],
    [
      () => [
        rng.pick([
          'static',
          'images',
          'code',
          'snippets',
          'papers',
          'archive',
          'old',
          'misc',
          'stuff',
          'tmp',
          'backup',
          'logs',
        ]),
      ],
      1,
    ],
    [() => [rng.pick(['archive', 'snapshots', 'releases']), year(rng)], 1],
  ])();
  return { segs, slash: true };
}

/** A feed (`/feed/`, `/blog/tags/ldap/feed.xml`, `/?feed=rss2`). */
export function feedSegments(rng: Rng, fakers: Fakers): PageParts {
  return rng.weighted<() => PageParts>([
    [() => ({ segs: ['feed'], slash: true }), 2],
    [() => ({ segs: [rng.pick(BLOG_PREFIXES), 'feed'], slash: true }), 2],
    [
      () => ({
        segs: [
          rng.pick([
            'rss.xml',
            'atom.xml',
            'index.xml',
            'feed.xml',
            'rss',
            'index.rss',
            'feed.atom',
            'rss2.xml',
          ]),
        ],
        slash: false,
      }),
      3,
    ],
    [
      () => ({
        segs: [
          rng.pick(BLOG_PREFIXES),
          rng.pick(['rss.xml', 'atom.xml', 'index.xml', 'feed.xml', 'index.rss']),
        ],
        slash: false,
      }),
      2,
    ],
    [
      () => ({
        segs: [
          rng.pick(BLOG_PREFIXES),
          rng.pick(['tags', 'tag', 'category']),
          topic(rng),
          rng.pick(['feed', 'feed.xml', 'rss', 'atom.xml']),
        ],
        slash: rng.chance(0.3),
      }),
      2,
    ],
    [() => ({ segs: ['category', topic(rng), 'feed'], slash: true }), 1],
    [() => ({ segs: ['comments', 'feed'], slash: true }), 1],
    [() => ({ segs: [year(rng), month(rng), techSlug(rng, fakers), 'feed'], slash: true }), 1],
    [
      () => ({
        segs: ['feeds', 'posts', 'default'],
        slash: false,
        query: rng.chance(0.6) ? [p('alt', rng.pick(['rss', 'atom', 'json']))] : [],
      }),
      1,
    ],
    [
      () => ({
        segs: [],
        slash: false,
        query: [p('feed', rng.pick(['rss2', 'rss', 'atom', 'comments-rss2']))],
      }),
      1,
    ],
    [
      () => ({
        segs: [rng.pick(['rss.php', 'feed.php', 'atom.php'])],
        slash: false,
        query: [p(rng.pick(['f', 'type', 'mode']), rng.pick(['rss', 'atom', String(rng.int(1, 40))]))],
      }),
      0.5,
    ],
  ])();
}
