import type { Rng } from '../rng.js';
import type { Fakers } from './fakers.js';
import { EMOJI, phrase } from './multilingual.js';
import { sqlWordPhrase } from './sql-word-phrases.js';

/**
 * Benign free text that looks a little like attacks: SQL and shell words in everyday sentences,
 * quotes and apostrophes, math, angle brackets, file paths, code in developer-forum posts, merge
 * tags, prices, multilingual text and emoji. These are the HARD NEGATIVES the model needs most:
 * without them it learns "unusual punctuation = attack" and blocks real users.
 * All templates are written for this project.
 */

/** The kind of hard negative, recorded in the record's `source` for analysis. */
export type FreeTextKind =
  | 'sql-words'
  | 'shell-words'
  | 'quotes'
  | 'math'
  | 'angle-brackets'
  | 'paths'
  | 'dev-forum'
  | 'rich-text'
  | 'merge-tags'
  | 'commerce'
  | 'contact'
  | 'markdown'
  | 'multilingual'
  | 'chat';

const SQL_WORDS = [
  'select the best union for your team',
  'drop me a line when you are back',
  'please update my delivery address',
  'insert coin to continue',
  'delete my account and all my data please',
  'join us for the union meeting on Friday',
  'where are you from and where are you going?',
  'order by price, then by rating',
  'table for 4 at 7pm, window seat if possible',
  'create a new playlist for the road trip',
  'alter the hem by 2 inches',
  'grant application deadline is 1 March',
  'select all that apply: red, blue, green',
  'union station to downtown, one way',
  'from 9 to 5, or by appointment',
  'Having trouble? Select "Forgot password" and try again',
  'We had a great time -- thanks again!',
  'Tables and chairs for sale, or best offer',
  'Can I update or delete a review after posting?',
  'Truncate the long titles please',
  'I want to exec-ute my plan by June',
  'sleep number bed 1 or 2 person',
  'Like and subscribe; or not, your call',
  'He said "drop it" and walked out',
  'Table of contents -- chapter 1, 2 and 3',
  'Null and void? Only if signed after 1/1',
  'rollback to the previous version, not the current one',
  'Case when the lid does not close: return it',
];

const SHELL_WORDS = [
  'ls 300 lexus for sale',
  'cat food 5kg grain free',
  'rm 204 is booked all day',
  'ping me when you are ready',
  'sleep well and see you tomorrow',
  'echo dot 5th gen',
  'curl up with a good book',
  'kill time at the airport',
  'find my order please',
  'dir. Steven Spielberg (1993)',
  'who am i to judge',
  'bash party tonight at 8',
  'nc state vs duke highlights',
  'more or less 20 people',
  'true | false quiz answers',
  'head & shoulders shampoo 2x400ml',
  'tail lights for 2012 civic',
  'set of 3 pans & lids',
  'I love python; java is ok',
  'sudo is not a word my grandma knows',
  'wget lost in the dryer again',
  'type C battery, 2-pack',
  'Kill Bill Vol. 1 & 2',
  'tar heels > blue devils',
];

const QUOTES = [
  "O'Brien",
  "Sinéad O'Connor",
  "D'Angelo",
  "it's 5 o'clock somewhere",
  "Rock 'n' Roll Hall of Fame",
  '6\' 2" tall',
  'The "best" pizza in town',
  "l'été à Paris",
  "don't stop believin'",
  "McDonald's; Ben & Jerry's",
  '"Quoted" and \'single quoted\'',
  "Ma'am, your order #4471 shipped",
  "John's & Mary's wedding",
  "2'x4' rug, 'cream'",
  "'; I forgot the rest of my note",
  'She said: "don\'t worry -- it\'s fine"',
];

const MATH = [
  '(a+b)*c',
  'x^2 + y^2 = r^2',
  '2*3=6 and 6/3=2',
  '1/2 cup of sugar',
  '50% off everything',
  '100% cotton, 30°C wash',
  'e=mc^2',
  '{x | x > 0}',
  'f(x) = 3x + 1',
  'a && b || !c',
  '3 < 5 && 5 > 3',
  'sum(1..10) = 55',
  '=SUM(A1:A10)',
  '[1, 2, 3] + [4]',
  '-1 * -1 = 1',
  '(555) 010-2030',
  '#1 seller, 4.8/5 stars',
  '1=1 is always true, right?',
];

