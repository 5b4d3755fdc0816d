import type { JsonValue } from '../draft.js';
import type { Rng } from '../rng.js';
import type { GenContext } from './gen-context.js';
import { jwt, uuid } from './tokens.js';
import { isoDate, isoTimestamp, price } from './values.js';
import { CURRENCIES, EXTERNAL_SITES, LOCALES, STATUS_VALUES } from './vocab.js';

/** JSON bodies of ordinary apps: sign-up, checkout, comments, settings, search, webhooks, events. */
export type JsonBodyKind =
  | 'signup'
  | 'checkout'
  | 'comment'
  | 'settings'
  | 'search'
  | 'profile'
  | 'ticket'
  | 'review'
  | 'webhook-config'
  | 'event'
  | 'bulk'
  | 'login';

/** Builds a JSON body of `kind`; free-text fields go through `ctx.text`. */
export function jsonBody(kind: JsonBodyKind, ctx: GenContext): JsonValue {
  const { rng } = ctx;
  const f = ctx.fakers.any();
  switch (kind) {
    case 'signup':
      return {
        email: f.internet.email(),
        password: f.internet.password({ length: rng.int(10, 18), memorable: rng.chance(0.3) }),
        firstName: f.person.firstName(),
        lastName: f.person.lastName(),
        acceptTerms: true,
        newsletter: rng.chance(0.4),
        locale: rng.pick(LOCALES),
        ...(rng.chance(0.3) ? { referralCode: f.string.alphanumeric(8).toUpperCase() } : {}),
      };
    case 'login':
      return {
        username: rng.chance(0.5) ? f.internet.username() : f.internet.email(),
        password: f.internet.password(),
        remember: rng.chance(0.5),
      };
    case 'checkout':
      return {
        cartId: uuid(rng),
        currency: rng.pick(CURRENCIES),
        items: Array.from({ length: rng.int(1, 4) }, () => ({
          sku: f.string.alphanumeric(8).toUpperCase(),
          quantity: rng.int(1, 5),
          price: price(rng),
          name: f.commerce.productName(),
        })),
        shippingAddress: {
          name: ctx.text('name'),
          line1: f.location.streetAddress(),
          line2: rng.chance(0.3) ? ctx.text('address') : null,
          city: f.location.city(),
          postalCode: f.location.zipCode(),
          country: f.location.countryCode(),
          phone: f.phone.number(),
        },
        deliveryNote: rng.chance(0.4) ? ctx.text('note') : '',
        couponCode: rng.chance(0.2) ? `SAVE${rng.int(5, 30)}` : null,
        paymentMethodId: `pm_${f.string.alphanumeric(24)}`,
      };
    case 'comment':
      return {
        postId: rng.int(1, 99999),
        body: ctx.text('comment'),
        ...(rng.chance(0.3) ? { parentId: rng.int(1, 99999) } : {}),
        author: { name: ctx.text('name'), email: f.internet.email() },
        notify: rng.chance(0.5),
      };
    case 'settings':
      return {
        theme: rng.pick(['dark', 'light', 'system']),
        language: rng.pick(LOCALES),
        timezone: f.location.timeZone(),
        notifications: {
          email: rng.chance(0.7),
          push: rng.chance(0.5),
          sms: rng.chance(0.1),
          digest: rng.pick(['daily', 'weekly', 'never']),
        },
        signature: rng.chance(0.4) ? ctx.text('note') : '',
        homepage: rng.chance(0.3) ? `https://${f.internet.domainName()}/` : null,
      };
    case 'search':
      return {
        query: ctx.text('search'),
        filters: {
          status: [rng.pick(STATUS_VALUES)],
          createdAfter: isoDate(rng),
          tags: f.word.words(rng.int(1, 3)).split(' '),
        },
        sort: [{ field: rng.pick(['createdAt', 'name', 'score']), order: rng.pick(['asc', 'desc']) }],
        page: { size: rng.pick([10, 20, 50]), number: rng.int(1, 9) },
      };
    case 'profile':
      return {
        displayName: ctx.text('name'),
        bio: ctx.text('bio'),
        website: rng.chance(0.5) ? f.internet.url() : '',
        location: `${f.location.city()}, ${f.location.country()}`,
        birthday: rng.chance(0.3) ? isoDate(rng) : null,
        avatarUrl: rng.chance(0.4)
          ? `https://${rng.pick(['cdn.example.com', 'images.unsplash.com', 'gravatar.com'])}/${f.string.alphanumeric(12)}.jpg`
          : null,
      };
    case 'ticket':
      return {
        subject: ctx.text('title'),
        message: ctx.text('message'),
        priority: rng.pick(['low', 'normal', 'high', 'urgent']),
        category: rng.pick(['billing', 'technical', 'shipping', 'account', 'other']),
        orderNumber: rng.chance(0.5) ? `#${rng.int(10000, 99999)}` : null,
        attachments: rng.chance(0.3)
          ? [{ name: `${f.system.commonFileName('png')}`, size: rng.int(1000, 5_000_000) }]
          : [],
      };
    case 'review':
      return {
        productId: rng.int(1, 99999),
        rating: rng.int(1, 5),
        title: ctx.text('title'),
        text: ctx.text('comment'),
        recommend: rng.chance(0.7),
        nickname: f.internet.username(),
      };
    case 'webhook-config':
      return {
        url: rng.pick([
          `https://hooks.slack.com/services/T${f.string.alphanumeric(8).toUpperCase()}/B${f.string.alphanumeric(8).toUpperCase()}/${f.string.alphanumeric(24)}`,
          `https://${f.internet.domainName()}/webhooks/${rng.pick(['stripe', 'orders', 'github'])}`,
          `https://${rng.pick(EXTERNAL_SITES)}/api/webhook`,
        ]),
        events: rng.sample(
          ['order.created', 'order.paid', 'invoice.sent', 'user.deleted', 'push', 'issue.opened'],
          rng.int(1, 3),
        ),
        secret: f.string.alphanumeric(32),
        active: true,
        description: ctx.text('note'),
      };
    case 'event':
      return {
        event: rng.pick(['page_view', 'add_to_cart', 'purchase', 'sign_up', 'click', 'scroll', 'video_play']),
        timestamp: isoTimestamp(rng),
        anonymousId: uuid(rng),
        properties: {
          url: `https://${f.internet.domainName()}/${f.lorem.slug(2)}?utm_source=newsletter`,
          title: ctx.text('title'),
          referrer: rng.chance(0.5) ? `https://${rng.pick(EXTERNAL_SITES)}/` : '',
          value: rng.chance(0.3) ? price(rng) : null,
        },
        context: {
          locale: rng.pick(LOCALES),
          screen: { width: rng.pick([390, 1280, 1440, 1920]), height: rng.pick([844, 720, 900, 1080]) },
        },
      };
    case 'bulk':
      return {
        operations: Array.from({ length: rng.int(2, 5) }, () => ({
          op: rng.pick(['add', 'replace', 'remove']),
          path: `/items/${rng.int(0, 20)}/${rng.pick(['quantity', 'note', 'status'])}`,
          value: rng.chance(0.5) ? rng.int(1, 9) : ctx.text('short'),
        })),
      };
  }
}

/** Pick a JSON body kind. */
export function pickJsonBodyKind(rng: Rng): JsonBodyKind {
  return rng.pick([
    'signup',
    'checkout',
    'comment',
    'settings',
    'search',
    'profile',
    'ticket',
    'review',
    'webhook-config',
    'event',
    'bulk',
    'login',
  ]);
}

/** A bearer token header value. */
export function bearer(rng: Rng): string {
  return `Bearer ${jwt(rng)}`;
}
