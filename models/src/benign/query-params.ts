import type { DraftParam } from '../draft.js';
import type { Rng } from '../rng.js';
import type { GenContext } from './gen-context.js';
import { fbclid, gclid, hex, uuid } from './tokens.js';
import { isoDate } from './values.js';
import {
  COLORS,
  CURRENCIES,
  EXTERNAL_SITES,
  FILTER_FIELDS,
  SENSITIVE_LOOKING_PARAMS,
  SITES,
  SIZES,
  SORT_FIELDS,
  STATUS_VALUES,
  TEXT_PARAMS,
  URL_PARAMS,
} from './vocab.js';

const p = (name: string, value: string | undefined): DraftParam => ({ name, value });

/** Pagination in its common dialects. */
export function pagination(rng: Rng): DraftParam[] {
  return rng.weighted<() => DraftParam[]>([
    [() => [p('page', String(rng.int(1, 40)))], 3],
    [
      () => [
        p('page', String(rng.int(1, 40))),
        p(
          rng.pick(['per_page', 'limit', 'pageSize', 'size']),
          String(rng.pick([10, 20, 24, 25, 48, 50, 100])),
        ),
      ],
      3,
    ],
    [() => [p('offset', String(rng.int(0, 50) * 20)), p('limit', String(rng.pick([20, 50, 100])))], 2],
    [() => [p('page[number]', String(rng.int(1, 12))), p('page[size]', String(rng.pick([10, 25, 50])))], 1],
    [
      () => [
        p(
          'cursor',
          Buffer.from(`{"id":${rng.int(1, 99999)}}`)
            .toString('base64')
            .replace(/=+$/, ''),
        ),
      ],
      1,
    ],
    [() => [p('after', hex(rng, 12))], 1],
  ])();
}

/** Sorting: `sort=-created_at,name`, `order=desc`, `orderBy=price&direction=asc`. */
export function sorting(rng: Rng): DraftParam[] {
  const field = rng.pick(SORT_FIELDS);
  return rng.weighted<() => DraftParam[]>([
    [
      () => [
        p(
          'sort',
          `${rng.chance(0.5) ? '-' : ''}${field}${rng.chance(0.3) ? `,${rng.pick(SORT_FIELDS)}` : ''}`,
        ),
      ],
      3,
    ],
    [() => [p('sort', field), p('order', rng.pick(['asc', 'desc']))], 2],
    [() => [p('orderBy', field), p('direction', rng.pick(['ASC', 'DESC']))], 1],
    [() => [p('sort_by', `${field}.${rng.pick(['asc', 'desc'])}`)], 1],
    [() => [p('ordering', `-${field}`)], 1],
  ])();
}

/** Filters with brackets, commas, ranges and ISO dates. */
export function filters(rng: Rng): DraftParam[] {
  const out: DraftParam[] = [];
  const n = rng.int(1, 3);
  for (let i = 0; i < n; i++) {
    const field = rng.pick(FILTER_FIELDS);
    out.push(
      rng.weighted<() => DraftParam>([
        [() => p(`filter[${field}]`, rng.pick(STATUS_VALUES)), 3],
        [() => p(field, rng.chance(0.5) ? rng.pick(COLORS) : `${rng.pick(COLORS)},${rng.pick(COLORS)}`), 3],
        [() => p(`filter[created_at][gte]`, isoDate(rng)), 1],
        [() => p('price', `${rng.int(0, 50)}-${rng.int(60, 500)}`), 1],
        [() => p('price_min', String(rng.int(0, 100))), 1],
        [() => p('size', rng.pick(SIZES)), 2],
        [() => p('ids', Array.from({ length: rng.int(2, 5) }, () => rng.int(1, 9999)).join(',')), 1],
        [() => p('ids[]', String(rng.int(1, 9999))), 1],
        [() => p('status', rng.pick(STATUS_VALUES)), 3],
        [() => p('date_range', `${isoDate(rng)}..${isoDate(rng)}`), 1],
        [() => p('fields', rng.pick(['id,name,email', 'id,title', 'name,price,stock'])), 1],
        [() => p('currency', rng.pick(CURRENCIES)), 1],
        [() => p('in_stock', rng.pick(['true', '1', 'on'])), 1],
        [() => p('tags', rng.pick(['summer sale', 'new,trending', 'c++', 'rock & roll', 'k-pop'])), 1],
      ])(),
    );
  }
  return out;
}

