import type { Rng } from '../rng.js';
import { alnum, hex } from './tokens.js';

/**
 * User-Agents of automated but harmless clients, built combinatorially over versions and variants:
 * search-engine crawlers (Googlebot and its image/mobile/ads/feed fetchers, bingbot, msnbot,
 * Baiduspider, YandexBot, Yahoo Slurp, Exabot, Sogou, Seznam, Naver…), SEO and archive crawlers
 * (AhrefsBot, SemrushBot, MJ12bot, Ezooms, archive.org_bot, heritrix, Mail.RU_Bot, CCBot…),
 * link previewers, feed readers, validators and link checkers, and (separately) uptime monitors.
 * Synthetic crawler names (`SiteIndexBot/2.1; +https://www.siteindex.net/bot`) teach the shape,
 * not a list of names.
 */

const v = (rng: Rng, lo: number, hi: number): number => rng.int(lo, hi);

function chrome(rng: Rng, lo = 41, hi = 126): string {
  return `${v(rng, lo, hi)}.0.${v(rng, 2200, 6500)}.${v(rng, 0, 200)}`;
}

function iphoneBase(rng: Rng): string {
  const major = v(rng, 6, 14);
  const minor = v(rng, 0, 3);
  return `Mozilla/5.0 (iPhone; CPU iPhone OS ${major}_${minor} like Mac OS X) AppleWebKit/${v(rng, 536, 605)}.${v(rng, 1, 51)}.${v(rng, 1, 15)} (KHTML, like Gecko) Version/${major}.0 Mobile/${v(rng, 10, 15)}${rng.pick(['A', 'B', 'E', 'F'])}${v(rng, 100, 600)} Safari/${v(rng, 8536, 9537)}.${v(rng, 25, 53)}`;
}

const SYNTH_PREFIX = [
  'Site',
  'Web',
  'Link',
  'Page',
  'Seo',
  'Data',
  'Net',
  'Info',
  'Search',
  'Index',
  'Crawl',
  'Archive',
  'Feed',
  'Meta',
  'Open',
  'Blog',
  'News',
  'Market',
  'Brand',
  'Backlink',
  'Content',
  'Media',
  'Graph',
] as const;
const SYNTH_SUFFIX = [
  'Bot',
  'bot',
  'Spider',
  'Crawler',
  'Fetcher',
  'Indexer',
  'Robot',
  'Agent',
  'Checker',
] as const;
const TLDS = ['com', 'net', 'io', 'org', 'de', 'ru', 'fr', 'co', 'ai'] as const;

/** A crawler name that does not exist, in the shape real ones have. */
function syntheticCrawler(rng: Rng): string {
  const name = `${rng.pick(SYNTH_PREFIX)}${rng.chance(0.4) ? rng.pick(SYNTH_PREFIX) : ''}${rng.pick(SYNTH_SUFFIX)}`;
  const site = `${rng.chance(0.5) ? 'www.' : ''}${name.toLowerCase().replace(/bot$|spider$|crawler$/, '')}${rng.pick(['', 'hq', 'labs', '-search'])}.${rng.pick(TLDS)}`;
  const ver = `${v(rng, 0, 9)}.${v(rng, 0, 20)}${rng.chance(0.3) ? `.${v(rng, 0, 9)}` : ''}`;
  const url = `${rng.pick(['http', 'https'])}://${site}/${rng.pick(['bot', 'bot.html', 'crawler', 'robot', 'about/bot', 'help/crawler', ''])}`;
  return rng.weighted<string>([
    [`Mozilla/5.0 (compatible; ${name}/${ver}; +${url})`, 6],
    [
      `Mozilla/5.0 (compatible; ${name}/${ver}; ${url}; ${rng.pick(['bot', 'crawler', 'support'])}@${site.replace(/^www\./, '')})`,
      1,
    ],
    [`${name}/${ver} (+${url})`, 2],
    [
      `Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ${name}/${ver}; +${url}) Chrome/${chrome(rng)} Safari/537.36`,
      1,
    ],
    [
      `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome(rng)} Safari/537.36 (${name}/${ver})`,
      0.5,
    ],
  ]);
}

