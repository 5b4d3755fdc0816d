import type { Rng } from '../rng.js';
import type { Fakers } from './fakers.js';
import {
  ALL_TOPICS,
  ARTIFACT_EXTENSIONS,
  IMAGE_EXTENSIONS,
  SOURCE_EXTENSIONS,
  ARTIFACT_FLAVOURS,
  AUDIENCES,
  GERUNDS,
  KEYWORD_TOPICS,
  PROJECT_PREFIXES,
  PROJECT_SUFFIXES,
  TITLE_ADJECTIVES,
  TITLE_NOUNS,
  VERBS,
} from './tech-vocab.js';

/**
 * Combinatorial titles, slugs, project names, versions and search queries of technical websites
 * (`configuring-ldap-with-kerberos`, `bash-eval-pitfalls-part-2`, `pygrok-0.4.1.tar.gz`,
 * `how to select union mysql`). Built from the topic vocabulary mixed with ordinary words, numbers,
 * dates and versions, so the slugs of real blogs and docs sites are covered without copying any.
 */

/** One topic word; a third of the time one that is also an attack keyword. */
export function topic(rng: Rng): string {
  return rng.chance(0.33) ? rng.pick(KEYWORD_TOPICS) : rng.pick(ALL_TOPICS);
}

/** An ordinary English word (noun, adjective or verb) from faker, letters only. */
export function plainWord(rng: Rng, fakers: Fakers): string {
  const f = fakers.get('en');
  const w = rng.weighted<() => string>([
    [() => f.word.noun(), 3],
    [() => f.word.adjective(), 1],
    [() => f.word.verb(), 1],
  ])();
  return w.toLowerCase().replace(/[^a-z]/g, '') || 'page';
}

/** A version number in the shapes release pages use (`2.4.1`, `2.0`, `0.9.8k`, `5.1.0-rc2`, `1.4.0.Final`). */
export function version(rng: Rng): string {
  const core = rng.weighted<() => string>([
    [() => `${rng.int(0, 9)}.${rng.int(0, 20)}.${rng.int(0, 15)}`, 6],
    [() => `${rng.int(0, 12)}.${rng.int(0, 9)}`, 3],
    [() => `${rng.int(1, 3)}.${rng.int(0, 9)}.${rng.int(0, 9)}.${rng.int(0, 99)}`, 1],
    [() => `${rng.int(0, 1)}.${rng.int(9, 9)}.${rng.int(6, 8)}${rng.pick(['a', 'e', 'k', 'r', 'zh'])}`, 0.5],
    [() => `${rng.int(2010, 2025)}.${rng.int(1, 12)}`, 0.5],
    [() => String(rng.int(1, 30)), 0.5],
  ])();
  const suffix = rng.weighted<string>([
    ['', 12],
    [`-rc${rng.int(1, 4)}`, 1],
    [`-beta${rng.int(1, 3)}`, 1],
    [`-alpha`, 0.3],
    ['-SNAPSHOT', 0.5],
    ['.Final', 0.3],
    ['.RELEASE', 0.3],
    [`-${rng.int(1, 3)}`, 0.5],
    [`p${rng.int(1, 600)}`, 0.2],
  ]);
  return `${core}${suffix}`;
}

function titleWords(rng: Rng, fakers: Fakers): string[] {
  const t = (): string => topic(rng);
  const w = (): string => plainWord(rng, fakers);
  return rng.weighted<() => string[]>([
    [() => [rng.pick(GERUNDS), t(), 'with', t()], 4],
    [() => [rng.pick(GERUNDS), t(), rng.pick(['on', 'in', 'for', 'behind', 'from', 'under']), t()], 3],
    [() => [t(), t(), rng.pick(TITLE_NOUNS)], 5],
    [() => [t(), rng.pick(TITLE_NOUNS)], 4],
    [() => [t(), t(), 'for', t()], 2],
    [() => [t(), 'and', t()], 2],
    [() => [t(), 'vs', t()], 2],
    [() => ['how', 'to', rng.pick(VERBS), t(), ...(rng.chance(0.5) ? ['in', t()] : [])], 4],
    [() => ['how', 'i', rng.pick(['use', 'replaced', 'fixed', 'broke', 'learned', 'debugged']), t()], 1],
    [() => [rng.pick(TITLE_ADJECTIVES), t(), rng.pick(TITLE_NOUNS)], 3],
    [
      () => [
        t(),
        version(rng).replace(/\./g, rng.pick(['.', '-', '_'])),
        rng.pick(['released', 'notes', 'is-out', 'changes']),
      ],
      2,
    ],
    [() => [t(), rng.pick(TITLE_NOUNS), 'part', String(rng.int(1, 12))], 2],
    [() => ['why', t(), rng.pick(['is', 'isnt', 'should-be', 'needs']), rng.pick(TITLE_ADJECTIVES)], 1],
    [() => [t(), 'for', rng.pick(AUDIENCES)], 1],
    [
      () => [
        rng.pick(['notes-on', 'more', 'fun-with', 'on', 'about', 'against', 'beyond', 'toward']),
        t(),
        ...(rng.chance(0.5) ? [w()] : []),
      ],
      2,
    ],
    [() => [t(), 'in', String(rng.int(2, 60)), rng.pick(['minutes', 'lines', 'steps', 'seconds'])], 1],
    [
      () => [
        rng.pick([
          'ie',
          'ie6',
          'ie7',
          'ie8',
          'ie9',
          'firefox',
          'chrome',
          'safari',
          'opera',
          'android',
          'ios',
        ]),
        t(),
        rng.pick(['error', 'bug', 'crash', 'fix', 'issue', 'workaround', 'quirk', 'problem']),
      ],
      2,
    ],
    [() => [String(rng.int(2005, 2025)), t(), rng.pick(TITLE_NOUNS)], 1],
    [() => [w(), t(), w()], 3],
    [() => [w(), w(), ...(rng.chance(0.5) ? [w()] : [])], 3],
    [() => [t(), w(), t(), w()], 2],
    [() => [t(), t(), t()], 2],
  ])();
}

