import type { DraftParam } from '../draft.js';
import type { GenContext } from './gen-context.js';
import { alnum, base64Token } from './tokens.js';

/** URL-encoded form posts of ordinary sites: login, sign-up, contact, comment, newsletter, checkout. */
export type FormKind =
  'login' | 'signup' | 'contact' | 'comment' | 'newsletter' | 'checkout-address' | 'search' | 'booking';

const f = (name: string, value: string): DraftParam => ({ name, value });

/** Builds the fields of a form of `kind` (CSRF tokens included, as frameworks add them). */
export function formFields(kind: FormKind, ctx: GenContext): DraftParam[] {
  const { rng } = ctx;
  const fk = ctx.fakers.any();
  const csrf = rng.weighted<DraftParam[]>([
    [[f('csrf_token', alnum(rng, 40))], 2],
    [[f('_token', alnum(rng, 40))], 2],
    [[f('authenticity_token', base64Token(rng, 48))], 1],
    [[f('csrfmiddlewaretoken', alnum(rng, 64))], 1],
    [[], 2],
  ]);
  switch (kind) {
    case 'login':
      return [
        ...csrf,
        f(
          rng.pick(['email', 'username', 'login']),
          rng.chance(0.5) ? fk.internet.email() : fk.internet.username(),
        ),
        f('password', fk.internet.password()),
        ...(rng.chance(0.5) ? [f('remember', 'on')] : []),
      ];
    case 'signup':
      return [
        ...csrf,
        f('name', ctx.text('name')),
        f('email', fk.internet.email()),
        f('password', fk.internet.password()),
        f('password_confirmation', fk.internet.password()),
        f('terms', 'on'),
      ];
    case 'contact':
      return [
        ...csrf,
        f('name', ctx.text('name')),
        f('email', fk.internet.email()),
        f('phone', fk.phone.number()),
        f('subject', ctx.text('title')),
        f('message', ctx.text('message')),
      ];
    case 'comment':
      return [
        ...csrf,
        f('author', ctx.text('name')),
        f('email', fk.internet.email()),
        f('url', rng.chance(0.3) ? fk.internet.url() : ''),
        f('comment', ctx.text('comment')),
        f('comment_post_ID', String(rng.int(1, 9999))),
        f('comment_parent', '0'),
      ];
    case 'newsletter':
      return [
        f('email', fk.internet.email()),
        ...(rng.chance(0.5) ? [f('first_name', fk.person.firstName())] : []),
        f('list', rng.pick(['weekly', 'product-updates', 'deals'])),
      ];
    case 'checkout-address':
      return [
        ...csrf,
        f('first_name', fk.person.firstName()),
        f('last_name', fk.person.lastName()),
        f('address1', fk.location.streetAddress()),
        f('address2', rng.chance(0.3) ? ctx.text('address') : ''),
        f('city', fk.location.city()),
        f('zip', fk.location.zipCode()),
        f('country', fk.location.countryCode()),
        f('phone', fk.phone.number()),
        f('notes', rng.chance(0.4) ? ctx.text('note') : ''),
      ];
    case 'search':
      return [
        f('q', ctx.text('search')),
        f('category', rng.pick(['all', 'books', 'electronics', 'home'])),
        f('submit', 'Search'),
      ];
    case 'booking':
      return [
        ...csrf,
        f('checkin', `${rng.int(2024, 2025)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`),
        f('nights', String(rng.int(1, 14))),
        f('guests', String(rng.int(1, 6))),
        f('name', ctx.text('name')),
        f('requests', ctx.text('note')),
      ];
  }
}

/** Pick a form kind. */
export function pickFormKind(ctx: GenContext): FormKind {
  return ctx.rng.pick([
    'login',
    'signup',
    'contact',
    'comment',
    'newsletter',
    'checkout-address',
    'search',
    'booking',
  ]);
}
