import type { Rng } from '../rng.js';
import type { Fakers } from './fakers.js';
import { phrase } from './multilingual.js';
import type { PathShapeModel } from './path-shapes.js';

/** Kinds of free-text fields; ordinary text differs by slot (a name is not a comment). */
export type TextSlot =
  'search' | 'comment' | 'title' | 'name' | 'message' | 'bio' | 'address' | 'note' | 'short';

/** What benign generators get. */
export interface GenContext {
  readonly rng: Rng;
  readonly fakers: Fakers;
  readonly shapes: PathShapeModel;
  /** Text for a free-text field; the caller decides whether it is ordinary or a hard negative. */
  text(slot: TextSlot): string;
}

/** Ordinary (non-hard-negative) text for a slot. */
export function ordinaryText(slot: TextSlot, rng: Rng, fakers: Fakers): string {
  const f = fakers.any();
  switch (slot) {
    case 'search':
      return rng.weighted<() => string>([
        [() => f.commerce.productName(), 3],
        [() => f.word.words(rng.int(1, 3)), 3],
        [() => f.commerce.product().toLowerCase(), 2],
        [() => `${f.location.city()} ${f.word.noun()}`, 1],
        [() => f.person.lastName(), 1],
      ])();
    case 'comment':
    case 'message':
      return rng.weighted<() => string>([
        [() => f.hacker.phrase(), 2],
        [() => f.commerce.productDescription(), 2],
        [() => f.company.catchPhrase(), 1],
        [() => phrase(rng), 2],
        [() => f.lorem.sentences(rng.int(1, 3)), 1],
        [() => `${f.word.interjection()}, ${f.word.words(rng.int(3, 8))}.`, 1],
      ])();
    case 'title':
      return rng.chance(0.5) ? f.lorem.words(rng.int(2, 6)) : f.commerce.productName();
    case 'name':
      return f.person.fullName();
    case 'bio':
      return `${f.person.jobTitle()} at ${f.company.name()}. ${f.lorem.sentence()}`;
    case 'address':
      return f.location.streetAddress();
    case 'note':
      return rng.chance(0.5)
        ? f.lorem.sentence()
        : rng.chance(0.5)
          ? phrase(rng)
          : f.word.words(rng.int(2, 6));
    case 'short':
      return f.word.sample();
  }
}
