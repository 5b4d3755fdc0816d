import { describe, expect, it } from 'vitest';
import { crawlerUserAgent, feedReaderUserAgent, monitorUserAgent } from '../src/benign/bot-agents.js';
import type { ContentPageKind } from '../src/benign/content-paths.js';
import { contentPage, contentUrl } from '../src/benign/content-paths.js';
import { Fakers } from '../src/benign/fakers.js';
import { BenignGenerator } from '../src/benign/generate-benign.js';
import { httpClientUserAgent } from '../src/benign/http-clients.js';
import { legacyBrowserUserAgent } from '../src/benign/legacy-browsers.js';
import { learnPathShapes } from '../src/benign/path-shapes.js';
import { communityReferer, internalReferer, searchEngineReferer } from '../src/benign/referers.js';
import {
  artifactName,
  encodePathSegment,
  techSearchQuery,
  techSlug,
  version,
  wikiTitle,
} from '../src/benign/tech-slugs.js';
import { KEYWORD_TOPICS } from '../src/benign/tech-vocab.js';
import { LEGACY_BROWSER_SHARE, userAgentFor } from '../src/benign/user-agents.js';
import { renderDraft, type DraftRequest } from '../src/draft.js';
import { validateRecord } from '../src/records.js';
import { Rng } from '../src/rng.js';

const KINDS: ContentPageKind[] = [
  'post',
  'listing',
  'archive',
  'docs',
  'man',
  'wiki',
  'forum',
  'mail-archive',
  'project',
  'repo',
  'talk',
  'download',
  'asset',
  'directory',
  'feed',
  'page',
  'link-out',
];

function setup(seed: number): { rng: Rng; fakers: Fakers } {
  const rng = new Rng(seed);
  return { rng, fakers: new Fakers(rng.fork('fakers')) };
}

/** Renders a content page as the content-site app does (path + query on the wire). */
function render(page: ReturnType<typeof contentPage>): string {
  const draft: DraftRequest = {
    method: 'GET',
    host: 'blog.example.org',
    path: page.path,
    trailingSlash: page.trailingSlash,
    query: page.query,
    headers: [['user-agent', 'curl/8.5.0']],
    cookies: [],
    spaceStyle: '+',
    rawBrackets: false,
    app: 'content-site',
  };
  return renderDraft(draft).url;
}

const many = <T>(n: number, f: () => T): T[] => Array.from({ length: n }, f);
/** Printable ASCII only: what a client puts on the wire in a request line or header. */
const WIRE = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

describe('technical slugs and titles', () => {
  it('combine topic words (many of them attack keywords) with ordinary words, versions and dates', () => {
    const { rng, fakers } = setup(11);
    const slugs = many(500, () => techSlug(rng, fakers));
    for (const s of slugs) expect(s).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
    expect(new Set(slugs).size).toBeGreaterThan(480);
    const keywords = slugs.filter((s) => KEYWORD_TOPICS.some((k) => s.split(/[-_.]/).includes(k)));
    expect(keywords.length).toBeGreaterThan(100);
    for (const v of many(200, () => version(rng))) expect(v).toMatch(/^\d[\w.-]*$/);
    expect(many(200, () => artifactName(rng, fakers)).join('\n')).toMatch(/\.(tar\.gz|jar|deb|zip)$/m);
    expect(many(300, () => wikiTitle(rng, fakers)).join('\n')).toMatch(
      /^(Category|Talk|Help|User|Template):/m,
    );
  });

  it('write search queries in several languages and scripts', () => {
    const { rng } = setup(12);
    const queries = many(400, () => techSearchQuery(rng)).join('\n');
    expect(queries).toMatch(/[\u0400-\u04ff]/); // Cyrillic
    expect(queries).toMatch(/[\u4e00-\u9fff]/); // CJK
    expect(queries).toMatch(/^how to /m);
  });
});