/** A slug for a post, page or talk: hyphenated (sometimes underscored or dotted) lower-case words. */
export function techSlug(rng: Rng, fakers: Fakers): string {
  const words = titleWords(rng, fakers);
  const sep = rng.weighted<string>([
    ['-', 20],
    ['_', 3],
    ['.', 0.5],
    ['', 0.5],
  ]);
  let slug = words.join(sep).replace(/-/g, sep === '' ? '' : sep === '.' ? '-' : sep);
  if (rng.chance(0.06)) slug = `${slug}${sep || '-'}${rng.int(2, 9)}`;
  return slug.replace(/_+/g, '_').toLowerCase();
}

/** A title as a human writes it (search queries, wiki titles): words with some capitals. */
export function techTitle(rng: Rng, fakers: Fakers): string {
  const words = titleWords(rng, fakers).map((w) => w.replace(/-/g, ' '));
  return words
    .map((w, i) => (rng.chance(i === 0 ? 0.5 : 0.15) ? w.replace(/^./, (c) => c.toUpperCase()) : w))
    .join(' ');
}

/** A MediaWiki-style page title (`Bash_scripting`, `OpenLDAP/Replication`, `Category:Security`). */
export function wikiTitle(rng: Rng, fakers: Fakers): string {
  const cap = (w: string): string => w.replace(/^./, (c) => c.toUpperCase());
  const base = rng.weighted<() => string>([
    [() => cap(topic(rng)), 3],
    [() => `${cap(topic(rng))}_${rng.chance(0.5) ? topic(rng) : plainWord(rng, fakers)}`, 4],
    [
      () =>
        techTitle(rng, fakers)
          .split(' ')
          .map((w, i) => (i === 0 ? cap(w) : w))
          .join('_'),
      3,
    ],
    [() => `${cap(topic(rng))}/${cap(rng.pick(TITLE_NOUNS))}`, 1],
    [
      () =>
        `${cap(topic(rng))}_(${rng.pick(['software', 'command', 'Unix', 'protocol', 'programming_language', 'disambiguation'])})`,
      1,
    ],
  ])();
  return rng.chance(0.12)
    ? `${rng.pick(['Category', 'Talk', 'Help', 'User', 'Template', 'Special', 'File', 'Project', 'Manual'])}:${base}`
    : base;
}

/** A project / tool name built from topics (`ldap-sync`, `pygrok`, `logtail`, `nginx-exporter`). */
export function projectName(rng: Rng, fakers: Fakers): string {
  const t = topic(rng).replace(/[^a-z0-9-]/gi, '');
  return rng.weighted<() => string>([
    [() => `${t}${rng.pick(PROJECT_SUFFIXES)}`, 5],
    [() => `${rng.pick(PROJECT_PREFIXES)}${t}`, 2],
    [() => `${t}2${topic(rng).replace(/[^a-z0-9]/gi, '')}`, 1],
    [() => `${t}-${topic(rng).replace(/[^a-z0-9-]/gi, '')}`, 2],
    [() => `${plainWord(rng, fakers)}${rng.chance(0.5) ? '-' : ''}${t}`, 1],
    [() => t, 1],
    [() => plainWord(rng, fakers), 1],
  ])();
}

/** A release file name (`logtail-2.4.1-linux-amd64.tar.gz`, `pyldap_0.9.1-1_all.deb`). */
export function artifactName(rng: Rng, fakers: Fakers, project = projectName(rng, fakers)): string {
  const ext = rng.pick(ARTIFACT_EXTENSIONS);
  const v = version(rng);
  const sep = ext === 'deb' ? '_' : '-';
  return `${project}${sep}${rng.chance(0.15) ? 'v' : ''}${v}${rng.pick(ARTIFACT_FLAVOURS)}.${ext}`;
}

