import UserAgent from 'user-agents';
import type { Rng } from '../rng.js';
import { crawlerUserAgent, monitorUserAgent } from './bot-agents.js';
import { httpClientUserAgent } from './http-clients.js';
import { legacyBrowserUserAgent } from './legacy-browsers.js';

/** What kind of client sends a request; headers and behaviour depend on it. */
export type ClientKind = 'browser' | 'mobile-app' | 'library' | 'bot' | 'monitor';

let browserPool: string[] | undefined;

/**
 * Real browser User-Agents from the `user-agents` package, taken with `top()` (deterministic,
 * weight-ordered) rather than its `Math.random`-based sampler, de-duplicated.
 */
export function browserUserAgents(): readonly string[] {
  if (!browserPool) {
    const seen = new Set<string>();
    for (const entry of UserAgent.top(5000)) seen.add(entry.userAgent);
    browserPool = [...seen];
  }
  return browserPool;
}

const BOTS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{chrome} Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/{chrome} Safari/537.36',
  'DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)',
  'Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)',
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'Twitterbot/1.0',
  'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
  'Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)',
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)',
  'Mozilla/5.0 (compatible; DotBot/1.2; +https://opensiteexplorer.org/dotbot; help@moz.com)',
  'WhatsApp/2.{minor}.{patch} A',
  'TelegramBot (like TwitterBot)',
  'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
  'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 3 subscribers)',
  'Mozilla/5.0 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)',
];

const LIBRARIES = [
  'curl/{curl}',
  'Wget/1.21.{patch}',
  'python-requests/2.{minor}.{patch}',
  'Python/3.{py} aiohttp/3.9.{patch}',
  'python-httpx/0.27.{patch}',
  'axios/1.{minor}.{patch}',
  'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
  'undici',
  'okhttp/4.{minor}.{patch}',
  'Go-http-client/1.1',
  'Go-http-client/2.0',
  'Java/17.0.{patch}',
  'Java-http-client/21.0.{patch}',
  'Apache-HttpClient/4.5.{patch} (Java/11.0.{patch})',
  'PostmanRuntime/7.{minor}.{patch}',
  'insomnia/2023.5.{patch}',
  'Dart/3.{minor} (dart:io)',
  'Faraday v2.{minor}.{patch}',
  'GuzzleHttp/7',
  'Ruby',
  'RestSharp/110.2.0.0',
  'Microsoft.Data.Mashup (https://go.microsoft.com/fwlink/?LinkID=304225)',
  'Zapier',
  'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
  'GitHub-Hookshot/{hex}',
];

const MOBILE_APPS = [
  '{App}/{ver} (iPhone; iOS {ios}; Scale/3.00)',
  '{App}/{ver} (com.example.{app}; build:{build}; iOS {ios}) Alamofire/5.{minor}.{patch}',
  '{App}/{ver} CFNetwork/1{cfn}.0.{patch} Darwin/23.{minor}.0',
  '{App}/{ver} (Android {android}; {device}; Build/{abuild})',
  'okhttp/4.{minor}.{patch} {App}Android/{ver}',
  'Dalvik/2.1.0 (Linux; U; Android {android}; {device} Build/{abuild})',
  '{App} for Android/{ver} (Linux; Android {android})',
];

const MONITORS = [
  'kube-probe/1.{minor}',
  'Prometheus/2.{minor}.{patch}',
  'ELB-HealthChecker/2.0',
  'Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)',
  'Datadog Agent/7.{minor}.{patch}',
  'Blackbox Exporter/0.24.0',
  'GoogleHC/1.0',
  'Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)',
  'StatusCake',
];

const APP_NAMES = [
  'ShopApp',
  'Acme',
  'Bookly',
  'FitTrack',
  'NewsDaily',
  'Mealz',
  'TripPlanner',
  'PayLite',
  'Chatter',
  'Notely',
];
const DEVICES = [
  'Pixel 8',
  'SM-S918B',
  'SM-A546B',
  'M2101K6G',
  'CPH2451',
  'moto g(84) 5G',
  '2201116SG',
  'Pixel 7a',
  'SM-G991U',
];

function fill(template: string, rng: Rng): string {
  const app = rng.pick(APP_NAMES);
  return template
    .replace(/\{App\}/g, app)
    .replace(/\{app\}/g, app.toLowerCase())
    .replace(/\{chrome\}/g, `${rng.int(110, 126)}.0.${rng.int(5000, 6500)}.${rng.int(0, 200)}`)
    .replace(/\{curl\}/g, rng.pick(['7.68.0', '7.81.0', '7.88.1', '8.1.2', '8.4.0', '8.5.0', '8.7.1']))
    .replace(/\{ver\}/g, `${rng.int(1, 12)}.${rng.int(0, 40)}.${rng.int(0, 9)}`)
    .replace(/\{build\}/g, String(rng.int(100, 9999)))
    .replace(/\{ios\}/g, `${rng.int(15, 18)}.${rng.int(0, 6)}`)
    .replace(/\{android\}/g, String(rng.int(10, 15)))
    .replace(
      /\{abuild\}/g,
      `${rng.pick(['UP1A', 'TP1A', 'AP2A', 'SP1A'])}.${rng.int(230000, 240999)}.0${rng.int(10, 99)}`,
    )
    .replace(/\{device\}/g, rng.pick(DEVICES))
    .replace(/\{cfn\}/g, String(rng.int(400, 500)))
    .replace(/\{py\}/g, String(rng.int(8, 12)))
    .replace(/\{hex\}/g, Math.floor(rng.next() * 0xffffff).toString(16))
    .replace(/\{minor\}/g, String(rng.int(0, 32)))
    .replace(/\{patch\}/g, String(rng.int(0, 12)));
}

/**
 * Share of browser requests with an old or unusual browser (IE, Presto, old Android WebKit…): the
 * `user-agents` package only knows current browsers, real logs keep years of stragglers.
 */
export const LEGACY_BROWSER_SHARE = 0.14;

/** A User-Agent for `kind` (curated current strings plus combinatorial legacy, crawler and client templates). */
export function userAgentFor(kind: ClientKind, rng: Rng): string {
  switch (kind) {
    case 'browser':
      return rng.chance(LEGACY_BROWSER_SHARE) ? legacyBrowserUserAgent(rng) : rng.pick(browserUserAgents());
    case 'mobile-app':
      return fill(rng.pick(MOBILE_APPS), rng);
    case 'library':
      return rng.chance(0.65) ? httpClientUserAgent(rng) : fill(rng.pick(LIBRARIES), rng);
    case 'bot':
      return rng.chance(0.75) ? crawlerUserAgent(rng) : fill(rng.pick(BOTS), rng);
    case 'monitor':
      return rng.chance(0.6) ? monitorUserAgent(rng) : fill(rng.pick(MONITORS), rng);
  }
}

/** A client kind with realistic proportions (browsers dominate real traffic). */
export function pickClientKind(rng: Rng): ClientKind {
  return rng.weighted<ClientKind>([
    ['browser', 72],
    ['mobile-app', 10],
    ['library', 9],
    ['bot', 7],
    ['monitor', 2],
  ]);
}