describe('content-site pages', () => {
  it('are deterministic for a seed', () => {
    const a = setup(13);
    const b = setup(13);
    expect(many(300, () => contentUrl(a.rng, a.fakers))).toEqual(
      many(300, () => contentUrl(b.rng, b.fakers)),
    );
  });

  it('cover every page kind with wire-valid URLs and never spell a sensitive file location', () => {
    const { rng, fakers } = setup(14);
    for (const kind of KINDS) {
      const urls = many(150, () => render(contentPage(rng, fakers, kind)));
      for (const url of urls) {
        expect(url, kind).toMatch(/^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/);
        expect(url).not.toMatch(/\.\.\//);
        expect(url).not.toMatch(/(^|\/)etc\/(passwd|shadow)|proc\/self|windows\/system32/i);
        expect(url.split('?')[0]).not.toMatch(/\/\//);
      }
      expect(new Set(urls).size, kind).toBeGreaterThan(urls.length * 0.5);
    }
  });

  it('have the syntax real sites use: sort links, `;` parameters, files, feeds, tags with keywords', () => {
    const { rng, fakers } = setup(15);
    const urls = many(4000, () => render(contentPage(rng, fakers)));
    const all = urls.join('\n');
    expect(all).toMatch(/\/\?C=[NMSD];O=[AD]$/m); // mod_autoindex sort link, raw on the wire
    expect(all).toMatch(/;jsessionid=[0-9A-F]{32}/);
    expect(all).toMatch(/\?p=[^&]+\.git;a=\w+;f=/); // gitweb
    expect(all).toMatch(/\/(tags?|category|topics)\/[a-z0-9_-]+\/?$/m);
    expect(all).toMatch(/\.(tar\.gz|jar|zip|deb|rpm)$/m);
    expect(all).toMatch(/\.pdf\.html$/m);
    expect(all).toMatch(/\/(feed\/?|rss\.xml|atom\.xml)$/m);
    expect(all).toMatch(/\/wiki\/[^?\s]*%[0-9A-F]{2}/); // non-ASCII wiki titles are percent-encoded
    expect(all).toMatch(/=https?(%3A%2F%2F|:\/\/)/); // URLs inside parameters, encoded or raw
    const keywordPaths = urls.filter((u) =>
      ['ldap', 'passwd', 'shell', 'exec', 'eval', 'select', 'script', 'cookie', 'admin', 'cmd'].some((k) =>
        u.split(/[/?&=;._-]/).includes(k),
      ),
    );
    expect(keywordPaths.length).toBeGreaterThan(200);
  });

  it('keep path characters RFC 3986 allows and encode the rest', () => {
    expect(encodePathSegment('Bash_(Unix_shell)')).toBe('Bash_(Unix_shell)');
    expect(encodePathSegment('thread.jspa;jsessionid=AB12')).toBe('thread.jspa;jsessionid=AB12');
    expect(encodePathSegment("it's ldap")).toBe('it%27s%20ldap');
    expect(encodePathSegment('Настройка')).toBe('%D0%9D%D0%B0%D1%81%D1%82%D1%80%D0%BE%D0%B9%D0%BA%D0%B0');
  });
});

describe('user agents from templates', () => {
  const families: Array<[string, (rng: Rng) => string, RegExp[]]> = [
    [
      'legacy browsers',
      legacyBrowserUserAgent,
      [
        /Trident\/7\.0;.* rv:11\.0\) like Gecko/,
        /MSIE [6-9]\.0/,
        /\.NET CLR/,
        /Presto\//,
        /Opera Mini/,
        /Android [2-4]\.[0-9].*Version\/4\.0/,
        /Firefox\/\d+\.0/,
        /Edge\/1\d\./,
        /FBAN\/FBIOS/,
        /BlackBerry/,
        /Lynx|w3m|Links/,
      ],
    ],
    [
      'crawlers',
      crawlerUserAgent,
      [
        /Googlebot\/2\.1/,
        /bingbot/,
        /msnbot/,
        /Baiduspider/,
        /YandexBot|Yandex\w+\//,
        /AhrefsBot/,
        /SemrushBot/,
        /archive\.org_bot/,
        /facebookexternalhit/,
        /Slackbot/,
        /Feedly|inoreader|Feedbin/,
      ],
    ],
    ['monitors', monitorUserAgent, [/UptimeRobot/, /Pingdom/, /check_http/]],
    [
      'http clients',
      httpClientUserAgent,
      [
        /^curl\/\d/,
        /^Wget\//,
        /^python-requests\//,
        /^Go-http-client/,
        /^Java\/1\.8\.0_/,
        /^okhttp\//,
        /^axios\//,
        /node-fetch/,
        /^libwww-perl\//,
        /^Apache-HttpClient\//,
      ],
    ],
  ];

  for (const [name, gen, expected] of families) {
    it(`${name}: filled, printable, varied and covering the real families`, () => {
      const rng = new Rng(16);
      const uas = many(3000, () => gen(rng));
      for (const ua of uas) {
        expect(ua).toMatch(WIRE);
        expect(ua).not.toMatch(/undefined|NaN|\$\{|\{\w+\}/);
      }
      const all = uas.join('\n');
      for (const re of expected) expect(all, `${name} ${re}`).toMatch(new RegExp(re.source, 'm'));
      expect(new Set(uas).size).toBeGreaterThan(name === 'monitors' ? 50 : 300);
    });
  }

  it('mix legacy browsers into browser traffic and feed readers into feed fetches', () => {
    const rng = new Rng(17);
    const uas = many(4000, () => userAgentFor('browser', rng));
    const legacy = uas.filter((u) =>
      /MSIE|Trident|Presto|Firefox\/[1-5]?\d\.0$|Android [2-4]\./.test(u),
    ).length;
    expect(legacy / uas.length).toBeGreaterThan(LEGACY_BROWSER_SHARE / 3);
    expect(legacy / uas.length).toBeLessThan(LEGACY_BROWSER_SHARE * 1.5);
    expect(many(200, () => feedReaderUserAgent(rng)).join('\n')).toMatch(/subscribers/);
  });
});

describe('referers', () => {
  it('are valid URLs from search engines (with their tracking parameters), community sites and technical pages', () => {
    const { rng, fakers } = setup(18);
    const landing = 'https://blog.example.org/blog/2014/03/configuring-ldap-with-kerberos/';
    const search = many(1500, () => searchEngineReferer(rng, landing));
    const community = many(500, () => communityReferer(rng, fakers, landing));
    const internal = many(500, () => internalReferer(rng, fakers, 'docs.example.com'));
    for (const r of [...search, ...community, ...internal]) {
      expect(r).toMatch(WIRE);
      expect(() => new URL(r)).not.toThrow();
    }
    const s = search.join('\n');
    expect(s).toMatch(
      /google\.[a-z.]+\/url\?sa=t&rct=j&q=.*&ved=.*&url=https%3A%2F%2Fblog\.example\.org%2F.*&usg=AFQjCN/,
    );
    expect(s).toMatch(/bing\.com\/search\?q=/);
    expect(s).toMatch(/yandex\.\w+\/(yandsearch|search\/)\?text=/);
    expect(s).toMatch(/baidu\.com\/(s\?wd=|link\?url=)/);
    expect(s).toMatch(/search\.yahoo\.com\/search;_ylt=/);
    expect(s).toMatch(/=[^&\s]*%D0%[89AB][0-9A-F]/); // percent-encoded Cyrillic query
    expect(community.join('\n')).toMatch(/reddit\.com\/r\/|stackoverflow\.com\/questions\//);
    expect(internal.every((r) => /^https?:\/\/docs\.example\.com\//.test(r))).toBe(true);
  });
});

describe('content-site app', () => {
  it('produces valid records with crawler, legacy and library clients and search-engine referers', () => {
    const gen = new BenignGenerator(new Rng(19), learnPathShapes([]));
    const records = many(4000, () => gen.draft())
      .filter((d) => d.app === 'content-site')
      .map((d) => renderDraft(d));
    expect(records.length).toBeGreaterThan(400);
    for (const r of records) expect(validateRecord(r)).toEqual([]);
    const uas = records.map((r) => String(r.headers['user-agent']));
    expect(uas.filter((u) => /bot|spider|crawler|slurp|archiver|feed/i.test(u)).length).toBeGreaterThan(
      records.length * 0.1,
    );
    const refs = records.map((r) => String(r.headers.referer ?? '')).join('\n');
    expect(refs).toMatch(/google\.|bing\.com|yandex\.|baidu\.com/);
    expect(records.some((r) => /\?C=[NMSD];O=[AD]/.test(r.url))).toBe(true);
  });
});
