import { parseCookieHeader } from './headers.js';
import { place } from './placement.js';
import type { Placement } from './records.js';
import { CLASS_PRIORITY, classify, hasEvidence } from './signatures.js';
import type { AttackClass } from './taxonomy.js';
import { REDIRECT_PARAM } from './url-evidence.js';
import { parseQuery, splitUrl } from './url-parts.js';

/** A request as the locator sees it. */
export interface LocatableRequest {
  readonly url: string;
  readonly headers: Record<string, string | string[]>;
  readonly body?: string;
}

interface Hit {
  readonly attackType: AttackClass;
  readonly placement: Placement;
}

function placementOf(
  location: Placement['attack_location'],
  kind: Placement['attack_kind'],
  name: string,
  hint: string,
  wire: string,
): Placement {
  // A located field of a whole-request source: the wire text is the payload, nothing was encoded by us.
  return place(location, kind, name, hint, wire, wire, [], []);
}

/** Every field of a request with its placement, in a fixed order (query, path, body, cookies, headers). */
function fields(req: LocatableRequest): Placement[] {
  const out: Placement[] = [];
  const { path, params } = splitUrl(req.url);
  for (const p of params) {
    if (p.value !== undefined) out.push(placementOf('query', 'value', p.name, `query.${p.name}`, p.value));
    out.push(placementOf('query', 'key', p.name, `query.${p.name}`, p.name));
  }
  out.push(placementOf('path', 'value', '', 'path', path));
  if (req.body) {
    const form = /^[^=&\s]+=/.test(req.body) ? parseQuery(req.body) : [];
    if (form.length > 0)
      for (const p of form) out.push(placementOf('body', 'value', p.name, `body.${p.name}`, p.value ?? ''));
    else out.push(placementOf('body', 'value', '', 'body', req.body));
  }
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (name === 'cookie') {
        for (const [cn, cv] of parseCookieHeader(v))
          out.push(placementOf('cookie', 'value', cn, `cookie.${cn}`, cv));
      } else if (name !== 'host' && name !== 'content-length') {
        out.push(placementOf('header', 'value', name, `header.${name}`, v));
      }
    }
  }
  return out;
}

/**
 * Finds the field that carries the attack in a whole request (CSIC anomalous, ATRDF): the first
 * field with evidence of `expected` when given, else the field with the highest-priority class.
 * Returns `undefined` when no field shows attack evidence (e.g. CSIC "anomalous" typos).
 */
export function locateAttack(req: LocatableRequest, expected?: AttackClass): Hit | undefined {
  const all = fields(req);
  if (expected) {
    const hit = all.find((f) => f.wire !== '' && hasEvidence(f.wire, expected));
    if (hit) return { attackType: expected, placement: hit };
  }
  let best: Hit | undefined;
  for (const f of all) {
    if (f.wire === '') continue;
    const cls = classify(f.wire);
    // Open-redirect shapes only count in redirect parameters (see REDIRECT_PARAM).
    if (cls === 'open_redirect' && !(f.attack_location === 'query' && REDIRECT_PARAM.test(f.attack_name)))
      continue;
    if (cls && (!best || CLASS_PRIORITY.indexOf(cls) < CLASS_PRIORITY.indexOf(best.attackType))) {
      best = { attackType: cls, placement: f };
    }
  }
  return best;
}
