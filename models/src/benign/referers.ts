import type { Rng } from '../rng.js';
import { contentUrl } from './content-paths.js';
import { externalPageUrl } from './content-queries.js';
import type { Fakers } from './fakers.js';
import { projectName, techSearchQuery, techSlug, topic } from './tech-slugs.js';
import { alnum, hex, randomString } from './tokens.js';

/**
 * Referer headers real sites receive: search-engine result and redirect URLs with their long
 * tracking parameters (Google `/url?sa=t&…&ved=…&usg=…`, Bing `&cvid=`, Yandex `&lr=`, Baidu
 * `&rsv_…`, Yahoo's `;_ylt=` path parameters), queries about technical topics in many languages
 * and scripts (percent-encoded UTF-8), community sites (Reddit, Hacker News, Stack Overflow, feed
 * readers, webmail), and pages of technical sites.
 */

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const GOOGLE_TLDS = [
  'com',
  'com',
  'com',
  'co.uk',
  'de',
  'fr',
  'ca',
  'com.au',
  'co.in',
  'ru',
  'com.br',
  'es',
  'it',
  'nl',
  'pl',
  'co.jp',
  'com.tr',
  'se',
  'ch',
  'be',
  'at',
  'cz',
  'com.ua',
  'co.kr',
  'com.mx',
  'ie',
  'dk',
  'fi',
  'no',
  'gr',
  'pt',
  'ro',
  'hu',
  'co.il',
  'com.sg',
  'com.hk',
  'com.vn',
  'co.id',
] as const;

/** How browsers write a search query in a URL: `+` for spaces (sometimes `%20`), UTF-8 percent-encoded. */
export function encodeQuery(rng: Rng, q: string): string {
  const enc = encodeURIComponent(q).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return rng.chance(0.85) ? enc.replace(/%20/g, '+') : enc;
}

const scheme = (rng: Rng, https = 0.7): string => (rng.chance(https) ? 'https' : 'http');

/** Google's old `ved` click token (`0CCkQFjAE`, `0ahUKEwj…`). */
function ved(rng: Rng): string {
  return rng.chance(0.5)
    ? `0C${randomString(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1)}${randomString(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 2)}QFj${randomString(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1)}${randomString(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', rng.int(1, 2))}`
    : `0ahUKEw${randomString(rng, B64URL, rng.int(36, 48))}`;
}

