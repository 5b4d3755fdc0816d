import type { LocaleDefinition } from '@faker-js/faker';
import {
  ar,
  base,
  de,
  en,
  es,
  fr,
  he,
  it,
  ja,
  ko,
  nl,
  pl,
  pt_BR,
  ru,
  sv,
  tr,
  uk,
  vi,
  zh_CN,
  Faker,
} from '@faker-js/faker';
import type { Rng } from '../rng.js';

/** Locales used for names, addresses and words (Hindi has no faker locale: see multilingual.ts). */
export const FAKER_LOCALES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt_BR',
  'nl',
  'sv',
  'pl',
  'tr',
  'ru',
  'uk',
  'ar',
  'he',
  'ja',
  'ko',
  'zh_CN',
  'vi',
] as const;
export type FakerLocale = (typeof FAKER_LOCALES)[number];

const DEFINITIONS: Record<FakerLocale, LocaleDefinition> = {
  en,
  de,
  fr,
  es,
  it,
  pt_BR,
  nl,
  sv,
  pl,
  tr,
  ru,
  uk,
  ar,
  he,
  ja,
  ko,
  zh_CN,
  vi,
};

/**
 * Seeded faker instances, one per locale. Faker keeps its own PRNG; seeding it from our `Rng`
 * keeps builds deterministic. Every generator gets its own `Fakers` (seeded from its fork), so
 * generators do not shift each other's output.
 */
export class Fakers {
  private readonly instances = new Map<FakerLocale, Faker>();
  /**
   * Some faker methods fail in some locales (a locale that defines a category replaces the English
   * one wholesale, e.g. \`food.dish\` needs \`person.first_name.generic\`). Callers retry with this set.
   */
  englishOnly = false;

  constructor(private readonly rng: Rng) {}

  /** The faker for `locale` (English falls back for missing definitions). */
  get(locale: FakerLocale = 'en'): Faker {
    if (this.englishOnly) locale = 'en';
    let f = this.instances.get(locale);
    if (!f) {
      f = new Faker({ locale: locale === 'en' ? [en, base] : [DEFINITIONS[locale], en, base] });
      f.seed(this.rng.uint32());
      this.instances.set(locale, f);
    }
    return f;
  }

  /** English 70% of the time, another locale otherwise (real traffic is mostly but not only English). */
  any(): Faker {
    return this.get(this.rng.chance(0.7) ? 'en' : this.rng.pick(FAKER_LOCALES));
  }
}
