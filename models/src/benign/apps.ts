import type { BodyKind, DraftParam, DraftRequest } from '../draft.js';
import type { Rng } from '../rng.js';
import { feedReaderUserAgent } from './bot-agents.js';
import { clientHeaders } from './client-headers.js';
import type { RequestStyle } from './client-headers.js';
import { contentPage, contentUrl } from './content-paths.js';
import { formFields, pickFormKind } from './form-bodies.js';
import type { GenContext } from './gen-context.js';
import { graphqlOperation } from './graphql.js';
import { bearer, jsonBody, pickJsonBodyKind } from './json-bodies.js';
import { boundary, multipartParts } from './multipart.js';
import { generateShapedPath } from './path-shapes.js';
import {
  analytics,
  embeddedUrl,
  filters,
  misc,
  pagination,
  searchParam,
  sensitiveLooking,
  sorting,
} from './query-params.js';
import { communityReferer, internalReferer, searchEngineReferer } from './referers.js';
import { restSegments } from './rest-routes.js';
import { CONTENT_SITES } from './tech-vocab.js';
import { alnum, hex, sessionCookie, trackingCookies, uuid } from './tokens.js';
import type { ClientKind } from './user-agents.js';
import { pickClientKind } from './user-agents.js';
import { EXTERNAL_SITES, SITES } from './vocab.js';
import { xmlBody } from './xml-bodies.js';

/**
 * The benign "apps": each builds one realistic request of a kind real sites receive. Placement
 * asks for an app that produces a given body kind, so attack requests are wrapped in exactly the
 * same benign context as benign requests (no "JSON = attack" or "XML = attack" shortcut).
 */
export interface BenignApp {
  readonly name: string;
  /** Relative frequency in benign traffic. */
  readonly weight: number;
  /** Body kinds this app produces (`none` for bodiless requests). */
  readonly bodies: ReadonlyArray<BodyKind | 'none'>;
  /** Whether the app fills free-text fields (where a hard negative can naturally go). */
  readonly textSlots: boolean;
  build(ctx: GenContext, need?: BodyKind): DraftRequest;
}

