import type { PayloadSample } from '../payload-sample.js';
import type { Rng } from '../rng.js';
import { ATTACKER_HOSTS, INJECTED_COMMANDS } from '../templates.js';
import { distinctSamples } from './distinct.js';

const SEPARATORS = [';', '|', '||', '&', '&&', '%0a', '\n', '`', '$(', '%26%26', '%7C', '%3B', ';;', '\r\n'];
const PREFIXES = ['', '', '127.0.0.1', 'example.com', '8.8.8.8', 'test', 'report.pdf', "'", '"', '1'];

/** OS command injection: benign-looking value + separator + command (+ comment / closing quote). */
export function generateCmdi(rng: Rng, count: number): PayloadSample[] {
  return distinctSamples('cmdi', 'cmdi', count, rng, (r) => {
    const cmd = r
      .pick(INJECTED_COMMANDS)
      .replace(/\{H\}/g, () => r.pick(ATTACKER_HOSTS))
      .replace(/\{R\}/g, () => r.uint32().toString(36).slice(0, 6));
    const sep = r.pick(SEPARATORS);
    const prefix = r.pick(PREFIXES);
    const body =
      sep === '`' ? `\`${cmd}\`` : sep === '$(' ? `$(${cmd})` : `${sep}${r.chance(0.5) ? ' ' : ''}${cmd}`;
    const suffix = r.pick([
      '',
      '',
      ' #',
      ';',
      ' &',
      `${prefix.startsWith("'") ? "'" : ''}`,
      ' 2>&1',
      ' > /dev/null',
      '|',
    ]);
    return `${prefix}${body}${suffix}`;
  });
}