/** UTM / click-id / analytics parameters on landing URLs. */
export function analytics(rng: Rng): DraftParam[] {
  const out: DraftParam[] = [];
  if (rng.chance(0.7)) {
    out.push(
      p(
        'utm_source',
        rng.pick([
          'google',
          'newsletter',
          'facebook',
          'twitter',
          'linkedin',
          'bing',
          'partner_site',
          'instagram',
        ]),
      ),
    );
    out.push(p('utm_medium', rng.pick(['cpc', 'email', 'social', 'referral', 'display', 'organic'])));
    if (rng.chance(0.8))
      out.push(
        p(
          'utm_campaign',
          rng.pick([
            'spring_sale_2024',
            'black-friday',
            'welcome series',
            'retargeting_q3',
            'brand|search|de',
          ]),
        ),
      );
    if (rng.chance(0.3)) out.push(p('utm_content', rng.pick(['hero_button', 'footer-link', 'ad_variant_b'])));
    if (rng.chance(0.2))
      out.push(p('utm_term', rng.pick(['running shoes', 'crm software', 'cheap flights berlin'])));
  }
  if (rng.chance(0.25)) out.push(p('gclid', gclid(rng)));
  if (rng.chance(0.2)) out.push(p('fbclid', fbclid(rng)));
  if (rng.chance(0.1)) out.push(p('msclkid', hex(rng, 32)));
  if (rng.chance(0.1))
    out.push(
      p(
        '_ga',
        `2.${rng.int(1e8, 2e9)}.${rng.int(1e8, 2e9)}.${rng.int(1.6e9, 1.75e9)}-${rng.int(1e8, 2e9)}.${rng.int(1.6e9, 1.75e9)}`,
      ),
    );
  if (rng.chance(0.1)) out.push(p('ref', rng.pick(['homepage', 'producthunt', 'hn', 'newsletter'])));
  if (rng.chance(0.05)) out.push(p('mc_eid', hex(rng, 10)));
  return out;
}

/** A URL-valued parameter with an ordinary target (redirects, previews, OAuth callbacks). */
export function embeddedUrl(rng: Rng, ctx: GenContext): DraftParam {
  const name = rng.pick(URL_PARAMS);
  const site = rng.chance(0.5) ? rng.pick(SITES) : rng.pick(EXTERNAL_SITES);
  const value = rng.weighted<() => string>([
    [() => `https://${site}/${ctx.fakers.get('en').lorem.slug(rng.int(1, 3))}`, 3],
    [() => `https://${site}/search?q=${encodeURIComponent(ctx.text('search'))}&page=${rng.int(1, 5)}`, 1],
    [
      () =>
        rng.pick([
          '/account',
          '/account/orders',
          '/checkout',
          '/dashboard',
          '/settings/profile',
          '/cart',
          '/',
        ]),
      3,
    ],
    [() => `/${rng.pick(['products', 'blog', 'docs'])}/${ctx.fakers.get('en').lorem.slug(2)}?ref=nav`, 1],
    [() => `https://${site}/callback`, 1],
    [() => `https://${site}/oauth/callback?provider=${rng.pick(['google', 'github', 'apple'])}`, 1],
    [() => `https://www.youtube.com/watch?v=${hex(rng, 11)}`, 1],
  ])();
  return p(name, value);
}

/** Free-text search parameter (`q=`), the main carrier of hard negatives in URLs. */
export function searchParam(rng: Rng, ctx: GenContext): DraftParam {
  return p(rng.pick(TEXT_PARAMS.slice(0, 7)), ctx.text('search'));
}

/** Parameters whose NAMES attacks like (file, path, template, cmd …) with ordinary values. */
export function sensitiveLooking(rng: Rng): DraftParam {
  const [name, values] = rng.pick(SENSITIVE_LOOKING_PARAMS);
  return p(name, rng.pick(values));
}

/** Cache busters and misc flags. */
export function misc(rng: Rng): DraftParam[] {
  return rng.weighted<() => DraftParam[]>([
    [() => [p('_', String(1_700_000_000_000 + rng.int(0, 40_000_000_000)))], 2],
    [() => [p('v', rng.pick(['2', '1.4.2', hex(rng, 8)]))], 2],
    [() => [p('lang', rng.pick(['en', 'de', 'fr', 'es', 'ja', 'pt-BR']))], 2],
    [() => [p('preview', 'true')], 1],
    [() => [p('expand', rng.pick(['items', 'customer,items', 'data.payment_method']))], 1],
    [() => [p('session_id', uuid(rng))], 1],
    [() => [p('t', String(rng.int(1, 9999)))], 1],
    [() => [p('embed', undefined)], 1],
  ])();
}
