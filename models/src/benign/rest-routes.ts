import type { Rng } from '../rng.js';
import type { Fakers } from './fakers.js';
import { resourceId } from './values.js';
import { ACTIONS, RESOURCES, SUB_RESOURCES } from './vocab.js';

/**
 * REST-style route segments: `/api/v2/orders/8412/items`, `/v1/customers/cus_…/payment_methods`,
 * `/projects/acme-web/issues/123/comments`, `/reports/2024/05/31`, `/users/me`.
 */
export function restSegments(rng: Rng, fakers: Fakers): string[] {
  const prefix = rng.weighted<string[]>([
    [['api', `v${rng.int(1, 3)}`], 4],
    [['api'], 2],
    [[`v${rng.int(1, 2)}`], 2],
    [['api', 'internal'], 0.5],
    [['rest', 'v1'], 0.5],
    [[], 1],
  ]);
  const resource = rng.pick(RESOURCES);
  const segs = [...prefix, resource];
  const shape = rng.weighted<string>([
    ['collection', 3],
    ['item', 4],
    ['sub', 3],
    ['action', 1],
    ['me', 1],
    ['dated', 0.5],
    ['nested-slug', 1],
  ]);
  switch (shape) {
    case 'item':
      segs.push(resourceId(rng, fakers));
      break;
    case 'sub':
      segs.push(resourceId(rng, fakers), rng.pick(SUB_RESOURCES));
      if (rng.chance(0.3)) segs.push(String(rng.int(1, 999)));
      break;
    case 'action':
      segs.push(resourceId(rng, fakers), rng.pick(ACTIONS));
      break;
    case 'me':
      segs.splice(segs.length - 1, 1, 'users', 'me');
      if (rng.chance(0.5)) segs.push(rng.pick(['preferences', 'notifications', 'orders', 'avatar']));
      break;
    case 'dated':
      segs.push(
        String(rng.int(2020, 2025)),
        String(rng.int(1, 12)).padStart(2, '0'),
        String(rng.int(1, 28)).padStart(2, '0'),
      );
      break;
    case 'nested-slug':
      segs.push(
        fakers.get('en').lorem.slug(rng.int(1, 3)),
        rng.pick(SUB_RESOURCES),
        String(rng.int(1, 5000)),
      );
      break;
  }
  return segs;
}
