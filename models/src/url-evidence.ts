import { CLASS_PRIORITY, classify, hasEvidence } from './signatures.js';
import type { AttackClass } from './taxonomy.js';
import { splitUrl } from './url-parts.js';

/** Where in a path + query the attack evidence was found. */
export interface UrlEvidence {
  readonly attackType: AttackClass;
  readonly location: 'path' | 'query';
  readonly kind: 'value' | 'key';
  /** Parameter name (`''` for the path or a query string without `=`). */
  readonly name: string;
  /** The raw text carrying the evidence (a parameter value, name, whole query or the path). */
  readonly text: string;
}

/**
 * Finds the attack in a scanner URL (fwaf, CSIC, ATRDF) component by component, so that the
 * class and the field are known: each parameter value, each parameter name (NoSQL `[$ne]`,
 * `__proto__[x]`), a query without `=`, and the path. When several components carry evidence,
 * the highest-priority class wins. Open-redirect evidence only counts in parameter values (a
 * path starting with `//` is just a path).
 */
export function findUrlEvidence(target: string, prefer?: AttackClass): UrlEvidence | undefined {
  const { path, query, params } = splitUrl(target);
  const found: UrlEvidence[] = [];
  const consider = (
    text: string,
    ev: Omit<UrlEvidence, 'attackType' | 'text'>,
    allowRedirect: boolean,
  ): void => {
    if (text === '') return;
    const cls = classify(text);
    if (
      cls &&
      (cls !== 'open_redirect' || (allowRedirect && (ev.name === '' || REDIRECT_PARAM.test(ev.name))))
    ) {
      found.push({ ...ev, attackType: cls, text });
    }
  };
  if (query !== undefined && params.every((p) => p.value === undefined) && params.length <= 1) {
    consider(query, { location: 'query', kind: 'value', name: '' }, true);
  } else {
    for (const p of params) {
      if (p.value !== undefined) consider(p.value, { location: 'query', kind: 'value', name: p.name }, true);
      consider(p.name, { location: 'query', kind: 'key', name: p.name }, false);
    }
  }
  consider(path, { location: 'path', kind: 'value', name: '' }, false);
  if (found.length === 0) return undefined;
  // A mapped source label (FuzzDB rfi.txt says RFI) picks the component carrying THAT class.
  const preferred = prefer
    ? found.find((f) => f.attackType === prefer || hasEvidence(f.text, prefer))
    : undefined;
  if (preferred) return { ...preferred, attackType: prefer ?? preferred.attackType };
  const rank = (c: AttackClass): number => CLASS_PRIORITY.indexOf(c);
  return found.reduce((best, cur) => (rank(cur.attackType) < rank(best.attackType) ? cur : best));
}

/**
 * Parameter names that carry redirect targets. Open-redirect evidence elsewhere (a password
 * `//pl,37`) is coincidence, so classification of unlabelled traffic only accepts it here.
 */
export const REDIRECT_PARAM =
  /(?:^|[_-])(?:url|uri|redirect|redir|next|return|returnto|return_to|goto|dest|destination|continue|target|forward|callback|link|out|view|to|r|u|rurl|checkout_url|image_url|success|failure)(?:$|[_-])/i;