/** A search-engine referer for a landing page (`landing` is the full URL of the page visited). */
export function searchEngineReferer(rng: Rng, landing: string): string {
  const query = rng.chance(0.85) ? techSearchQuery(rng) : '';
  const q = encodeQuery(rng, query);
  const landingEnc = encodeURIComponent(landing);
  return rng.weighted<() => string>([
    // Google hides the query nowadays: most referers are the bare origin.
    [() => `${scheme(rng, 0.8)}://www.google.${rng.pick(GOOGLE_TLDS)}/`, 8],
    [
      () =>
        `${scheme(rng)}://www.google.${rng.pick(GOOGLE_TLDS)}/url?sa=t&rct=j&q=${rng.chance(0.6) ? '' : q}&esrc=s&source=web&cd=${rng.int(1, 30)}&${rng.chance(0.3) ? 'cad=rja&uact=8&' : ''}ved=${ved(rng)}&url=${landingEnc}&ei=${randomString(rng, B64URL, 22)}&usg=AFQjCN${randomString(rng, B64URL, 34)}${rng.chance(0.5) ? `&sig2=${randomString(rng, B64URL, 22)}` : ''}${rng.chance(0.4) ? `&bvm=bv.${rng.int(80_000_000, 99_999_999)},d.${alnum(rng, 3)}` : ''}`,
      5,
    ],
    [
      () =>
        `https://www.google.${rng.pick(GOOGLE_TLDS)}/search?q=${q}${rng.chance(0.5) ? `&ie=utf-8&oe=utf-8` : ''}${rng.chance(0.3) ? `&client=${rng.pick(['firefox-b', 'firefox-a', 'safari', 'ubuntu', 'opera'])}` : ''}${rng.chance(0.3) ? `&rls=org.mozilla:${rng.pick(['en-US', 'de', 'ru'])}:official` : ''}${rng.chance(0.4) ? `&hl=${rng.pick(['en', 'de', 'ru', 'fr', 'ja', 'zh-CN'])}` : ''}${rng.chance(0.3) ? `&gws_rd=ssl` : ''}`,
      2,
    ],
    [
      () =>
        `http://webcache.googleusercontent.com/search?q=cache:${alnum(rng, 12)}:${landing.replace(/^https?:\/\//, '')}+&cd=${rng.int(1, 9)}&hl=en&ct=clnk&gl=${rng.pick(['us', 'uk', 'de', 'in'])}`,
      0.3,
    ],
    [
      () =>
        `https://translate.googleusercontent.com/translate_c?depth=1&hl=${rng.pick(['ru', 'zh-CN', 'ja', 'es', 'pt'])}&prev=search&rurl=translate.google.com&sl=en&sp=nmt4&u=${landingEnc}&usg=ALkJrh${randomString(rng, B64URL, 34)}`,
      0.3,
    ],
    [
      () =>
        `android-app://com.google.android.${rng.pick(['googlequicksearchbox', 'gm', 'apps.magazines'])}${rng.chance(0.5) ? '/https/www.google.com' : ''}`,
      0.5,
    ],
    [
      () =>
        `${scheme(rng)}://www.bing.com/${rng.chance(0.8) ? `search?q=${q}&${rng.pick(['form=QBLH', 'form=QBRE', 'FORM=HDRSC1', 'form=MSNSB1', 'form=EDGEAR'])}${rng.chance(0.5) ? `&sp=-1&pq=${q.toLowerCase()}&sc=${rng.int(0, 8)}-${rng.int(1, 40)}&qs=n&sk=` : ''}${rng.chance(0.6) ? `&cvid=${hex(rng, 32).toUpperCase()}` : ''}` : ''}`,
      3,
    ],
    [
      () =>
        `${scheme(rng)}://${rng.pick(['yandex.ru', 'yandex.ua', 'yandex.com', 'yandex.by', 'yandex.kz'])}/${rng.chance(0.5) ? `yandsearch?text=${q}&lr=${rng.int(1, 22000)}${rng.chance(0.5) ? `&clid=${rng.int(1_000_000, 2_999_999)}` : ''}` : rng.chance(0.5) ? `search/?text=${q}&lr=${rng.int(1, 22000)}` : ''}`,
      2,
    ],
    [
      () =>
        `${scheme(rng, 0.5)}://www.baidu.com/${rng.chance(0.6) ? `s?wd=${q}&rsv_spt=1&rsv_iqid=0x${hex(rng, 16)}&issp=1&f=8&rsv_bp=${rng.int(0, 1)}&rsv_idx=2&ie=utf-8&tn=${rng.pick(['baiduhome_pg', 'baidu', '98012088_5_dg'])}${rng.chance(0.5) ? `&rsv_enter=1&rsv_sug3=${rng.int(1, 30)}` : ''}` : `link?url=${randomString(rng, B64URL, rng.int(60, 90))}&wd=&eqid=${hex(rng, 32)}`}`,
      1.5,
    ],
    [
      () =>
        `https://search.yahoo.com/search;_ylt=${randomString(rng, B64URL, 26)};_ylu=${randomString(rng, B64URL, 40)}?p=${q}&fr=${rng.pick(['yfp-t', 'yfp-t-901', 'sfp', 'mcafee', 'crmas'])}${rng.chance(0.5) ? '&fp=1&toggle=1&cop=mss&ei=UTF-8' : ''}`,
      1,
    ],
    [
      () =>
        `https://r.search.yahoo.com/_ylt=${randomString(rng, B64URL, 26)};_ylu=${randomString(rng, B64URL, 40)}/RV=2/RE=${rng.int(1.4e9, 1.7e9)}/RO=10/RU=${landingEnc.toLowerCase()}/RK=${rng.int(0, 2)}/RS=${randomString(rng, B64URL, 27)}-`,
      0.5,
    ],
    [
      () =>
        `https://duckduckgo.com/${rng.chance(0.6) ? `?q=${q}&t=${rng.pick(['h_', 'ffab', 'ffsb', 'brave', 'osx'])}${rng.chance(0.5) ? '&ia=web' : ''}` : ''}`,
      2,
    ],
    [() => `https://www.ecosia.org/search?q=${q}`, 0.4],
    [() => `https://www.qwant.com/?q=${q}&t=web`, 0.3],
    [
      () =>
        `https://search.naver.com/search.naver?where=nexearch&query=${q}&sm=top_hty&fbm=${rng.int(0, 1)}&ie=utf8`,
      0.3,
    ],
    [() => `https://www.sogou.com/web?query=${q}&ie=utf8&_ast=${rng.int(1.4e9, 1.7e9)}`, 0.2],
    [() => `https://www.so.com/s?q=${q}&src=srp&fr=none&psid=${hex(rng, 32)}`, 0.2],
    [() => `https://search.seznam.cz/?q=${q}`, 0.2],
    [() => `https://www.ask.com/web?q=${q}&qsrc=0&o=0&l=dir`, 0.2],
    [() => `https://go.mail.ru/search?q=${q}&fr=main&frm=main`, 0.2],
    [
      () => `https://search.aol.com/aol/search?q=${q}&s_it=${rng.pick(['topsearchbox.search', 'sb-top'])}`,
      0.2,
    ],
    [() => `https://www.startpage.com/do/search?q=${q}`, 0.2],
  ])();
}