function splitPath(path: string): { path: string[]; trailingSlash: boolean } {
  const segs = path.split('/').filter((s) => s !== '');
  return {
    path: segs.map((s) =>
      encodeURIComponent(decodeSafe(s)).replace(/%2B/g, '+').replace(/%40/g, '@').replace(/%3A/g, ':'),
    ),
    trailingSlash: path.endsWith('/') && segs.length > 0,
  };
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function referer(rng: Rng, site: string, ctx: GenContext): string | undefined {
  return rng.weighted<() => string | undefined>([
    [() => undefined, 3],
    [() => `https://${site}/`, 2],
    [() => `https://${site}${generateShapedPath(ctx.shapes, rng, ctx.fakers)}`, 3],
    [() => `https://${site}/search?q=${encodeURIComponent(ctx.text('search')).replace(/%20/g, '+')}`, 1],
    [() => `https://${rng.pick(EXTERNAL_SITES)}/`, 2],
    [
      () =>
        `https://www.google.com/search?q=${encodeURIComponent(ctx.text('search')).replace(/%20/g, '+')}&hl=${rng.pick(['en', 'de', 'fr'])}`,
      1,
    ],
    // Search engines' redirect and result URLs, community sites, technical pages of the same site.
    [() => searchEngineReferer(rng, `https://${site}${contentUrl(rng, ctx.fakers, false)}`), 1.5],
    [() => communityReferer(rng, ctx.fakers, `https://${site}/`), 0.7],
    [() => internalReferer(rng, ctx.fakers, site), 0.8],
  ])();
}

/** Referers of a content site's pages: search engines and link sites dominate, then its own pages. */
function contentReferer(rng: Rng, site: string, landing: string, ctx: GenContext): string | undefined {
  return rng.weighted<() => string | undefined>([
    [() => undefined, 25],
    [() => internalReferer(rng, ctx.fakers, site), 28],
    [() => searchEngineReferer(rng, landing), 26],
    [() => communityReferer(rng, ctx.fakers, landing), 12],
    [() => `${rng.chance(0.6) ? 'https' : 'http'}://${site}/`, 6],
    [() => `https://${rng.pick(EXTERNAL_SITES)}/`, 3],
  ])();
}

function cookiesFor(kind: ClientKind, rng: Rng): Array<[string, string]> {
  if (kind === 'bot' || kind === 'monitor' || (kind === 'library' && rng.chance(0.8))) return [];
  const out: Array<[string, string]> = [];
  if (rng.chance(0.75)) out.push(sessionCookie(rng));
  if (kind === 'browser') out.push(...trackingCookies(rng));
  return rng.shuffle(out);
}

function base(
  ctx: GenContext,
  app: string,
  style: RequestStyle,
  kind: ClientKind = pickClientKind(ctx.rng),
  site?: { host: string; referer: () => string | undefined },
): DraftRequest {
  const { rng } = ctx;
  const host = site?.host ?? rng.pick(SITES);
  const ref = kind !== 'browser' ? undefined : site ? site.referer() : referer(rng, host, ctx);
  const draft: DraftRequest = {
    method: 'GET',
    host,
    path: [],
    query: [],
    headers: clientHeaders(kind, style, rng, ref),
    cookies: cookiesFor(kind, rng),
    spaceStyle: kind === 'browser' && style === 'navigation' ? '+' : rng.pick(['+', '%20']),
    rawBrackets: rng.chance(0.4),
    app,
  };
  return draft;
}

function withAuth(draft: DraftRequest, rng: Rng): DraftRequest {
  if (rng.chance(0.55))
    draft.headers.push([
      'authorization',
      rng.chance(0.85)
        ? bearer(rng)
        : `Basic ${Buffer.from(`${alnum(rng, 8)}:${alnum(rng, 12)}`).toString('base64')}`,
    ]);
  else if (rng.chance(0.2))
    draft.headers.push(['x-api-key', `${rng.pick(['pk_live_', 'key_', ''])}${alnum(rng, 32)}`]);
  return draft;
}

/** Browser page views: learnt path shapes or shop/blog routes, with search/filter/UTM queries. */
const webPage: BenignApp = {
  name: 'web-page',
  weight: 24,
  bodies: ['none'],
  textSlots: false,
  build(ctx) {
    const { rng } = ctx;
    const d = base(ctx, 'web-page', 'navigation', rng.chance(0.85) ? 'browser' : 'bot');
    const path = rng.weighted<() => string>([
      [() => generateShapedPath(ctx.shapes, rng, ctx.fakers), 50],
      [
        () =>
          `/${rng.pick(['products', 'p', 'shop', 'c', 'blog', 'article', 'docs', 'help', 'de/produkte', 'fr/boutique', 'en-us/store'])}/${ctx.fakers.get('en').lorem.slug(rng.int(1, 5))}${rng.chance(0.3) ? `-${rng.int(100, 99999)}` : ''}${rng.chance(0.2) ? '.html' : ''}`,
        34,
      ],
      // Any site has docs, blog and help pages about technical topics.
      [() => contentUrl(rng, ctx.fakers, false), 16],
    ])();
    Object.assign(d, splitPath(path));
    const q: DraftParam[] = [];
    if (rng.chance(0.25)) q.push(...analytics(rng));
    if (rng.chance(0.2)) q.push(...filters(rng));
    if (rng.chance(0.15)) q.push(...sorting(rng));
    if (rng.chance(0.15)) q.push(...pagination(rng));
    if (rng.chance(0.08)) q.push(sensitiveLooking(rng));
    if (rng.chance(0.08)) q.push(...misc(rng));
    d.query = q;
    return d;
  },
};

/** Site search result pages (`/search?q=…`): the main URL carrier of free text. */
const searchPage: BenignApp = {
  name: 'search',
  weight: 12,
  bodies: ['none'],
  textSlots: true,
  build(ctx) {
    const { rng } = ctx;
    const d = base(ctx, 'search', rng.chance(0.6) ? 'navigation' : 'fetch');
    Object.assign(
      d,
      splitPath(
        rng.pick([
          '/search',
          '/s',
          '/suche',
          '/recherche',
          '/buscar',
          '/api/search',
          '/catalogsearch/result/',
          '/search/results',
          '/find',
        ]),
      ),
    );
    d.query = [searchParam(rng, ctx)];
    if (rng.chance(0.4)) d.query.push(...filters(rng));
    if (rng.chance(0.3)) d.query.push(...pagination(rng));
    if (rng.chance(0.25)) d.query.push(...sorting(rng));
    if (rng.chance(0.1)) d.query.push(...analytics(rng));
    return d;
  },
};

/** REST API calls (GET lists/items, POST/PUT/PATCH JSON, DELETE) from SPAs, apps and services. */
const restApi: BenignApp = {
  name: 'rest-api',
  weight: 22,
  bodies: ['none', 'json'],
  textSlots: true,
  build(ctx, need) {
    const { rng } = ctx;
    const kind = rng.weighted<ClientKind>([
      ['browser', 45],
      ['mobile-app', 25],
      ['library', 28],
      ['monitor', 2],
    ]);
    const d = withAuth(base(ctx, 'rest-api', kind === 'browser' ? 'fetch' : 'api', kind), rng);
    d.path = restSegments(rng, ctx.fakers);
    const write = need === 'json' || rng.chance(0.4);
    if (write) {
      d.method = rng.weighted<string>([
        ['POST', 5],
        ['PUT', 2],
        ['PATCH', 2],
      ]);
      d.body = { kind: 'json', value: jsonBody(pickJsonBodyKind(rng), ctx), pretty: rng.chance(0.1) };
      if (rng.chance(0.1)) d.body.contentType = 'application/json; charset=utf-8';
      if (rng.chance(0.2)) d.headers.push(['idempotency-key', uuid(rng)]);
    } else {
      d.method = rng.chance(0.93) ? 'GET' : rng.pick(['DELETE', 'HEAD', 'OPTIONS']);
      const q: DraftParam[] = [];
      if (rng.chance(0.5)) q.push(...pagination(rng));
      if (rng.chance(0.4)) q.push(...filters(rng));
      if (rng.chance(0.3)) q.push(...sorting(rng));
      if (rng.chance(0.15)) q.push(searchParam(rng, ctx));
      if (rng.chance(0.12)) q.push(sensitiveLooking(rng));
      if (rng.chance(0.1)) q.push(...misc(rng));
      d.query = q;
    }
    return d;
  },
};

/** Classic HTML form posts. */
const formPost: BenignApp = {
  name: 'form-post',
  weight: 10,
  bodies: ['form'],
  textSlots: true,
  build(ctx) {
    const { rng } = ctx;
    const d = base(ctx, 'form-post', 'navigation', rng.chance(0.9) ? 'browser' : 'library');
    d.method = 'POST';
    const kind = pickFormKind(ctx);
    Object.assign(
      d,
      splitPath(
        rng.pick([
          `/${kind}`,
          `/account/${kind}`,
          '/wp-comments-post.php',
          '/contact-us',
          '/users/sign_in',
          '/register',
          '/subscribe',
          `/forms/${kind}/submit`,
          '/index.php',
        ]),
      ),
    );
    if (d.path.at(-1) === 'index.php') d.query.push({ name: 'route', value: `account/${kind}` });
    d.body = { kind: 'form', fields: formFields(kind, ctx) };
    if (rng.chance(0.6)) d.headers.push(['origin', `https://${d.host}`]);
    return d;
  },
};

/** File uploads with ordinary file names and text fields. */
const upload: BenignApp = {
  name: 'multipart-upload',
  weight: 5,
  bodies: ['multipart'],
  textSlots: true,
  build(ctx) {
    const { rng } = ctx;
    const d = withAuth(base(ctx, 'multipart-upload', rng.chance(0.7) ? 'fetch' : 'api'), rng);
    d.method = rng.chance(0.85) ? 'POST' : 'PUT';
    Object.assign(
      d,
      splitPath(
        rng.pick([
          '/upload',
          '/api/v1/files',
          '/api/uploads',
          '/account/avatar',
          '/media/new',
          `/projects/${rng.int(1, 999)}/attachments`,
          '/wp-admin/async-upload.php',
          '/documents/import',
        ]),
      ),
    );
    d.body = { kind: 'multipart', boundary: boundary(ctx), parts: multipartParts(ctx) };
    return d;
  },
};

/** GraphQL POSTs (and persisted-query GETs). */
const graphql: BenignApp = {
  name: 'graphql',
  weight: 6,
  bodies: ['graphql', 'none'],
  textSlots: true,
  build(ctx, need) {
    const { rng } = ctx;
    const d = withAuth(base(ctx, 'graphql', 'fetch', rng.chance(0.7) ? 'browser' : 'mobile-app'), rng);
    Object.assign(d, splitPath(rng.pick(['/graphql', '/api/graphql', '/gql', '/v1/graphql'])));
    const op = graphqlOperation(ctx);
    if (need !== 'graphql' && rng.chance(0.15)) {
      d.query = [
        { name: 'operationName', value: op.operationName },
        { name: 'variables', value: JSON.stringify(op.variables) },
        { name: 'extensions', value: `{"persistedQuery":{"version":1,"sha256Hash":"${hex(rng, 64)}"}}` },
      ];
      return d;
    }
    d.method = 'POST';
    d.body = { kind: 'graphql', query: op.query, variables: op.variables, operationName: op.operationName };
    return d;
  },
};

/** SOAP / XML integrations. */
const xmlApi: BenignApp = {
  name: 'xml-api',
  weight: 3,
  bodies: ['xml'],
  textSlots: true,
  build(ctx) {
    const { rng } = ctx;
    const d = withAuth(base(ctx, 'xml-api', 'api', rng.chance(0.8) ? 'library' : 'browser'), rng);
    d.method = 'POST';
    Object.assign(
      d,
      splitPath(
        rng.pick([
          '/soap/OrderService',
          '/api/orders.xml',
          '/xmlrpc/v2',
          '/services/InvoiceService',
          '/feeds/import',
          '/api/v1/sitemap',
        ]),
      ),
    );
    const { xml, contentType } = xmlBody(ctx);
    d.body = { kind: 'xml', xml, contentType };
    if (contentType.startsWith('text/xml') && rng.chance(0.7))
      d.headers.push([
        'soapaction',
        `"http://example.com/orders/${rng.pick(['GetOrderStatus', 'UpdateOrder'])}"`,
      ]);
    return d;
  },
};

/** OAuth / login redirects with embedded URLs (hard negatives for open redirect and SSRF). */
const authFlow: BenignApp = {
  name: 'auth-flow',
  weight: 5,
  bodies: ['none'],
  textSlots: false,
  build(ctx) {
    const { rng } = ctx;
    const d = base(ctx, 'auth-flow', 'navigation', 'browser');
    const flow = rng.pick(['authorize', 'login', 'logout', 'link', 'preview']);
    if (flow === 'authorize') {
      Object.assign(
        d,
        splitPath(
          rng.pick(['/oauth/authorize', '/oauth2/v2/auth', '/connect/authorize', '/login/oauth/authorize']),
        ),
      );
      d.query = [
        { name: 'response_type', value: 'code' },
        { name: 'client_id', value: rng.chance(0.5) ? uuid(rng) : alnum(rng, 20) },
        {
          name: 'redirect_uri',
          value: `https://${rng.pick(SITES)}/${rng.pick(['callback', 'auth/callback', 'oauth2/callback'])}`,
        },
        {
          name: 'scope',
          value: rng.pick(['openid profile email', 'read:user repo', 'openid offline_access']),
        },
        { name: 'state', value: alnum(rng, 24) },
      ];
      if (rng.chance(0.4))
        d.query.push(
          { name: 'code_challenge', value: alnum(rng, 43) },
          { name: 'code_challenge_method', value: 'S256' },
        );
    } else if (flow === 'preview') {
      Object.assign(d, splitPath(rng.pick(['/api/link-preview', '/unfurl', '/api/og', '/embed'])));
      d.query = [embeddedUrl(rng, ctx)];
      const first = d.query[0];
      if (first) first.name = rng.pick(['url', 'u', 'link', 'src']);
    } else {
      Object.assign(
        d,
        splitPath(rng.pick(['/login', '/signin', '/logout', '/account/login', '/r', '/out', '/go'])),
      );
      d.query = [embeddedUrl(rng, ctx)];
      if (rng.chance(0.3)) d.query.push(...analytics(rng));
    }
    return d;
  },
};

/** Static assets, health checks, robots, well-known files, tracking pixels. */
const infra: BenignApp = {
  name: 'infra',
  weight: 8,
  bodies: ['none'],
  textSlots: false,
  build(ctx) {
    const { rng } = ctx;
    const kind = rng.weighted<ClientKind>([
      ['browser', 55],
      ['bot', 20],
      ['monitor', 15],
      ['library', 10],
    ]);
    const d = base(ctx, 'infra', 'fetch', kind);
    const path = rng.weighted<() => string>([
      [() => `/static/js/${rng.pick(['main', 'app', 'vendor', 'runtime', 'chunk'])}.${hex(rng, 8)}.js`, 4],
      [
        () =>
          `/assets/${rng.pick(['css', 'fonts', 'img'])}/${ctx.fakers.get('en').lorem.slug(1)}-${hex(rng, 8)}.${rng.pick(['css', 'woff2', 'png', 'svg', 'webp'])}`,
        4,
      ],
      [
        () =>
          rng.pick([
            '/favicon.ico',
            '/robots.txt',
            '/sitemap.xml',
            '/manifest.json',
            '/apple-touch-icon.png',
            '/.well-known/security.txt',
            '/.well-known/openid-configuration',
            '/ads.txt',
          ]),
        3,
      ],
      [() => rng.pick(['/health', '/healthz', '/ready', '/status', '/metrics', '/ping', '/api/health']), 3],
      [() => `/images/${ctx.fakers.get('en').lorem.slug(2)}.jpg`, 2],
      [() => '/pixel.gif', 1],
    ])();
    Object.assign(d, splitPath(path));
    if (path === '/pixel.gif')
      d.query = [
        { name: 'e', value: rng.pick(['open', 'view', 'click']) },
        { name: 'id', value: uuid(rng) },
        { name: 'u', value: `https://${rng.pick(SITES)}/newsletter/${rng.int(1, 99)}` },
      ];
    else if (rng.chance(0.3))
      d.query = [
        {
          name: rng.pick(['v', 'ver', 'h']),
          value: rng.chance(0.5) ? hex(rng, 8) : `${rng.int(1, 9)}.${rng.int(0, 20)}.${rng.int(0, 9)}`,
        },
      ];
    if (path.startsWith('/images/') && rng.chance(0.5))
      d.query.push(
        { name: 'w', value: String(rng.pick([320, 640, 1024, 1920])) },
        { name: 'q', value: String(rng.pick([75, 80, 90])) },
        { name: 'fm', value: 'webp' },
      );
    return d;
  },
};

/** Analytics beacons and event ingestion. */
const beacon: BenignApp = {
  name: 'analytics-beacon',
  weight: 5,
  bodies: ['none', 'json', 'text'],
  textSlots: true,
  build(ctx, need) {
    const { rng } = ctx;
    const d = base(ctx, 'analytics-beacon', 'fetch', 'browser');
    if (need === 'json' || (need === undefined && rng.chance(0.5))) {
      d.method = 'POST';
      Object.assign(d, splitPath(rng.pick(['/api/events', '/collect', '/v1/track', '/api/telemetry', '/e'])));
      d.body = {
        kind: 'json',
        value: jsonBody('event', ctx),
        ...(rng.chance(0.3) ? { contentType: 'text/plain;charset=UTF-8' } : {}),
      };
      return d;
    }
    Object.assign(d, splitPath(rng.pick(['/g/collect', '/collect', '/j/collect', '/tr'])));
    d.query = [
      { name: 'v', value: rng.pick(['1', '2']) },
      { name: 'tid', value: `G-${alnum(rng, 10).toUpperCase()}` },
      { name: 'cid', value: `${rng.int(1e8, 2e9)}.${rng.int(1.6e9, 1.75e9)}` },
      { name: 'en', value: rng.pick(['page_view', 'scroll', 'user_engagement', 'click']) },
      { name: 'dl', value: `https://${rng.pick(SITES)}${generateShapedPath(ctx.shapes, rng, ctx.fakers)}` },
      { name: 'dt', value: ctx.text('title') },
      { name: 'ul', value: rng.pick(['en-us', 'de-de', 'fr-fr', 'ja']) },
      { name: 'sr', value: rng.pick(['1920x1080', '390x844', '1440x900']) },
    ];
    if (rng.chance(0.4)) d.query.push({ name: 'dr', value: `https://${rng.pick(EXTERNAL_SITES)}/` });
    return d;
  },
};

/**
 * Content websites (blogs, docs, man pages, wikis, forums, mailing-list archives, project pages,
 * code hosting, talks, downloads, static assets, directory listings, feeds): technical words in
 * every slug, directory-listing sort links, `;` parameters, many crawlers, feed readers and old
 * browsers, and referers from search engines.
 */
const contentSite: BenignApp = {
  name: 'content-site',
  weight: 30,
  bodies: ['none'],
  textSlots: false,
  build(ctx) {
    const { rng } = ctx;
    const page = contentPage(rng, ctx.fakers);
    const host = rng.pick(CONTENT_SITES);
    const kind =
      page.kind === 'feed'
        ? rng.weighted<ClientKind>([
            ['bot', 55],
            ['browser', 35],
            ['library', 10],
          ])
        : rng.weighted<ClientKind>([
            ['browser', 60],
            ['bot', 26],
            ['library', 10],
            ['monitor', 2],
            ['mobile-app', 2],
          ]);
    const landing = `${rng.chance(0.7) ? 'https' : 'http'}://${host}/${page.path.join('/')}${page.trailingSlash ? '/' : ''}`;
    const style: RequestStyle = page.kind === 'asset' ? 'fetch' : 'navigation';
    const d = base(ctx, 'content-site', style, kind, {
      host,
      referer: () => contentReferer(rng, host, landing, ctx),
    });
    if (page.kind === 'feed' && kind === 'bot' && rng.chance(0.8))
      d.headers = d.headers.map(([n, v]) => (n === 'user-agent' ? [n, feedReaderUserAgent(rng)] : [n, v]));
    if (kind !== 'browser' && rng.chance(0.05)) d.method = 'HEAD';
    d.path = page.path;
    d.trailingSlash = page.trailingSlash;
    d.query = page.query;
    return d;
  },
};

/** Every benign app. */
export const BENIGN_APPS: readonly BenignApp[] = [
  webPage,
  searchPage,
  restApi,
  formPost,
  upload,
  graphql,
  xmlApi,
  authFlow,
  infra,
  beacon,
  contentSite,
];

/** An app able to produce `need` (or any app, by weight); `withText`: only apps with free-text fields. */
export function pickApp(rng: Rng, need?: BodyKind | 'none', withText = false): BenignApp {
  const candidates = BENIGN_APPS.filter(
    (a) => (!need || a.bodies.includes(need)) && (!withText || a.textSlots),
  );
  return rng.weighted(candidates.map((a) => [a, a.weight] as const));
}