const ANGLE = [
  'I <3 NY',
  '<3 <3 <3',
  'a < b and b > c',
  'x -> y -> z',
  '<insert name here>',
  '5 > 3',
  '<<< back to overview',
  'price: <$20',
  'kids < 12 go free',
  '>>> next page',
  'Press <Enter> to continue',
  'temperature >= 38.5 °C',
  'Use <br> for a line break?',
  '<-- click here',
];

const PATHS = [
  'C:\\Users\\me\\Documents\\report.docx',
  'C:\\Program Files\\Acme\\config.ini',
  '/home/anna/projects/website',
  'see ../README.md for details',
  '~/Downloads/photo (1).jpg',
  'docs/guide/intro.md',
  './configure && make && make install',
  'D:\\Backup\\2024\\Fotos\\Urlaub',
  '/var/www/html is the default web root on Ubuntu',
  '\\\\fileserver\\shared\\Marketing\\Q3',
  '../assets/logo.svg',
  'src/components/Button.tsx',
];

const DEV_FORUM = [
  'run `rm -rf node_modules && npm install` and try again',
  'try `ls -la | grep .env` to see if the file exists',
  "I get error 1064 near 'ORDER BY name' in my query, any idea?",
  "How do I escape a single quote in SQL? e.g. WHERE name = 'O''Brien'",
  'Why does my <div> not center with margin: 0 auto?',
  'Use `SELECT COUNT(*) FROM orders WHERE status = ?` with a prepared statement.',
  'My regex ^[a-z0-9_-]{3,16}$ does not match unicode names',
  'In bash, `for f in *.txt; do echo "$f"; done` prints each file',
  'The template shows {{ user.name }} literally instead of the name, what am I missing?',
  'Set `Content-Type: application/json` and send {"id": 1}',
  'I tried <script src="app.js" defer></script> but it loads twice',
  'git reset --hard HEAD~1 lost my changes :(',
  'docker run -p 8080:80 nginx works, but compose does not',
  'Is `eval()` ever safe in JavaScript? Asking for a code review.',
  'Why is `SELECT * FROM users u JOIN orders o ON o.user_id = u.id` slow?',
  'the path C:\\inetpub\\wwwroot\\web.config is not found after deploy',
  'Use %20 or + for spaces in query strings?',
  'What does `2>&1` mean at the end of a command?',
  'pip install -r requirements.txt fails on Windows',
  'How to replace \\n with <br> in a Jinja template?',
  'My cron job `0 3 * * * /usr/bin/backup.sh` never runs',
];

const SO_QUESTIONS: ReadonlyArray<(rng: Rng) => string> = [
  () =>
    "I have this query:\n\n```sql\nSELECT id, name, email\nFROM customers\nWHERE created_at > '2024-01-01'\nORDER BY name;\n```\n\nIt returns duplicates when I join orders. What am I doing wrong?",
  () =>
    'My form does not submit:\n\n```html\n<form action="/subscribe" method="post">\n  <input type="email" name="email" required>\n  <button type="submit">Join</button>\n</form>\n```\n\nThe button does nothing in Safari.',
  () =>
    'How do I list only directories?\n\n```bash\nls -d */\nfind . -maxdepth 1 -type d\n```\n\nBoth work but which is portable?',
  () =>
    "Getting `TypeError: Cannot read properties of undefined (reading 'map')` in:\n\n```js\nconst names = data.items.map((i) => i.name);\n```\n\nHow do I guard against missing items?",
  (rng) =>
    `Update: fixed it by adding an index.\n\n\`\`\`sql\nCREATE INDEX idx_orders_user ON orders(user_id);\n\`\`\`\n\nQuery went from ${rng.int(3, 30)}s to ${rng.int(20, 300)}ms.`,
  () =>
    "In PHP I use:\n\n```php\n$stmt = $pdo->prepare('SELECT * FROM users WHERE id = ?');\n$stmt->execute([$id]);\n```\n\nIs this enough to be safe?",
  () =>
    'Markdown tables break when a cell contains a pipe `|`. Escaping with `\\|` works on GitHub but not here.',
];

