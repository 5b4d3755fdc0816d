import type { PayloadSample } from '../payload-sample.js';
import type { Rng } from '../rng.js';
import { ATTACKER_HOSTS } from '../templates.js';
import { distinctSamples } from './distinct.js';

/** Obfuscated redirect targets (plain https:// URLs are not attacks by shape: see README). */
export function generateOpenRedirect(rng: Rng, count: number): PayloadSample[] {
  return distinctSamples('open-redirect', 'open_redirect', count, rng, (r) => {
    const evil = r.pick(ATTACKER_HOSTS);
    const own = r.pick(['shop.example.com', 'www.example.com', 'app.example.io', 'accounts.example.net']);
    return r.pick([
      `//${evil}`,
      `///${evil}/`,
      `////${evil}/%2e%2e`,
      `/\\${evil}`,
      `\\/\\/${evil}`,
      `/%09/${evil}`,
      `/%2f%2f${evil}`,
      `/%5c${evil}`,
      `https://${own}@${evil}`,
      `//${own}@${evil}/`,
      `https:${evil}`,
      `http:/\\/\\${evil}`,
      `//${evil}%23.${own}`,
      `//${evil}%2f%2e%2e`,
      `/.${evil}`.replace('/.', '//'),
      `https://${evil}\\@${own}`,
      `//${r.int(1e9, 4e9)}`,
      `http://0x${r.uint32().toString(16).padStart(8, '0')}`,
      `〱${evil}`,
      `/${r.pick(['redirect', 'out', 'r'])}/%2F%2F${evil}`,
    ]);
  });
}