const CRAWLERS: ReadonlyArray<readonly [(rng: Rng) => string, number]> = [
  // Google
  [() => 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 10],
  [() => 'Googlebot/2.1 (+http://www.googlebot.com/bot.html)', 1],
  [(rng) => `${iphoneBase(rng)} (compatible; Googlebot/2.1; +http://www.google.com/bot.html)`, 3],
  [
    (rng) =>
      `Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome(rng)} Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)`,
    3,
  ],
  [
    (rng) =>
      `${rng.pick(['SAMSUNG-SGH-E250/1.0 Profile/MIDP-2.0 Configuration/CLDC-1.1 UP.Browser/6.2.3.3.c.1.101 (GUI) MMP/2.0', 'DoCoMo/2.0 N905i(c100;TB;W24H16)', 'Nokia6820/2.0 (4.83) Profile/MIDP-1.0 Configuration/CLDC-1.0'])} (compatible; Googlebot-Mobile/2.1; +http://www.google.com/bot.html)`,
    1,
  ],
  [
    (rng) =>
      rng.pick([
        'Googlebot-Image/1.0',
        'Googlebot-Video/1.0',
        'Googlebot-News',
        'Mediapartners-Google',
        'Google-Site-Verification/1.0',
        'Google-Read-Aloud',
        'Google-InspectionTool/1.0',
        'Storebot-Google/1.0',
      ]),
    3,
  ],
  [(rng) => `AdsBot-Google${rng.chance(0.3) ? '-Mobile' : ''} (+http://www.google.com/adsbot.html)`, 1],
  [
    (rng) =>
      `FeedFetcher-Google; (+http://www.google.com/feedfetcher.html; ${v(rng, 1, 400)} subscribers; feed-id=${v(rng, 1e17, 9e18)})`,
    1,
  ],
  [
    (rng) =>
      `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome(rng, 40, 60)} Safari/537.36 Google Favicon`,
    0.5,
  ],
  [
    () =>
      'Mozilla/5.0 (Windows NT 6.1; rv:6.0) Gecko/20110814 Firefox/6.0 Google (+https://developers.google.com/+/web/snippet/)',
    0.3,
  ],
  [
    (rng) =>
      `Mozilla/5.0 (en-us) AppleWebKit/${v(rng, 525, 537)}.${v(rng, 1, 36)} (KHTML, like Gecko; Google Web Preview) Version/${v(rng, 3, 4)}.1 Safari/${v(rng, 525, 537)}.${v(rng, 1, 36)}`,
    0.3,
  ],
  // Microsoft
  [() => 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)', 7],
  [
    (rng) =>
      `Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/${chrome(rng, 80, 126)} Safari/537.36`,
    2,
  ],
  [(rng) => `${iphoneBase(rng)} (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)`, 1.5],
  [
    (rng) =>
      `msnbot${rng.pick(['', '-media', '-UDiscovery', '-NewsBlogs'])}/${rng.pick(['1.1', '2.0b', '2.1'])} (+http://search.msn.com/msnbot.htm)`,
    2,
  ],
  [() => 'Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/534+ (KHTML, like Gecko) BingPreview/1.0b', 1],
  [() => 'Mozilla/5.0 (compatible; adidxbot/2.0; +http://www.bing.com/bingbot.htm)', 0.3],
  // Yahoo, Baidu, Yandex, others
  [
    (rng) =>
      `Mozilla/5.0 (compatible; Yahoo! Slurp${rng.chance(0.2) ? ' China' : ''}; http://help.yahoo.com/help/us/ysearch/slurp)`,
    2,
  ],
  [() => 'Y!J-ASR/0.1 crawler (http://www.yahoo-help.jp/)', 0.3],
  [() => 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)', 4],
  [
    (rng) =>
      `Baiduspider${rng.pick(['-image', '-video', '-news', '-favo'])}+(+http://www.baidu.com/search/spider.htm)`,
    1,
  ],
  [
    (rng) =>
      `Mozilla/5.0 (Linux;u;Android ${v(rng, 4, 8)}.${v(rng, 0, 4)}.${v(rng, 0, 2)};zh-cn;) AppleWebKit/534.46 (KHTML,like Gecko) Version/5.1 Mobile Safari/10600.6.3 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)`,
    1,
  ],
  [
    (rng) =>
      `Mozilla/5.0 (compatible; ${rng.pick(['YandexBot/3.0', 'YandexBot/3.0', 'YandexImages/3.0', 'YandexMetrika/2.0', 'YandexMetrika/3.0', 'YandexDirect/3.0', 'YandexFavicons/1.0', 'YandexBlogs/0.99', 'YandexAccessibilityBot/3.0', 'YandexNews/4.0', 'YandexRenderResourcesBot/1.0'])}; ${rng.chance(0.2) ? 'robot; ' : ''}+http://yandex.com/bots)`,
    4,
  ],
  [(rng) => `${iphoneBase(rng)} (compatible; YandexMobileBot/3.0; +http://yandex.com/bots)`, 0.5],
  [(rng) => `Mozilla/5.0 (compatible; Ezooms/1.0; ${rng.pick(['help@moz.com', 'ezooms.bot@gmail.com'])})`, 1],
  [
    (rng) =>
      `Mozilla/5.0 (compatible; Exabot/3.0${rng.chance(0.3) ? ' (BiggerBetter)' : ''}; +http://www.exabot.com/go/robot)`,
    1,
  ],
  [() => 'Mozilla/5.0 (compatible; Konqueror/3.5; Linux) KHTML/3.5.5 (like Gecko) (Exabot-Thumbnails)', 0.3],
  [() => 'Mozilla/5.0 (compatible; archive.org_bot +http://www.archive.org/details/archive.org_bot)', 1.5],
  [
    (rng) =>
      `Mozilla/5.0 (compatible; archive.org_bot/heritrix-${v(rng, 1, 3)}.${v(rng, 0, 15)}.${v(rng, 0, 9)} +http://archive.org/details/archive.org_bot)`,
    0.5,
  ],
  [() => 'ia_archiver (+http://www.alexa.com/site/help/webmasters; crawler@alexa.com)', 1],
  [
    (rng) =>
      `Mozilla/5.0 (compatible; heritrix/${v(rng, 1, 3)}.${v(rng, 0, 14)}.${v(rng, 0, 9)} +http://${rng.pick(['www.webarchive.org.uk', 'netpreserve.org', 'www.bl.uk', 'www.loc.gov'])}/${rng.pick(['', 'crawler', 'about'])})`,
    0.5,
  ],
  [
    (rng) =>
      `Mozilla/5.0 (compatible; ${rng.chance(0.7) ? 'Linux x86_64; ' : ''}Mail.RU_Bot/${rng.pick(['2.0', 'Fast/2.0', 'Robots/2.0', 'Img/2.0'])}; +http://go.mail.ru/help/robots)`,
    1.5,
  ],
  [
    (rng) => `Mozilla/5.0 (compatible; AhrefsBot/${v(rng, 5, 7)}.${v(rng, 0, 2)}; +http://ahrefs.com/robot/)`,
    3,
  ],
  [
    (rng) =>
      `Mozilla/5.0 (compatible; AhrefsSiteAudit/${v(rng, 5, 6)}.${v(rng, 0, 2)}; +http://ahrefs.com/robot/site-audit)`,
    0.5,
  ],
  [
    (rng) =>
      `Mozilla/5.0 (compatible; SemrushBot${rng.pick(['', '-BA', '-SA', '-SI'])}/${rng.pick(['0.97', '1.1', '1.2', '2', '3', '6', '7'])}~bl; +http://www.semrush.com/bot.html)`,
    3,
  ],
  [
    (rng) =>
      `Mozilla/5.0 (compatible; MJ12bot/v1.4.${v(rng, 0, 8)}; http://${rng.pick(['www.majestic12.co.uk/bot.php?+', 'mj12bot.com/'])})`,
    2,
  ],
  [
    (rng) =>
      `Mozilla/5.0 (compatible; DotBot/1.${v(rng, 1, 2)}; +https://opensiteexplorer.org/dotbot; help@moz.com)`,
    1,
  ],
  [
    (rng) =>
      `rogerbot/1.${v(rng, 0, 2)} (http://moz.com/help/pro/what-is-rogerbot-, rogerbot-crawler+${rng.pick(['shiny', 'pr1', 'aardwolf'])}@moz.com)`,
    0.5,
  ],
  [
    (rng) =>
      `Mozilla/5.0 (compatible; SeznamBot/${v(rng, 3, 4)}.${v(rng, 0, 2)}; +http://napoveda.seznam.cz/en/seznambot-intro/)`,
    1,
  ],
  [(rng) => `Sogou web spider/${v(rng, 3, 4)}.0(+http://www.sogou.com/docs/help/webmasters.htm#07)`, 1],
  [
    (rng) =>
      `Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome(rng, 40, 60)} Safari/537.36; 360Spider`,
    0.5,
  ],
  [(rng) => `Mozilla/5.0 (compatible; BLEXBot/1.${v(rng, 0, 2)}; +http://webmeup-crawler.com/)`, 1],
  [(rng) => `Mozilla/5.0 (compatible; MegaIndex.ru/2.${v(rng, 0, 2)}; +http://megaindex.com/crawler)`, 0.5],
  [(rng) => `CCBot/2.0 (${rng.pick(['http://commoncrawl.org/faq/', 'https://commoncrawl.org/faq/'])})`, 1],
  [
    (rng) =>
      `Mozilla/5.0 (compatible; Qwantify/${rng.pick(['2.4w', '2.0n', 'Bleriot/1.1', 'Mermoz/0.1'])}; +https://www.qwant.com/)/2.4w`,
    0.5,
  ],
  [
    (rng) =>
      `Mozilla/5.0 (compatible; spbot/${v(rng, 4, 5)}.${v(rng, 0, 9)}.${v(rng, 0, 9)}; +http://OpenLinkProfiler.org/bot )`,
    0.5,
  ],
  [(rng) => `Mozilla/5.0 (compatible; linkdexbot/2.${v(rng, 0, 2)}; +http://www.linkdex.com/bots/)`, 0.3],
  [() => 'Mozilla/5.0 (compatible; Genieo/1.0 http://www.genieo.com/webfilter.html)', 0.3],
  [() => 'Mozilla/5.0 (compatible; proximic; +http://www.proximic.com/info/spider.php)', 0.3],
  [
    (rng) =>
      `Mozilla/5.0 (compatible; SiteExplorer/1.${v(rng, 0, 1)}b; +http://siteexplorer.info/Backlink-Checker-Spider/)`,
    0.3,
  ],
  [() => 'Mozilla/5.0 (compatible; Yeti/1.1; +http://naver.me/spd)', 0.5],
  [
    (rng) =>
      `Mozilla/5.0 (compatible; coccoc/1.0; +http://help.coccoc.com/${rng.pick(['', 'searchengine'])})`,
    0.3,
  ],
  [(rng) => `Mozilla/5.0 (compatible; Cliqzbot/${v(rng, 0, 3)}.0; +http://cliqz.com/company/cliqzbot)`, 0.3],
  [() => 'Mozilla/5.0 (compatible; SputnikBot/2.3; +http://corp.sputnik.ru/webmaster)', 0.3],
  [() => 'NetSeer crawler/2.0 (+http://www.netseer.com/crawler.html; crawler@netseer.com)', 0.2],
  [() => 'Mozilla/5.0 (compatible; Wotbox/2.01; +http://www.wotbox.com/bot/)', 0.2],
  [() => 'Mozilla/5.0 (compatible; EasouSpider; +http://www.easou.com/search/spider.html)', 0.2],
  [() => 'Mozilla/5.0 (compatible; YoudaoBot/1.0; http://www.youdao.com/help/webmaster/spider/; )', 0.3],
  [(rng) => `Mozilla/5.0 (compatible; Applebot/0.${v(rng, 1, 3)}; +http://www.apple.com/go/applebot)`, 0.5],
  [() => 'Mozilla/5.0 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)', 0.5],
  [
    () =>
      'Mozilla/5.0 (compatible; Bytespider; spider-feedback@bytedance.com) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.0.0 Safari/537.36',
    0.3,
  ],
  [(rng) => `Mozilla/5.0 (compatible; MojeekBot/0.${v(rng, 5, 11)}; +https://www.mojeek.com/bot.html)`, 0.3],
  [() => 'Mozilla/5.0 (compatible; DataForSeoBot/1.0; +https://dataforseo.com/dataforseo-bot)', 0.3],
  [() => 'Mozilla/5.0 (compatible; SeekportBot; +https://bot.seekport.com)', 0.2],
  [() => 'DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)', 1],
  [() => 'Mozilla/5.0 (compatible; DuckDuckGo-Favicons-Bot/1.0; +http://duckduckgo.com)', 0.3],
  [
    (rng) =>
      `Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ${rng.pick(['GPTBot/1.0', 'GPTBot/1.2', 'ClaudeBot/1.0', 'PerplexityBot/1.0', 'OAI-SearchBot/1.0'])}; +${rng.pick(['https://openai.com/gptbot', 'claudebot@anthropic.com', 'https://perplexity.ai/perplexitybot'])})`,
    0.5,
  ],
  [(rng) => syntheticCrawler(rng), 8],
];

