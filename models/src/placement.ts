import type { BenignGenerator } from './benign/generate-benign.js';
import type { DraftRequest, JsonValue } from './draft.js';
import { renderDraft } from './draft.js';
import type { EncodingName } from './encodings.js';
import { encodeChain, jsonUnicodeLiteral, rawEscape } from './encodings.js';
import { maybeEvade } from './evasions.js';
import type { PayloadSample } from './payload-sample.js';
import type { PlacementSite } from './placement-plan.js';
import {
  ATTACK_COOKIE_NAMES,
  ATTACK_PARAM_NAMES,
  CUSTOM_HEADERS,
  SITE_BODY,
  SITE_WEIGHTS,
} from './placement-plan.js';
import type { AttackLocation, EvalRecord, Placement } from './records.js';
import type { Rng } from './rng.js';
import type { AttackClass } from './taxonomy.js';
import { percentDecode } from './text/percent.js';
import { findUrlEvidence } from './url-evidence.js';

/** Version of the placement logic, recorded in the manifest. */
export const PLACEMENT_VERSION = '1.0.0';

/** An attack request built around a benign one, with exactly one attack field. */
export interface PlacedAttack {
  readonly record: EvalRecord;
  readonly site: PlacementSite;
}

/** MongoDB operators that apply to one field (`{"password": {"$ne": 1}}`), unlike `$where`/`$or`. */
const FIELD_OPERATORS = new Set([
  '$ne',
  '$eq',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$regex',
  '$exists',
  '$not',
  '$type',
  '$size',
  '$all',
  '$elemMatch',
  '$options',
]);

/** Framework token fields (CSRF), never the attacked field. */
const TOKEN_FIELD = /csrf|token|authenticity/i;

/** Positions whose values the server URL-decodes. */
const URL_SITES: ReadonlySet<PlacementSite> = new Set([
  'query',
  'query-name',
  'path',
  'form',
  'referer',
  'cookie',
  'url',
]);

/** Probability that a payload gets one evasion before encoding. */
const EVASION_RATE = 0.22;

const MULTILINE = /[\r\n]/;

/** Sites where `payload` can plausibly go (size, line breaks, structure). */
function feasibleSites(cls: AttackClass, payload: string): Array<readonly [PlacementSite, number]> {
  const long = payload.length > 1200;
  const multiline = MULTILINE.test(payload);
  return Object.entries(SITE_WEIGHTS[cls]).filter(([site]) => {
    const s = site as PlacementSite;
    if (s === 'query-name') return payload.length <= 200 && !multiline;
    if (s === 'multipart-filename') return payload.length <= 300 && !multiline;
    if (s === 'path') return payload.length <= 1500;
    if (
      s === 'user-agent' ||
      s === 'referer' ||
      s === 'x-forwarded-for' ||
      s === 'custom-header' ||
      s === 'cookie'
    )
      return !long;
    if (s === 'json-key') return payload.length <= 600;
    return true;
  }) as Array<[PlacementSite, number]>;
}

function pickParamName(cls: AttackClass, rng: Rng, taken: readonly string[] = []): string {
  // A new field must not repeat an existing name: duplicate names make the attack field ambiguous.
  const free = ATTACK_PARAM_NAMES[cls].filter((n) => !taken.includes(n));
  return free.length > 0 ? rng.pick(free) : `${rng.pick(ATTACK_PARAM_NAMES[cls])}_${rng.int(2, 99)}`;
}

/** A `Placement` record: where a payload went, how it was encoded and what is on the wire. */
export function place(
  location: AttackLocation,
  kind: 'value' | 'key',
  name: string,
  hint: string,
  payload: string,
  wire: string,
  encoding: readonly string[],
  evasions: readonly string[],
): Placement {
  return {
    attack_location: location,
    attack_kind: kind,
    attack_name: name,
    attack_path_hint: hint,
    encoding,
    evasions,
    payload,
    wire,
  };
}

/** `a.b[2].c` style path for `@wafer/core` (`["weird key"]` for non-identifier keys). */
function pathHint(root: string, segments: ReadonlyArray<string | number>): string {
  return segments.reduce<string>(
    (acc, seg) =>
      typeof seg === 'number'
        ? `${acc}[${seg}]`
        : /^[A-Za-z_$][\w$]*$/.test(seg) && !seg.startsWith('$')
          ? `${acc}.${seg}`
          : `${acc}[${JSON.stringify(seg)}]`,
    root,
  );
}