const RICH_TEXT: ReadonlyArray<(rng: Rng, text: string) => string> = [
  (_r, t) => `<p>${t}</p>`,
  (_r, t) => `<p>Hello,</p><p>${t}</p><p>Best regards</p>`,
  (_r, t) => `<p><strong>Update:</strong> ${t}</p>`,
  (_r, t) => `<ul><li>${t}</li><li>Second point</li></ul>`,
  (r, t) =>
    `<p>${t} <a href="https://${r.pick(['www.example.com', 'docs.example.org', 'github.com'])}/${r.pick(['guide', 'issues/42', 'blog/post'])}" target="_blank" rel="noopener">link</a></p>`,
  (_r, t) => `<p>${t}<br><em>sent from my phone</em></p>`,
  (r, t) => `<p>${t}</p><img src="https://cdn.example.com/uploads/${r.int(1000, 9999)}.jpg" alt="photo">`,
  (_r, t) => `<blockquote>${t}</blockquote><p>+1</p>`,
  (_r, t) => `<h2>Summary</h2><p>${t}</p>`,
];

const MERGE_TAGS = [
  'Hi {{first_name}}, your order {{order_number}} has shipped!',
  'Dear *|FNAME|*, thanks for subscribing',
  'Hello %FIRSTNAME%, your code is %CODE%',
  'Hi {first_name}, welcome aboard',
  'Your appointment is on [date] at [time]',
  'Dear {{ customer_name }}, your invoice is attached.',
  'Hey ${name}! (template literal in my notes)',
  'Use :name and :date placeholders in the subject',
];

function commerce(rng: Rng, f: ReturnType<Fakers['any']>): string {
  const templates: ReadonlyArray<() => string> = [
    () => `${f.commerce.productName()} – $${f.commerce.price({ min: 5, max: 400 })} & up`,
    () => `2 for $${rng.int(3, 20)}, limited time!!!`,
    () => `€${rng.int(5, 99)},${rng.int(10, 99)} inkl. MwSt.`,
    () => `£10-£20 gifts for ${f.person.firstName()}`,
    () =>
      `${f.commerce.productAdjective()} ${f.commerce.product()} (size ${rng.pick(['S', 'M', 'L', 'XL'])}, ${f.color.human()})`,
    () => `Review: ${rng.int(1, 5)}/5 – ${f.commerce.productDescription()}`,
    () => `Coupon SAVE${rng.int(5, 50)} works? Got "invalid code"`,
    () => `${f.company.name()} & Sons, Ltd.`,
    () => `${f.company.catchPhrase()}!`,
    () => `#${rng.int(1000, 99999)} – ${f.commerce.department()}`,
  ];
  return rng.pick(templates)();
}

function contact(rng: Rng, f: ReturnType<Fakers['any']>): string {
  const templates: ReadonlyArray<() => string> = [
    () => f.internet.email(),
    () => `${f.person.fullName()} <${f.internet.email()}>`,
    () => f.phone.number(),
    () => `call ${f.phone.number()} ext. ${rng.int(10, 999)}`,
    () => `${f.location.streetAddress()}, ${f.location.zipCode()} ${f.location.city()}`,
    () => `${f.location.secondaryAddress()} (ring twice!)`,
    () => `c/o ${f.person.fullName()}, ${f.location.streetAddress({ useFullAddress: true })}`,
    () => `${f.person.firstName()}.${f.person.lastName()}+newsletter@${f.internet.domainName()}`,
  ];
  return rng.pick(templates)();
}

function markdown(rng: Rng, f: ReturnType<Fakers['any']>): string {
  const templates: ReadonlyArray<() => string> = [
    () => `**${f.word.adjective()}** and _${f.word.noun()}_`,
    () => `# ${f.lorem.words(3)}\n\n${f.lorem.paragraph()}`,
    () => `- [ ] ${f.hacker.verb()} the ${f.hacker.noun()}\n- [x] ${f.lorem.sentence()}`,
    () => `See [the docs](https://docs.example.com/${f.lorem.slug(2)}) for details.`,
    () => `> ${f.lorem.sentence()}\n\nAgreed! ${rng.pick(EMOJI)}`,
    () => `1. ${f.lorem.sentence()}\n2. ${f.lorem.sentence()}`,
    () => `\`${f.hacker.abbreviation()}\` is ${f.hacker.adjective()}, not ${f.hacker.adjective()}`,
  ];
  return rng.pick(templates)();
}