const PREVIEWERS: ReadonlyArray<readonly [(rng: Rng) => string, number]> = [
  [(rng) => `facebookexternalhit/1.${v(rng, 0, 1)} (+http://www.facebook.com/externalhit_uatext.php)`, 5],
  [() => 'facebookcatalog/1.0', 0.3],
  [(rng) => `Twitterbot/1.${v(rng, 0, 1)}`, 2],
  [() => 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', 2],
  [() => 'Slackbot 1.0 (+https://api.slack.com/robots)', 1],
  [() => 'Slack-ImgProxy (+https://api.slack.com/robots)', 0.5],
  [() => 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)', 1],
  [
    () =>
      'LinkedInBot/1.0 (compatible; Mozilla/5.0; Jakarta Commons-HttpClient/3.1 +http://www.linkedin.com)',
    0.5,
  ],
  [
    (rng) =>
      `Pinterest${rng.chance(0.5) ? 'bot/1.0' : '/0.2'} (+http://www.pinterest.com/${rng.chance(0.5) ? 'bot.html' : ''})`,
    1,
  ],
  [() => 'TelegramBot (like TwitterBot)', 1],
  [() => 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)', 1],
  [() => 'redditbot/1.0', 0.5],
  [() => 'Mozilla/5.0 (compatible; Embedly/0.2; +http://support.embed.ly/)', 0.5],
  [(rng) => `Iframely/1.${v(rng, 2, 3)}.${v(rng, 0, 9)} (+https://iframely.com/docs/about)`, 0.5],
  [() => 'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5', 0.5],
  [(rng) => `WhatsApp/2.${v(rng, 12, 24)}.${v(rng, 1, 30)} ${rng.pick(['A', 'i', 'W'])}`, 1],
  [() => 'vkShare; +http://vk.com/dev/Share', 0.3],
  [() => 'Mozilla/5.0 (compatible; Google-Apps-Script)', 0.3],
  [
    (rng) =>
      `Mastodon/${v(rng, 3, 4)}.${v(rng, 0, 5)}.${v(rng, 0, 9)} (http.rb/${v(rng, 4, 5)}.${v(rng, 0, 4)}.${v(rng, 0, 9)}; +https://${rng.pick(['mastodon.social', 'fosstodon.org', 'hachyderm.io', 'infosec.exchange'])}/)`,
    0.5,
  ],
  [() => 'XING-contenttabreceiver/2.0', 0.2],
  [
    () =>
      'Mozilla/5.0 (compatible; Yahoo Ad monitoring; https://help.yahoo.com/kb/yahoo-ad-monitoring-SLN24857.html) tands-prod-eng.hlfs-prod---sieve.hlfs-rest_client/16.0.0 cpp-httplib/0.8.9',
    0.1,
  ],
];

const FEED_READERS: ReadonlyArray<readonly [(rng: Rng) => string, number]> = [
  [
    (rng) =>
      `Feedly/1.0 (+http://www.feedly.com/fetcher.html; ${rng.chance(0.7) ? `${v(rng, 1, 900)} subscribers` : 'like FeedFetcher-Google'})`,
    4,
  ],
  [(rng) => `Feedbin feed-id:${v(rng, 1, 2_000_000)} - ${v(rng, 1, 200)} subscribers`, 1],
  [
    (rng) =>
      `NewsBlur Feed Fetcher - ${v(rng, 1, 300)} subscribers - http://www.newsblur.com/site/${v(rng, 1, 9_000_000)}/${alnum(rng, 8).toLowerCase()} (Mozilla/5.0 (Macintosh; Intel Mac OS X 10_7_1) AppleWebKit/534.48.3 (KHTML, like Gecko) Version/5.1 Safari/534.48.3)`,
    1,
  ],
  [
    (rng) =>
      `Tiny Tiny RSS/${rng.pick(['1.15.3', '16.3', '17.4', '19.8', '21.11'])}${rng.chance(0.5) ? ` (${hex(rng, 7)})` : ''} (http://tt-rss.org/)`,
    1,
  ],
  [(rng) => `FreshRSS/1.${v(rng, 10, 23)}.${v(rng, 0, 3)} (Linux; https://freshrss.org)`, 0.7],
  [(rng) => `Miniflux/2.0.${v(rng, 10, 50)} (+https://miniflux.app)`, 0.5],
  [(rng) => `Mozilla/5.0 (compatible; inoreader.com; ${v(rng, 1, 400)} subscribers)`, 1],
  [
    (rng) =>
      `Mozilla/5.0 (compatible; theoldreader.com; ${v(rng, 1, 60)} subscribers; feed-id=${hex(rng, 24)})`,
    0.5,
  ],
  [() => 'Feedspot/1.0 (+https://www.feedspot.com/fs/fetcher; like FeedFetcher-Google)', 0.3],
  [() => 'NetNewsWire (RSS Reader; https://netnewswire.com/)', 0.5],
  [
    (rng) =>
      `Liferea/1.${v(rng, 8, 13)}.${v(rng, 0, 9)} (Linux; ${rng.pick(['en_US.UTF-8', 'de_DE.UTF-8', 'ru_RU.UTF-8'])}; http://liferea.sf.net/)`,
    0.5,
  ],
  [(rng) => `Akregator/${v(rng, 4, 5)}.${v(rng, 0, 24)}.${v(rng, 0, 3)}; librss/remnants`, 0.3],
  [
    (rng) =>
      `UniversalFeedParser/${v(rng, 4, 6)}.${v(rng, 0, 2)}.${v(rng, 0, 3)} +https://code.google.com/p/feedparser/`,
    0.7,
  ],
  [
    (rng) =>
      `SimplePie/1.${v(rng, 2, 5)}.${v(rng, 0, 9)} (Feed Parser; http://simplepie.org; Allow like Gecko) Build/20${v(rng, 10, 21)}${String(v(rng, 1, 12)).padStart(2, '0')}${String(v(rng, 1, 28)).padStart(2, '0')}${String(v(rng, 0, 235959)).padStart(6, '0')}`,
    0.7,
  ],
  [(rng) => `Bloglovin/1.0 (http://www.bloglovin.com; ${v(rng, 1, 90)} subscribers)`, 0.3],
  [() => 'Digg Feed Fetcher 1.0 (Digg/1.0; +http://digg.com/reader)', 0.2],
  [
    (rng) =>
      `Superfeedr bot/2.0 http://superfeedr.com - Make your feeds realtime: get in touch - feed-id:${v(rng, 1, 999_999_999)}`,
    0.3,
  ],
  [(rng) => `rss2email/${v(rng, 2, 3)}.${v(rng, 0, 14)} (https://github.com/rss2email/rss2email)`, 0.3],
  [(rng) => `Newsboat/2.${v(rng, 10, 36)}.0 - https://newsboat.org/`, 0.3],
  [(rng) => `Windows-RSS-Platform/2.0 (IE ${v(rng, 9, 11)}.0; Windows NT 6.${v(rng, 1, 3)})`, 0.5],
  [(rng) => `Apple-PubSub/65.${v(rng, 11, 28)}`, 0.3],
  [(rng) => `Bloglines/3.1 (http://www.bloglines.com; ${v(rng, 1, 40)} subscribers)`, 0.2],
  [
    (rng) =>
      `Netvibes (http://www.netvibes.com/; ${v(rng, 1, 40)} subscribers; feedID: ${v(rng, 1, 99_999_999)})`,
    0.3,
  ],
  [
    (rng) =>
      `WordPress/${v(rng, 3, 6)}.${v(rng, 0, 9)}${rng.chance(0.5) ? `.${v(rng, 1, 9)}` : ''}; ${rng.pick(['http', 'https'])}://${rng.pick(['blog.example.com', 'www.example.net', 'notes.example.org', 'example.io'])}`,
    1,
  ],
  [() => 'Planet/2.0 +http://www.planetplanet.org', 0.2],
  [
    (rng) =>
      `FeedDemon/${v(rng, 3, 4)}.${v(rng, 0, 5)} (http://www.feeddemon.com/; Microsoft Windows${rng.chance(0.5) ? ' XP' : ''})`,
    0.2,
  ],
];

const CHECKERS: ReadonlyArray<readonly [(rng: Rng) => string, number]> = [
  [
    (rng) =>
      `W3C_Validator/1.${v(rng, 1, 3)}${rng.chance(0.5) ? ' http://validator.w3.org/services' : ' libwww-perl/6.05'}`,
    1,
  ],
  [
    (rng) =>
      `W3C-checklink/4.${v(rng, 5, 81)} [4.${v(rng, 5, 81)}] libwww-perl/${v(rng, 5, 6)}.${v(rng, 0, 80)}`,
    0.5,
  ],
  [() => 'Jigsaw/2.3.0 W3C_CSS_Validator_JFouffa/2.0', 0.5],
  [() => 'W3C_Unicorn/1.0 (http://validator.w3.org/services)', 0.2],
  [(rng) => `Xenu Link Sleuth/1.3.${v(rng, 6, 9)}`, 0.5],
  [(rng) => `LinkChecker/${v(rng, 7, 10)}.${v(rng, 0, 4)} (+http://wummel.github.io/linkchecker/)`, 0.5],
  [(rng) => `Screaming Frog SEO Spider/${v(rng, 2, 20)}.${v(rng, 0, 9)}`, 0.7],
  [() => 'Mozilla/5.0 (compatible; Dataprovider.com)', 0.3],
  [(rng) => `LinkWalker/${v(rng, 2, 3)}.0 (http://www.brandprotect.com)`, 0.2],
  [() => 'Mozilla/5.0 (compatible; Lighthouse) Chrome-Lighthouse', 0.3],
  [
    (rng) =>
      `Mozilla/5.0 (Linux; Android 7.0; Moto G (4)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome(rng, 60, 126)} Mobile Safari/537.36 Chrome-Lighthouse`,
    0.3,
  ],
  [
    (rng) =>
      `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/${chrome(rng, 60, 126)} Safari/537.36`,
    0.3,
  ],
];

/** A crawler, previewer, feed reader or checker User-Agent. */
export function crawlerUserAgent(rng: Rng): string {
  const group = rng.weighted([
    [CRAWLERS, 70],
    [PREVIEWERS, 12],
    [FEED_READERS, 13],
    [CHECKERS, 5],
  ] as const);
  return rng.weighted(group)(rng);
}

/** A feed reader's User-Agent (feeds are fetched mostly by them). */
export function feedReaderUserAgent(rng: Rng): string {
  return rng.weighted(FEED_READERS)(rng);
}

const MONITORS: ReadonlyArray<readonly [(rng: Rng) => string, number]> = [
  [() => 'Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)', 4],
  [(rng) => `Pingdom.com_bot_version_1.${v(rng, 1, 4)}_(http://www.pingdom.com/)`, 3],
  [
    (rng) =>
      `Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) Chrome/${chrome(rng, 60, 126)} Safari/537.36 Pingdom.com_bot_version_1.${v(rng, 1, 4)}_(http://www.pingdom.com/)`,
    1,
  ],
  [() => 'Site24x7', 1],
  [
    (rng) =>
      `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome(rng, 80, 126)} Safari/537.36 Site24x7`,
    0.5,
  ],
  [(rng) => `Mozilla/5.0 (compatible; StatusCake${rng.chance(0.3) ? '_Pagespeed_Indev' : ''})`, 1],
  [(rng) => `Uptime-Kuma/1.${v(rng, 10, 23)}.${v(rng, 0, 12)}`, 1],
  [
    (rng) =>
      `Better Uptime Bot Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome(rng, 80, 126)} Safari/537.36`,
    0.5,
  ],
  [(rng) => `NewRelicPinger/1.0 (${v(rng, 100000, 9999999)})`, 1],
  [(rng) => `Zabbix${rng.chance(0.5) ? '' : ` ${v(rng, 3, 6)}.${v(rng, 0, 4)}`}`, 1],
  [
    (rng) =>
      `check_http/v${rng.pick(['1.4.15', '1.4.16', '2.0.3', '2.1.1', '2.2', '2.3.3'])} (${rng.pick(['nagios-plugins 1.4.15', 'nagios-plugins 1.4.16', 'monitoring-plugins 2.1.1', 'monitoring-plugins 2.3.3'])})`,
    1.5,
  ],
  [(rng) => `Monit/5.${v(rng, 4, 33)}.${v(rng, 0, 3)}`, 0.7],
  [() => 'Freshping Monitoring Bot (https://www.freshworks.com/website-monitoring/)', 0.3],
  [() => 'Checkly/1.0 (https://www.checklyhq.com)', 0.3],
  [() => 'HetrixTools Uptime Monitoring Bot. https://hetrix.tools/uptime-monitoring-bot.html', 0.3],
  [() => 'Mozilla/5.0 (compatible; monitis - premium monitoring service; http://www.monitis.com)', 0.3],
  [() => 'Catchpoint', 0.2],
  [(rng) => `GomezAgent ${v(rng, 2, 3)}.0`, 0.2],
  [(rng) => `updown.io daemon 2.${v(rng, 0, 12)}`, 0.3],
  [(rng) => `ELB-HealthChecker/${rng.pick(['1.0', '2.0'])}`, 1],
  [() => 'Consul Health Check', 0.5],
  [(rng) => `Icinga/${v(rng, 2, 2)}.${v(rng, 6, 14)}.${v(rng, 0, 4)} check_http`, 0.3],
  [
    (rng) =>
      `Mozilla/5.0 (compatible; Nagios check_http/v${v(rng, 1, 2)}.${v(rng, 0, 4)}; +http://www.nagios.org)`,
    0.3,
  ],
  [(rng) => `SolarWinds-Web-Performance-Monitor/${v(rng, 1, 3)}.${v(rng, 0, 9)}`, 0.2],
];

/** An uptime monitor's or health checker's User-Agent. */
export function monitorUserAgent(rng: Rng): string {
  return rng.weighted(MONITORS)(rng);
}