/** A referer from a community, social or reader site (often with URLs or titles in it). */
export function communityReferer(rng: Rng, fakers: Fakers, landing: string): string {
  const slug = techSlug(rng, fakers).replace(/[.-]/g, '_').slice(0, 60);
  return rng.weighted<() => string>([
    [
      () =>
        `https://www.reddit.com/r/${rng.pick(['sysadmin', 'linux', 'programming', 'netsec', 'devops', 'golang', 'Python', 'rust', 'webdev', 'selfhosted', 'commandline', 'bash', 'PostgreSQL', 'elasticsearch', 'homelab'])}/${rng.chance(0.7) ? `comments/${alnum(rng, 6).toLowerCase()}/${slug}/` : ''}`,
      3,
    ],
    [
      () =>
        `https://news.ycombinator.com/${rng.pick([`item?id=${rng.int(8_000_000, 42_000_000)}`, '', 'news', `news?p=${rng.int(2, 5)}`, 'newest'])}`,
      2,
    ],
    [
      () =>
        `${scheme(rng, 0.9)}://stackoverflow.com/questions/${rng.int(1000, 79_999_999)}/${techSlug(rng, fakers).replace(/[._]/g, '-')}`,
      3,
    ],
    [
      () =>
        `https://${rng.pick(['serverfault.com', 'superuser.com', 'unix.stackexchange.com', 'askubuntu.com', 'security.stackexchange.com', 'dba.stackexchange.com'])}/questions/${rng.int(1000, 999_999)}/${techSlug(rng, fakers).replace(/[._]/g, '-')}`,
      1.5,
    ],
    [
      () =>
        `https://github.com/${rng.pick(['jordan', 'acme', 'labs', 'infra', 'tools-org'])}/${projectName(rng, fakers)}${rng.pick(['', '', `/issues/${rng.int(1, 3000)}`, '/blob/master/README.md', `/pull/${rng.int(1, 900)}`, '/wiki'])}`,
      2,
    ],
    [() => `https://t.co/${alnum(rng, 10)}`, 2],
    [
      () =>
        `https://l.facebook.com/l.php?u=${encodeURIComponent(landing)}&h=${randomString(rng, B64URL, rng.int(40, 90))}`,
      1,
    ],
    [() => `https://${rng.pick(['m.facebook.com', 'www.facebook.com', 'lm.facebook.com'])}/`, 1],
    [
      () =>
        `https://www.linkedin.com/${rng.chance(0.5) ? `feed/update/urn:li:activity:${rng.int(6.8e18, 7.2e18)}/` : ''}`,
      0.5,
    ],
    [() => `https://lobste.rs/s/${alnum(rng, 6).toLowerCase()}/${slug}`, 0.5],
    [
      () =>
        `${scheme(rng, 0.5)}://feedly.com/i/${rng.chance(0.5) ? `subscription/feed/${landing.replace(/\/[^/]*$/, '/feed/')}` : rng.pick(['latest', 'my', `category/${topic(rng)}`, 'saved'])}`,
      1,
    ],
    [
      () =>
        `https://www.inoreader.com/${rng.pick(['all_articles', `feed/${encodeURIComponent(landing)}`, 'starred'])}`,
      0.4,
    ],
    [() => `https://www.newsblur.com/site/${rng.int(1, 9_999_999)}/${slug.replace(/_/g, '-')}`, 0.3],
    [() => `https://mail.google.com/mail/u/${rng.int(0, 2)}/`, 1],
    [
      () =>
        `https://outlook.live.com/mail/0/${rng.pick(['inbox', 'inbox/id/AQMk' + randomString(rng, B64URL, 40)])}`,
      0.4,
    ],
    [() => `https://${rng.pick(['company', 'ops-team', 'devs', 'acme'])}.slack.com/`, 0.5],
    [
      () =>
        `https://medium.com/@${rng.pick(['jordan', 'alice', 'dmitry', 'wei'])}/${slug.replace(/_/g, '-')}-${hex(rng, 12)}`,
      0.5,
    ],
    [
      () =>
        `https://dev.to/${rng.pick(['jordan', 'alice', 'dmitry', 'wei'])}/${slug.replace(/_/g, '-')}-${alnum(rng, 4).toLowerCase()}`,
      0.3,
    ],
    [
      () =>
        `https://en.wikipedia.org/wiki/${encodeURIComponent(topic(rng).replace(/^./, (c) => c.toUpperCase()))}`,
      0.7,
    ],
    [() => `https://www.youtube.com/${rng.chance(0.5) ? `watch?v=${alnum(rng, 11)}` : ''}`, 0.5],
    [
      () => `https://speakerdeck.com/${rng.pick(['jordan', 'alice', 'dmitry'])}/${slug.replace(/_/g, '-')}`,
      0.3,
    ],
    [
      () =>
        `https://www.slideshare.net/${rng.pick(['jordan', 'alice', 'dmitry'])}/${slug.replace(/_/g, '-')}`,
      0.3,
    ],
    [() => externalPageUrl(rng, fakers), 2],
  ])();
}

/** A referer inside the same technical site (`https://blog.example.org/blog/tags/ldap/`). */
export function internalReferer(rng: Rng, fakers: Fakers, site: string): string {
  return `${scheme(rng)}://${site}${contentUrl(rng, fakers, rng.chance(0.3))}`;
}