/** Encoding chains plausible in a URL query value / form field for `cls`. */
function urlValueEncoding(cls: AttackClass, rng: Rng, form: boolean): EncodingName[] {
  return rng.weighted<EncodingName[]>([
    [['raw'], 40],
    [[form ? 'url-plus' : 'url'], 26],
    [['double-url'], 6],
    [['partial-url'], 9],
    [['percent-u'], cls === 'path_traversal' || cls === 'xss' ? 3 : 0],
    [['html-entities', 'url'], cls === 'xss' ? 4 : 0],
    [['js-unicode', 'raw'], cls === 'xss' ? 2 : 0],
    [['url-plus'], form ? 0 : 8],
  ]);
}

/** Header-safe encoding: raw when the payload is printable Latin-1 without CR/LF. */
function headerEncoding(payload: string, rng: Rng, allowBase64: boolean): EncodingName[] {
  const safe = /^[\x20-\x7e\u00a0-\u00ff]*$/.test(payload);
  if (!safe) return [rng.chance(0.8) || !allowBase64 ? 'url' : 'base64'];
  return rng.weighted<EncodingName[]>([
    [[], 92],
    [['url'], 5],
    [['base64'], allowBase64 ? 3 : 0],
  ]);
}

function parseJsonPayload(payload: string): JsonValue | undefined {
  const t = payload.trim();
  if (!/^[[{]/.test(t)) return undefined;
  try {
    return JSON.parse(t) as JsonValue;
  } catch {
    return undefined;
  }
}

/** Sets an own property, including `__proto__` (plain assignment would change the prototype). */
function setOwn(obj: { [key: string]: JsonValue }, key: string, value: JsonValue): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** String leaves of a JSON value with their paths. */
function stringLeaves(value: JsonValue, path: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}

function setAt(root: JsonValue, path: ReadonlyArray<string | number>, value: JsonValue): void {
  let cur = root as { [key: string]: JsonValue } | JsonValue[];
  for (let i = 0; i < path.length - 1; i++)
    cur = (cur as Record<string | number, JsonValue>)[path[i] as string] as typeof cur;
  const last = path[path.length - 1] as string | number;
  if (Array.isArray(cur)) cur[last as number] = value;
  else setOwn(cur, last as string, value);
}

/** Objects inside a JSON value (where a new key can be added), with their paths. */
function objectNodes(value: JsonValue, path: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectNodes(v, [...path, i]));
  if (value && typeof value === 'object')
    return [path, ...Object.entries(value).flatMap(([k, v]) => objectNodes(v, [...path, k]))];
  return [];
}

function getAt(root: JsonValue, path: ReadonlyArray<string | number>): JsonValue {
  return path.reduce<JsonValue>(
    (acc, seg) => (acc as Record<string | number, JsonValue>)[seg as string] as JsonValue,
    root,
  );
}

/**
 * Puts a JSON string (or structured JSON payload) into `root` at a string leaf or a new key.
 * Returns the path used.
 */
function placeInJson(
  root: JsonValue,
  value: JsonValue,
  cls: AttackClass,
  rng: Rng,
  marker?: string,
): Array<string | number> {
  const leaves = stringLeaves(root);
  if (leaves.length > 0 && rng.chance(0.65)) {
    const path = rng.pick(leaves);
    setAt(root, path, marker ?? value);
    return path;
  }
  const objects = objectNodes(root);
  const parent = objects.length > 0 ? rng.pick(objects) : [];
  const key = pickParamName(cls, rng);
  setOwn(getAt(root, parent) as { [key: string]: JsonValue }, key, marker ?? value);
  return [...parent, key];
}

/** Builds a URL-context attack (the payload is the whole path + query, as a scanner sends it). */
function placeUrl(
  sample: PayloadSample,
  cls: AttackClass,
  gen: BenignGenerator,
  rng: Rng,
): PlacedAttack | undefined {
  const draft = gen.draft({ need: 'none' });
  draft.method = rng.chance(0.92) ? 'GET' : rng.pick(['HEAD', 'POST']);
  draft.query = [];
  const text = sample.text.startsWith('?')
    ? `/${rng.pick(['', 'index.php', 'api/items', 'search', 'login'])}${sample.text}`
    : sample.text;
  const q = text.indexOf('?');
  const pathPart = q < 0 ? text : text.slice(0, q);
  const queryPart = q < 0 ? undefined : text.slice(q + 1);
  // Scanner URLs keep their `&` separators; everything else is escaped only where the wire needs it.
  const urlEscape = (s: string): string => rawEscape(s).replace(/%26/g, '&');
  const pathWire = rawEscape(pathPart);
  const queryWire = queryPart === undefined ? undefined : urlEscape(queryPart);
  const url = `${pathWire.startsWith('/') ? '' : '/'}${pathWire}${queryWire === undefined ? '' : `?${queryWire}`}`;
  const ev = findUrlEvidence(text, cls);
  const record = renderDraft(draft, 'attack');
  record.url = url;
  record.attack_type = cls;
  let placement: Placement;
  if (ev && ev.location === 'query' && queryWire !== undefined) {
    const hint = ev.name === '' ? 'query' : `query.${ev.name}`;
    placement = place('query', ev.kind, ev.name, hint, ev.text, urlEscape(ev.text), ['raw'], []);
  } else placement = place('path', 'value', '', 'path', pathPart, pathWire, ['raw'], []);
  record.placement = placement;
  return { record, site: 'url' };
}

/**
 * Places one attack payload into a realistic benign request at a position and encoding that real
 * attackers and WAF test tools use for its class, and records exactly where it went.
 * Returns `undefined` when the payload fits none of its class's positions.
 */
export function placeAttack(sample: PayloadSample, gen: BenignGenerator, rng: Rng): PlacedAttack | undefined {
  const cls = sample.attackType;
  if (!cls) return undefined;
  if (sample.context === 'url') return placeUrl(sample, cls, gen, rng);
  const sites = feasibleSites(cls, sample.text);
  if (sites.length === 0) return undefined;
  const site = rng.weighted(sites);
  const draft = gen.draft({ need: SITE_BODY[site] });
  if (site === 'json' || site === 'json-key' || site === 'graphql-variable') {
    // A structured body is needed; pickApp guarantees it, but be defensive.
    if (
      !draft.body ||
      (site === 'graphql-variable' ? draft.body.kind !== 'graphql' : draft.body.kind !== 'json')
    )
      return undefined;
  }
  // List payloads are often written URL-encoded (`%0d%0a`, `%27`). Outside URL positions (JSON,
  // multipart, XML, headers) an attacker sends the decoded characters, so decode most of them.
  let text = sample.text;
  if (!URL_SITES.has(site) && /%[0-9a-f]{2}/i.test(text) && rng.chance(0.7)) text = percentDecode(text);
  const evaded = MULTILINE.test(text)
    ? { payload: text, evasions: [] }
    : maybeEvade(cls, text, rng, EVASION_RATE);
  const payload = evaded.payload;
  const placement = applySite(site, draft, payload, evaded.evasions, cls, rng);
  if (!placement) return undefined;
  const record = renderDraft(draft, 'attack');
  record.attack_type = cls;
  record.placement = placement;
  // Key sites fall back to a value when the payload cannot be a key name: report what happened.
  const actual: PlacementSite =
    placement.attack_kind === 'value' && site === 'json-key'
      ? 'json'
      : placement.attack_kind === 'value' && site === 'query-name'
        ? 'query'
        : site;
  return { record, site: actual };
}

/** Edits `draft` so that `payload` sits at `site`; returns the placement, or `undefined` if impossible. */
function applySite(
  site: PlacementSite,
  draft: DraftRequest,
  payload: string,
  evasions: readonly string[],
  cls: AttackClass,
  rng: Rng,
): Placement | undefined {
  switch (site) {
    case 'query': {
      const encoding = urlValueEncoding(cls, rng, false);
      const wire = encodeChain(encoding, payload, rng);
      const existing = draft.query.filter(
        (p) => p.value !== undefined && draft.query.filter((q) => q.name === p.name).length === 1,
      );
      let param = existing.length > 0 && rng.chance(0.5) ? rng.pick(existing) : undefined;
      if (!param) {
        param = {
          name: pickParamName(
            cls,
            rng,
            draft.query.map((q) => q.name),
          ),
          value: '',
        };
        draft.query.splice(rng.int(0, draft.query.length), 0, param);
      }
      param.wire = wire;
      return place('query', 'value', param.name, `query.${param.name}`, payload, wire, encoding, evasions);
    }
    case 'query-name': {
      const field = pickParamName(
        cls,
        rng,
        draft.query.map((q) => q.name),
      );
      const bracket = /^\[\s*\$\w+\s*\](?:=(.*))?$/.exec(payload);
      const operators = parseJsonPayload(payload);
      let name: string;
      let value: string;
      if (bracket) {
        name = `${field}${payload.split('=')[0]}`;
        value = bracket[1] ?? rng.pick(['1', 'true', '', 'x']);
      } else if (
        operators &&
        typeof operators === 'object' &&
        !Array.isArray(operators) &&
        Object.keys(operators).length === 1
      ) {
        // `{"$ne": null}` as a qs/PHP bracket parameter: `password[$ne]=`.
        const [op, v] = Object.entries(operators)[0] ?? ['', ''];
        if (typeof v === 'object' && v !== null)
          return applySite('query', draft, payload, evasions, cls, rng);
        name = `${field}[${op}]`;
        value = v === null ? '' : String(v);
      } else if (payload.length <= 80 && !/[=&#]/.test(payload)) {
        name = payload;
        value = rng.pick(['1', 'true', '', 'x']);
      } else return applySite('query', draft, payload, evasions, cls, rng);
      const nameWire = rawEscape(name).replace(/=/g, '%3D');
      draft.query.push({ name, value, nameWire });
      return place('query', 'key', name, `query.${name}`, name, nameWire, ['raw'], evasions);
    }
    case 'path': {
      if (draft.path.length === 0) draft.path.push(rng.pick(['api', 'files', 'download', 'view', 'static']));
      if (cls === 'path_traversal') {
        const encoding = rng.weighted<EncodingName[]>([
          [['raw'], 60],
          [['url'], 12],
          [['double-url'], 10],
          [['partial-url'], 18],
        ]);
        const wire = encodeChain(encoding, payload.replace(/^\/+/, ''), rng, { inPath: true });
        const keep = Math.max(1, draft.path.length - rng.int(0, 1));
        draft.path = [...draft.path.slice(0, keep), wire];
        draft.trailingSlash = false;
        draft.query = draft.query.filter(() => rng.chance(0.5));
        return place('path', 'value', '', 'path', payload.replace(/^\/+/, ''), wire, encoding, evasions);
      }
      const encoding = rng.weighted<EncodingName[]>([
        [['url'], 60],
        [['partial-url'], 25],
        [['double-url'], 15],
      ]);
      const wire = encodeChain(encoding, payload, rng, { inPath: true }).replace(/\//g, '%2F');
      const index = rng.int(0, draft.path.length - 1);
      const segs = [...draft.path];
      segs[index] = wire;
      draft.path = segs;
      return place('path', 'value', String(index), 'path', payload, wire, encoding, evasions);
    }
    case 'form': {
      if (draft.body?.kind !== 'form') return undefined;
      const encoding = urlValueEncoding(cls, rng, true);
      const wire = encodeChain(encoding, payload, rng);
      const fields = draft.body.fields;
      // Attackers edit the data fields, not the framework's CSRF token.
      const unique = fields.filter(
        (f) => fields.filter((g) => g.name === f.name).length === 1 && !TOKEN_FIELD.test(f.name),
      );
      let field = unique.length > 0 && rng.chance(0.7) ? rng.pick(unique) : undefined;
      if (!field) {
        field = {
          name: pickParamName(
            cls,
            rng,
            fields.map((f) => f.name),
          ),
          value: '',
        };
        fields.push(field);
      }
      field.wire = wire;
      return place('body', 'value', field.name, `body.${field.name}`, payload, wire, encoding, evasions);
    }
    case 'json':
    case 'graphql-variable': {
      const body = draft.body;
      if (!body || (body.kind !== 'json' && body.kind !== 'graphql')) return undefined;
      const root: JsonValue = body.kind === 'json' ? body.value : body.variables;
      const prefix = body.kind === 'json' ? 'body' : 'body.variables';
      const structured = cls === 'nosqli' || cls === 'code_injection' ? parseJsonPayload(payload) : undefined;
      if (structured !== undefined) {
        const path = placeInJson(root, structured, cls, rng);
        return place(
          'body',
          'value',
          String(path.at(-1) ?? ''),
          pathHint(prefix, path),
          payload,
          JSON.stringify(structured),
          ['json-structure'],
          evasions,
        );
      }
      const encoding = rng.weighted<EncodingName[]>([
        [[], 75],
        [['json-unicode'], 12],
        [['url'], 5],
        [['html-entities'], cls === 'xss' ? 5 : 0],
        [['base64'], cls === 'code_injection' ? 5 : 0],
      ]);
      const wire = encodeChain(encoding, payload, rng);
      const marker = encoding.includes('json-unicode') ? `\u0000wafer-marker-${rng.uint32()}` : undefined;
      const path = placeInJson(root, wire, cls, rng, marker);
      if (marker) draft.jsonOverride = { marker, literal: jsonUnicodeLiteral(wire, rng) };
      return place(
        'body',
        'value',
        String(path.at(-1) ?? ''),
        pathHint(prefix, path),
        payload,
        wire,
        encoding,
        evasions,
      );
    }
    case 'json-key': {
      if (draft.body?.kind !== 'json' || !draft.body.value || typeof draft.body.value !== 'object')
        return undefined;
      const root = draft.body.value;
      const structured = parseJsonPayload(payload);
      const objects = objectNodes(root);
      const parentPath = objects.length > 0 ? rng.pick(objects) : [];
      const parent = getAt(root, parentPath) as { [key: string]: JsonValue };
      if (
        structured &&
        typeof structured === 'object' &&
        !Array.isArray(structured) &&
        Object.keys(structured).every((k) => FIELD_OPERATORS.has(k))
      ) {
        // `{"$ne": 1}` belongs under a field, not at object level.
        return applySite('json', draft, payload, evasions, cls, rng);
      }
      if (structured && typeof structured === 'object' && !Array.isArray(structured)) {
        // Merge the payload's keys (`__proto__`, `$where`) into an object of the benign body.
        for (const [k, v] of Object.entries(structured)) setOwn(parent, k, v);
        const key = Object.keys(structured)[0] ?? '';
        return place(
          'body',
          'key',
          key,
          pathHint('body', [...parentPath, key]),
          payload,
          key,
          ['json-structure'],
          evasions,
        );
      }
      // A non-JSON payload is not a key name anyone sends: put it in a value instead.
      return applySite('json', draft, payload, evasions, cls, rng);
    }
    case 'cookie': {
      const safe = /^[\x21-\x7e]+$/.test(payload) && !/[;,"\\]/.test(payload);
      const deser = cls === 'code_injection' && /^(?:O:\d|a:\d|\{|!!|rO0|gASV)/.test(payload);
      const encoding: EncodingName[] =
        deser && rng.chance(0.6)
          ? ['base64']
          : safe && rng.chance(0.55)
            ? []
            : [rng.chance(0.85) ? 'url' : 'base64'];
      const wire = encodeChain(encoding, payload, rng);
      const existing =
        draft.cookies.length > 0 && rng.chance(0.5) ? rng.int(0, draft.cookies.length - 1) : -1;
      const taken = draft.cookies.map(([n]) => n);
      const freeNames = ATTACK_COOKIE_NAMES.filter((n) => !taken.includes(n));
      const name =
        existing >= 0
          ? (draft.cookies[existing]?.[0] ?? 'session')
          : freeNames.length > 0
            ? rng.pick(freeNames)
            : `pref_${rng.int(2, 99)}`;
      if (existing >= 0) draft.cookies[existing] = [name, wire];
      else draft.cookies.push([name, wire]);
      return place('cookie', 'value', name, `cookie.${name}`, payload, wire, encoding, evasions);
    }
    case 'user-agent':
    case 'x-forwarded-for':
    case 'custom-header': {
      const name = site === 'custom-header' ? rng.pick(CUSTOM_HEADERS) : site;
      const encoding = headerEncoding(payload, rng, site === 'custom-header');
      const wire = encodeChain(encoding, payload, rng);
      const current = draft.headers.find(([n]) => n === name)?.[1];
      let value = wire;
      if (site === 'user-agent' && current && cls !== 'log4shell' && rng.chance(0.3))
        value = `${current} ${wire}`;
      if (site === 'x-forwarded-for' && rng.chance(0.4))
        value = `${wire}, ${rng.int(23, 212)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
      draft.headers = draft.headers.filter(([n]) => n !== name);
      draft.headers.push([name, value]);
      return place('header', 'value', name, `header.${name}`, payload, wire, encoding, evasions);
    }
    case 'referer': {
      if (rng.chance(0.35)) {
        const encoding = headerEncoding(payload, rng, false);
        const wire = encodeChain(encoding, payload, rng);
        draft.headers = [...draft.headers.filter(([n]) => n !== 'referer'), ['referer', wire]];
        return place('header', 'value', 'referer', 'header.referer', payload, wire, encoding, evasions);
      }
      const encoding: EncodingName[] = [rng.pick<EncodingName>(['url', 'url-plus', 'partial-url'])];
      const wire = encodeChain(encoding, payload, rng);
      const value = `https://${draft.host}/${rng.pick(['search', 'products', 'index.php', 'page'])}?${pickParamName(cls, rng)}=${wire}`;
      draft.headers = [...draft.headers.filter(([n]) => n !== 'referer'), ['referer', value]];
      return place('header', 'value', 'referer', 'header.referer', payload, wire, encoding, evasions);
    }
    case 'multipart-field': {
      if (draft.body?.kind !== 'multipart') return undefined;
      const parts = draft.body.parts;
      if (cls === 'xxe') {
        const name = rng.pick(['file', 'upload', 'document', 'import']);
        parts.push({
          name,
          filename: rng.pick(['data.xml', 'import.xml', 'image.svg', 'feed.rss', 'invoice.xml']),
          contentType: rng.pick(['application/xml', 'text/xml', 'image/svg+xml']),
          content: payload,
        });
        return place('body', 'value', name, `body.${name}`, payload, payload, [], evasions);
      }
      const encoding = rng.weighted<EncodingName[]>([
        [[], 88],
        [['url'], 6],
        [['html-entities'], cls === 'xss' ? 6 : 0],
      ]);
      const wire = encodeChain(encoding, payload, rng);
      const textParts = parts.filter((p) => p.filename === undefined && p.filenameWire === undefined);
      let part = textParts.length > 0 && rng.chance(0.6) ? rng.pick(textParts) : undefined;
      if (!part) {
        part = {
          name: pickParamName(
            cls,
            rng,
            parts.map((q) => q.name),
          ),
          content: '',
        };
        parts.push(part);
      }
      part.content = wire;
      return place('body', 'value', part.name, `body.${part.name}`, payload, wire, encoding, evasions);
    }
    case 'multipart-filename': {
      if (draft.body?.kind !== 'multipart') return undefined;
      const file = draft.body.parts.find((p) => p.filename !== undefined);
      if (!file) return undefined;
      const wire = encodeChain(['multipart-quote'], payload, rng);
      file.filenameWire = wire;
      return place(
        'filename',
        'value',
        file.name,
        `filename.${file.name}`,
        payload,
        wire,
        ['multipart-quote'],
        evasions,
      );
    }
    case 'xml': {
      if (draft.body?.kind !== 'xml') return undefined;
      if (cls === 'xxe') {
        const isDocument = /<[A-Za-z][\w:-]*[\s>/]/.test(
          payload.replace(/<!DOCTYPE[\s\S]*?\]>|<!DOCTYPE[^>]*>|<\?xml[^>]*\?>|<!ENTITY[^>]*>/gi, ''),
        );
        if (isDocument) draft.body.xml = payload;
        else
          draft.body.xml = draft.body.xml.replace(/^(<\?xml[^>]*\?>\n?)?/, (decl) => `${decl}${payload}\n`);
        return place('body', 'value', '', 'body', payload, payload, [], evasions);
      }
      const m = /<(Note|comment|name|body|title|to|from)>([^<]*)<\//.exec(draft.body.xml);
      if (!m) return undefined;
      const cdata = rng.chance(0.4) && !payload.includes(']]>');
      const wire = cdata ? payload : encodeChain(['xml-escape'], payload, rng);
      const inner = cdata ? `<![CDATA[${payload}]]>` : wire;
      draft.body.xml = draft.body.xml.replace(m[0], `<${m[1]}>${inner}</`);
      return place(
        'body',
        'value',
        m[1] ?? '',
        'body',
        payload,
        wire,
        [cdata ? 'cdata' : 'xml-escape'],
        evasions,
      );
    }
    case 'url':
      return undefined;
  }
}