const QUERY_TEMPLATES: ReadonlyArray<readonly [(t: () => string, v: string) => string, number]> = [
  [(t) => `${t()} ${t()}`, 5],
  [(t) => `${t()} ${t()} ${t()}`, 3],
  [(t) => `how to ${t()} ${t()}`, 2],
  [(t) => `${t()} ${t()} error`, 1],
  [(t) => `${t()} not working`, 1],
  [(t, v) => `${t()} ${v}`, 1],
  [(t) => `${t()} vs ${t()}`, 1],
  [(t) => `${t()} example`, 1],
  [(t) => `${t()} tutorial`, 1],
  [(t) => `install ${t()} on ${t()}`, 1],
  [(t) => `${t()} "${t()}"`, 0.5],
  [(t) => `${t()} ${t()} site:stackoverflow.com`, 0.2],
];

/** Queries in other languages and scripts (written for this project; tech words stay Latin). */
const FOREIGN_QUERIES: ReadonlyArray<(t: () => string) => string> = [
  (t) => `как настроить ${t()}`,
  (t) => `${t()} ошибка ${t()}`,
  (t) => `установка ${t()} на ${t()}`,
  (t) => `${t()} пример`,
  (t) => `${t()} 配置`,
  (t) => `${t()} 安装 教程`,
  (t) => `如何 使用 ${t()}`,
  (t) => `${t()} ${t()} 报错`,
  (t) => `${t()} 設定 方法`,
  (t) => `${t()} インストール`,
  (t) => `${t()} とは`,
  (t) => `${t()} 설치 방법`,
  (t) => `${t()} 사용법`,
  (t) => `${t()} einrichten`,
  (t) => `${t()} Fehler beheben`,
  (t) => `cómo instalar ${t()}`,
  (t) => `${t()} configuración`,
  (t) => `comment configurer ${t()}`,
  (t) => `${t()} tutoriel français`,
  (t) => `como configurar ${t()} no ${t()}`,
  (t) => `${t()} kurulumu`,
  (t) => `${t()} konfiguracja`,
  (t) => `налаштування ${t()}`,
  (t) => `${t()} הגדרת`,
  (t) => `إعداد ${t()}`,
  (t) => `${t()} cài đặt`,
  (t) => `${t()} कैसे इंस्टॉल करें`,
];

/** A search-engine query about a technical topic (some in other languages and scripts). */
export function techSearchQuery(rng: Rng): string {
  const t = (): string => topic(rng).replace(/[-_]/g, rng.chance(0.7) ? ' ' : '-');
  if (rng.chance(0.18)) return rng.pick(FOREIGN_QUERIES)(t);
  const q = rng.weighted(QUERY_TEMPLATES)(t, version(rng));
  return rng.chance(0.1) ? q.replace(/^./, (c) => c.toUpperCase()) : q;
}

/** Year, month and day as URL segments (`2014`, `03`, `09`). */
export const year = (rng: Rng): string => String(rng.int(2003, 2025));
export const month = (rng: Rng): string => String(rng.int(1, 12)).padStart(2, '0');
export const day = (rng: Rng): string => String(rng.int(1, 28)).padStart(2, '0');

/** `ldap` → `Ldap`. */
export const capitalize = (w: string): string => w.replace(/^./, (c) => c.toUpperCase());

/**
 * Percent-encodes a path segment the way browsers and servers write it: RFC 3986 `pchar`s
 * (`: @ ( ) + , ; = ~ !`) stay as they are, everything else (spaces, quotes, non-ASCII) is encoded.
 */
export function encodePathSegment(segment: string): string {
  return encodeURIComponent(segment)
    .replace(/%(3A|40|2B|2C|3B|3D)/gi, (m) => decodeURIComponent(m))
    .replace(/'/g, '%27');
}

/** A file's base name in the styles people name images and source files. */
export function fileBase(rng: Rng, fakers: Fakers): string {
  return rng.weighted<() => string>([
    [() => topic(rng), 4],
    [() => `${topic(rng)}-${rng.chance(0.5) ? topic(rng) : plainWord(rng, fakers)}`, 5],
    [() => `${topic(rng)}${rng.int(1, 20)}`, 1],
    [() => `${topic(rng)}_${plainWord(rng, fakers)}`, 1],
    [
      () =>
        `${rng.pick(['screenshot', 'diagram', 'graph', 'chart', 'slide', 'figure', 'example', 'output'])}-${rng.chance(0.5) ? topic(rng) : String(rng.int(1, 60))}`,
      2,
    ],
    [() => `${plainWord(rng, fakers)}-${plainWord(rng, fakers)}`, 2],
    [() => `${capitalize(topic(rng))}${capitalize(plainWord(rng, fakers))}`, 0.5],
    [() => `IMG_${rng.int(1000, 9999)}`, 0.5],
  ])();
}

/** An image or media file name (`kibana-dashboard.png`, `diagram-12.svg`). */
export function imageName(rng: Rng, fakers: Fakers): string {
  return `${fileBase(rng, fakers)}.${rng.pick(IMAGE_EXTENSIONS)}`;
}

/** A source or config file name (`backup.sh`, `logtail.conf`). */
export function sourceFileName(rng: Rng, fakers: Fakers): string {
  return `${rng.chance(0.7) ? fileBase(rng, fakers) : topic(rng)}.${rng.pick(SOURCE_EXTENSIONS)}`;
}