function chat(rng: Rng, f: ReturnType<Fakers['any']>): string {
  const templates: ReadonlyArray<() => string> = [
    () => f.lorem.sentence(),
    () => f.hacker.phrase(),
    () => `${f.person.firstName()}: ${f.lorem.sentence()}`,
    () => `${f.word.interjection()}! ${f.lorem.sentence()} ${rng.pick(EMOJI)}`,
    () => `lol ok 😂 see you at ${rng.int(1, 12)}:${rng.pick(['00', '15', '30', '45'])}`,
    () => `thx!!! ${rng.pick(EMOJI)}${rng.pick(EMOJI)}`,
    () => `@${f.internet.username()} ${f.lorem.words(rng.int(3, 9))}?`,
    () => `${f.lorem.paragraph()}`,
    () => `${f.book.title()} by ${f.book.author()}`,
    () => `${f.music.songName()} – ${f.music.artist()}`,
    () => `${f.food.dish()} recipe without ${f.food.ingredient()}`,
  ];
  return rng.pick(templates)();
}

/** Picks a kind with weights tuned so that no single trick dominates. */
export function pickFreeTextKind(rng: Rng): FreeTextKind {
  return rng.weighted<FreeTextKind>([
    ['sql-words', 9],
    ['shell-words', 7],
    ['quotes', 7],
    ['math', 6],
    ['angle-brackets', 6],
    ['paths', 5],
    ['dev-forum', 8],
    ['rich-text', 6],
    ['merge-tags', 3],
    ['commerce', 9],
    ['contact', 8],
    ['markdown', 5],
    ['multilingual', 12],
    ['chat', 9],
  ]);
}

/** Maybe decorate a text the way people type: emoji, trailing punctuation, casing. */
function decorate(rng: Rng, text: string): string {
  let t = text;
  if (rng.chance(0.1)) t = `${t} ${rng.pick(EMOJI)}`;
  if (rng.chance(0.05)) t = t.toUpperCase();
  if (rng.chance(0.05)) t = `${t}!!!`;
  if (rng.chance(0.05)) t = `${t}?`;
  return t;
}

/** One benign free-text value of `kind` (or a random kind). */
export function freeText(
  rng: Rng,
  fakers: Fakers,
  kind: FreeTextKind = pickFreeTextKind(rng),
): { text: string; kind: FreeTextKind } {
  const f = fakers.any();
  let text: string;
  switch (kind) {
    case 'sql-words':
      text = rng.chance(0.5) ? sqlWordPhrase(rng) : rng.pick(SQL_WORDS);
      break;
    case 'shell-words':
      text = rng.pick(SHELL_WORDS);
      break;
    case 'quotes':
      text = rng.chance(0.4) ? `${rng.pick(QUOTES)} – ${f.person.fullName()}` : rng.pick(QUOTES);
      break;
    case 'math':
      text = rng.pick(MATH);
      break;
    case 'angle-brackets':
      text = rng.pick(ANGLE);
      break;
    case 'paths':
      text = rng.pick(PATHS);
      break;
    case 'dev-forum':
      text = rng.chance(0.35) ? rng.pick(SO_QUESTIONS)(rng) : rng.pick(DEV_FORUM);
      break;
    case 'rich-text':
      text = rng.pick(RICH_TEXT)(rng, rng.chance(0.5) ? f.lorem.sentence() : chat(rng, f));
      break;
    case 'merge-tags':
      text = rng.pick(MERGE_TAGS);
      break;
    case 'commerce':
      text = commerce(rng, f);
      break;
    case 'contact':
      text = contact(rng, f);
      break;
    case 'markdown':
      text = markdown(rng, f);
      break;
    case 'multilingual':
      text = phrase(rng);
      break;
    case 'chat':
      text = chat(rng, f);
      break;
  }
  // Mix fixed phrases with generated context so the same trick appears in many sentences.
  if (
    ['sql-words', 'shell-words', 'quotes', 'math', 'angle-brackets', 'paths'].includes(kind) &&
    rng.chance(0.45)
  ) {
    text = rng.chance(0.5) ? `${f.lorem.sentence()} ${text}` : `${text}. ${f.lorem.sentence()}`;
  }
  return { text: decorate(rng, text), kind };
}
