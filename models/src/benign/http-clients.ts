import type { Rng } from '../rng.js';
import { hex } from './tokens.js';

/**
 * User-Agents of command-line tools, HTTP libraries and package managers, over a decade of versions
 * and in their verbose forms (`curl/7.19.7 (x86_64-redhat-linux-gnu) libcurl/7.19.7 NSS/3.13.1.0
 * zlib/1.2.3`, `python-requests/2.2.1 CPython/2.7.6 Linux/3.13.0-24-generic`, Docker's
 * `UpstreamClient(Docker-Client/… \(linux\))`, pip's JSON). Their names are the same words command
 * injection uses (`curl`, `wget`, `python`, `perl`): here they are just clients.
 */

const v = (rng: Rng, lo: number, hi: number): number => rng.int(lo, hi);

function linuxKernel(rng: Rng): string {
  return `${v(rng, 2, 6)}.${v(rng, 0, 19)}.${v(rng, 0, 99)}${rng.pick(['-generic', '-amd64', '', '-1-ARCH', `-${v(rng, 100, 999)}.el7.x86_64`, '-aws', '-microsoft-standard-WSL2'])}`;
}

function curlVersion(rng: Rng): string {
  return rng.chance(0.6) ? `7.${v(rng, 15, 88)}.${v(rng, 0, 1)}` : `8.${v(rng, 0, 11)}.${v(rng, 0, 1)}`;
}

function openssl(rng: Rng): string {
  return rng.weighted<string>([
    [`OpenSSL/0.9.8${rng.pick(['e', 'k', 'r', 'y', 'zh'])}`, 1],
    [`OpenSSL/1.0.${v(rng, 0, 2)}${rng.pick(['e', 'f', 'g', 'k', 'n', 'u'])}`, 3],
    [`OpenSSL/1.1.1${rng.pick(['', 'f', 'k', 'n', 'w'])}`, 2],
    [`OpenSSL/3.0.${v(rng, 2, 13)}`, 2],
    [`NSS/3.${v(rng, 12, 90)}${rng.chance(0.5) ? '.0' : ''}`, 1],
    [`GnuTLS/3.${v(rng, 4, 8)}.${v(rng, 0, 9)}`, 1],
    ['SecureTransport', 1],
    ['Schannel', 0.5],
    [`LibreSSL/${v(rng, 2, 3)}.${v(rng, 0, 8)}.${v(rng, 0, 3)}`, 0.5],
  ]);
}

function python(rng: Rng): string {
  return rng.chance(0.35) ? `2.${v(rng, 6, 7)}.${v(rng, 0, 18)}` : `3.${v(rng, 3, 12)}.${v(rng, 0, 12)}`;
}

function java(rng: Rng): string {
  return rng.chance(0.5) ? `1.${v(rng, 6, 8)}.0_${v(rng, 11, 392)}` : `${v(rng, 9, 21)}.0.${v(rng, 1, 22)}`;
}

function osPlatform(rng: Rng): string {
  return rng.weighted<string>([
    [`Linux/${linuxKernel(rng)}`, 4],
    [`Darwin/${v(rng, 11, 23)}.${v(rng, 0, 6)}.0`, 2],
    [`Windows/${rng.pick(['7', '8', '8.1', '10', '2012ServerR2'])}`, 1],
  ]);
}

const CLIENTS: ReadonlyArray<readonly [(rng: Rng) => string, number]> = [
  // curl
  [(rng) => `curl/${curlVersion(rng)}`, 10],
  [
    (rng) => {
      const c = `7.${v(rng, 15, 40)}.${v(rng, 0, 1)}`;
      return `curl/${c} (${rng.pick(['x86_64-redhat-linux-gnu', 'x86_64-pc-linux-gnu', 'i486-pc-linux-gnu', 'i686-pc-linux-gnu', 'x86_64-unknown-linux-gnu', `x86_64-apple-darwin${v(rng, 10, 14)}.0`, `universal-apple-darwin${v(rng, 10, 12)}.0`, 'i386-pc-win32', 'amd64-portbld-freebsd10.1'])}) libcurl/${c} ${openssl(rng)} zlib/1.2.${v(rng, 3, 11)}${rng.chance(0.5) ? ` libidn/1.${v(rng, 15, 33)}` : ''}${rng.chance(0.3) ? ` libssh2/1.${v(rng, 2, 9)}.${v(rng, 0, 2)}` : ''}${rng.chance(0.2) ? ` librtmp/2.3` : ''}`;
    },
    3,
  ],
  // wget
  [
    (rng) =>
      `Wget/1.${v(rng, 10, 21)}${rng.chance(0.5) ? `.${v(rng, 1, 4)}` : ''}${rng.chance(0.6) ? ` (${rng.pick(['linux-gnu', 'linux-gnu', `darwin${v(rng, 10, 22)}.${v(rng, 0, 6)}.0`, 'cygwin', 'mingw32', `freebsd${v(rng, 8, 13)}.${v(rng, 0, 3)}`, 'openbsd', 'red hat modified'])})` : ''}`,
    6,
  ],
  // Python
  [
    (rng) =>
      `python-requests/${rng.weighted<string>([
        [`0.${v(rng, 10, 14)}.${v(rng, 0, 2)}`, 1],
        [`1.${v(rng, 0, 2)}.${v(rng, 0, 3)}`, 1],
        [`2.${v(rng, 0, 32)}.${v(rng, 0, 3)}`, 8],
      ])}`,
    7,
  ],
  [(rng) => `python-requests/2.${v(rng, 0, 8)}.${v(rng, 0, 3)} CPython/${python(rng)} ${osPlatform(rng)}`, 2],
  [(rng) => `Python-urllib/${rng.pick(['2.6', '2.7', '2.7', `3.${v(rng, 3, 12)}`])}`, 3],
  [
    (rng) =>
      `Python/${python(rng).replace(/\.\d+$/, '')} aiohttp/${v(rng, 1, 3)}.${v(rng, 0, 9)}.${v(rng, 0, 5)}`,
    1,
  ],
  [(rng) => `python-httpx/0.${v(rng, 13, 28)}.${v(rng, 0, 3)}`, 1],
  [(rng) => `python-urllib3/1.${v(rng, 20, 26)}.${v(rng, 0, 18)}`, 0.5],
  [
    (rng) =>
      `PycURL/7.${v(rng, 19, 45)}.${v(rng, 0, 5)} libcurl/${curlVersion(rng)} ${openssl(rng)} zlib/1.2.${v(rng, 3, 11)}`,
    0.5,
  ],
  [
    (rng) =>
      `Scrapy/${rng.pick(['0.24.6', '1.0.3', '1.5.1', '2.5.0', '2.11.2'])} (+${rng.pick(['http://scrapy.org', 'https://scrapy.org'])})`,
    1,
  ],
  [(rng) => `HTTPie/${rng.pick(['0.9.2', '0.9.9', '1.0.3', '2.4.0', '3.2.2'])}`, 0.5],
  [
    (rng) =>
      `Python/${python(rng)} ${rng.pick(['websockets/10.4', 'httplib2/0.9.2', 'feedparser/5.2.1', 'twisted/16.0.0'])}`,
    0.3,
  ],
  [
    (rng) =>
      `pip/${rng.pick(['1.5.6', '8.1.1', '9.0.1', '20.0.2', '22.0.2', '23.2.1', '24.0'])} {"ci":null,"cpu":"x86_64","distro":{"id":"${rng.pick(['jammy', 'focal', 'bookworm', 'bullseye'])}","libc":{"lib":"glibc","version":"2.${v(rng, 28, 37)}"},"name":"${rng.pick(['Ubuntu', 'Debian GNU/Linux'])}","version":"${rng.pick(['22.04', '20.04', '12', '11'])}"},"implementation":{"name":"CPython","version":"${python(rng)}"},"installer":{"name":"pip","version":"23.2.1"},"openssl_version":"OpenSSL 3.0.2 15 Mar 2022","python":"${python(rng)}","setuptools_version":"${v(rng, 44, 69)}.0.0","system":{"name":"Linux","release":"${linuxKernel(rng)}"}}`,
    0.5,
  ],
  // Go
  [
    (rng) =>
      rng.pick([
        'Go-http-client/1.1',
        'Go-http-client/1.1',
        'Go-http-client/2.0',
        'Go 1.1 package http',
        'Go http package',
      ]),
    5,
  ],
  // Java
  [(rng) => `Java/${java(rng)}`, 4],
  [
    (rng) =>
      `Apache-HttpClient/4.${v(rng, 0, 5)}.${v(rng, 1, 14)} (${rng.chance(0.4) ? 'java 1.5' : `Java/${java(rng)}`})`,
    3,
  ],
  [
    (rng) =>
      `Apache-HttpClient/5.${v(rng, 0, 3)}.${v(rng, 0, 4)} (Java/${v(rng, 11, 21)}.0.${v(rng, 1, 22)})`,
    0.7,
  ],
  [(rng) => `Apache-HttpAsyncClient/4.1.${v(rng, 0, 5)} (Java/${java(rng)})`, 0.3],
  [(rng) => `Jakarta Commons-HttpClient/3.${v(rng, 0, 1)}`, 0.7],
  [
    (rng) =>
      `okhttp/${rng.weighted<string>([
        [`2.${v(rng, 0, 7)}.${v(rng, 0, 5)}`, 1],
        [`3.${v(rng, 0, 14)}.${v(rng, 0, 9)}`, 3],
        [`4.${v(rng, 0, 12)}.${v(rng, 0, 9)}`, 3],
      ])}`,
    3,
  ],
  [
    (rng) =>
      `Apache-Maven/3.${v(rng, 0, 9)}.${v(rng, 0, 9)} (Java ${java(rng)}; ${rng.pick(['Linux', 'Mac OS X', 'Windows 10'])} ${rng.chance(0.6) ? linuxKernel(rng) : `10.${v(rng, 9, 15)}.${v(rng, 0, 6)}`})`,
    1,
  ],
  [
    (rng) =>
      `Gradle/${v(rng, 2, 8)}.${v(rng, 0, 14)}${rng.chance(0.5) ? `.${v(rng, 1, 3)}` : ''} (Linux;${linuxKernel(rng)};amd64) (${rng.pick(['Oracle Corporation', 'Eclipse Adoptium', 'Azul Systems, Inc.'])};${java(rng)};${v(rng, 11, 25)}.${v(rng, 0, 392)}-b${String(v(rng, 1, 15)).padStart(2, '0')})`,
    0.5,
  ],
  [(rng) => `Apache Ivy/2.${v(rng, 3, 5)}.${v(rng, 0, 2)}`, 0.2],
  [(rng) => `Java-http-client/${v(rng, 11, 21)}.0.${v(rng, 1, 22)}`, 0.7],
  [(rng) => `ReactorNetty/1.${v(rng, 0, 1)}.${v(rng, 0, 40)}`, 0.3],
  [(rng) => `Jersey/2.${v(rng, 20, 41)} (HttpUrlConnection ${java(rng)})`, 0.2],
  // Node.js and browsers' fetch polyfills
  [
    (rng) =>
      `axios/${rng.chance(0.4) ? `0.${v(rng, 15, 27)}.${v(rng, 0, 2)}` : `1.${v(rng, 0, 7)}.${v(rng, 0, 9)}`}`,
    4,
  ],
  [
    (rng) =>
      rng.pick(['node-fetch/1.0 (+https://github.com/bitinn/node-fetch)', 'node-fetch', 'undici', 'node']),
    3,
  ],
  [() => 'got (https://github.com/sindresorhus/got)', 0.7],
  [(rng) => `node-superagent/${v(rng, 1, 8)}.${v(rng, 0, 9)}.${v(rng, 0, 9)}`, 0.7],
  [
    (rng) =>
      `Needle/${v(rng, 2, 3)}.${v(rng, 0, 9)}.${v(rng, 0, 9)} (Node.js v${v(rng, 8, 22)}.${v(rng, 0, 20)}.${v(rng, 0, 9)}; ${rng.pick(['linux', 'darwin', 'win32'])} x64)`,
    0.3,
  ],
  [
    (rng) =>
      `npm/${v(rng, 2, 10)}.${v(rng, 0, 20)}.${v(rng, 0, 9)} node/v${rng.chance(0.2) ? `0.${v(rng, 10, 12)}` : v(rng, 4, 22)}.${v(rng, 0, 20)}.${v(rng, 0, 9)} ${rng.pick(['linux', 'darwin', 'win32'])} x64${rng.chance(0.5) ? ` workspaces/false${rng.chance(0.5) ? ' ci/github-actions' : ''}` : ''}`,
    1,
  ],
  [(rng) => `${rng.pick(['Bun', 'Deno'])}/1.${v(rng, 0, 40)}.${v(rng, 0, 9)}`, 0.3],
  // Perl
  [
    (rng) =>
      `libwww-perl/${rng.weighted<string>([
        [`5.${v(rng, 800, 837)}`, 1],
        [`6.0${v(rng, 1, 8)}`, 2],
        [`6.${v(rng, 10, 77)}`, 2],
      ])}`,
    3,
  ],
  [
    (rng) =>
      `lwp-request/${v(rng, 5, 6)}.${String(v(rng, 0, 80)).padStart(2, '0')} libwww-perl/6.${String(v(rng, 0, 80)).padStart(2, '0')}`,
    0.5,
  ],
  [(rng) => `lwp-trivial/1.${v(rng, 35, 41)}`, 0.5],
  [(rng) => `${rng.pick(['HTTP::Tiny/0.0', 'HTTP-Tiny/0.0'])}${v(rng, 17, 90)}`, 0.5],
  [(rng) => `WWW-Mechanize/1.${v(rng, 50, 99)}`, 0.3],
  [() => 'Mojolicious (Perl)', 0.3],
  // Ruby
  [() => 'Ruby', 1],
  [
    (rng) =>
      `rest-client/${rng.pick(['1.6.7', '1.8.0', '2.0.2', '2.1.0'])} (${rng.pick(['linux-gnu x86_64', 'darwin16 x86_64', 'linux x86_64'])}) ruby/${v(rng, 1, 3)}.${v(rng, 0, 9)}.${v(rng, 0, 9)}p${v(rng, 0, 650)}`,
    0.7,
  ],
  [
    (rng) =>
      `Faraday v${rng.chance(0.5) ? `0.${v(rng, 8, 17)}` : `${v(rng, 1, 2)}.${v(rng, 0, 12)}`}.${v(rng, 0, 9)}`,
    1,
  ],
  [() => 'Typhoeus - https://github.com/typhoeus/typhoeus', 0.3],
  [
    (rng) =>
      `Mechanize/2.${v(rng, 5, 9)} Ruby/2.${v(rng, 0, 7)}.${v(rng, 0, 9)}p${v(rng, 0, 650)} (http://github.com/sparklemotion/mechanize/)`,
    0.3,
  ],
  [
    (rng) =>
      `RubyGems/${v(rng, 2, 3)}.${v(rng, 0, 5)}.${v(rng, 0, 20)} x86_64-linux Ruby/${v(rng, 2, 3)}.${v(rng, 0, 3)}.${v(rng, 0, 9)} (20${v(rng, 14, 24)}-${String(v(rng, 1, 12)).padStart(2, '0')}-${String(v(rng, 1, 28)).padStart(2, '0')} patchlevel ${v(rng, 0, 650)})`,
    0.3,
  ],
  [
    (rng) =>
      `Bundler/v${v(rng, 1, 2)}.${v(rng, 0, 17)}.${v(rng, 0, 30)} RubyGems/v${v(rng, 2, 3)}.${v(rng, 0, 5)}.${v(rng, 0, 20)} Ruby/v${v(rng, 2, 3)}.${v(rng, 0, 3)}.${v(rng, 0, 9)}(20${v(rng, 14, 24)}-${String(v(rng, 1, 12)).padStart(2, '0')}-${String(v(rng, 1, 28)).padStart(2, '0')} patchlevel ${v(rng, 0, 650)}) [x86_64-linux] options/${rng.pick(['no_install', 'jobs,retry'])} ci/travis${rng.chance(0.5) ? ' gemstash/1.0' : ''}`,
    0.2,
  ],
  // PHP and CMSes
  [(rng) => `PHP/${v(rng, 5, 8)}.${v(rng, 0, 6)}.${v(rng, 0, 40)}`, 1],
  [
    (rng) =>
      `GuzzleHttp/${v(rng, 6, 7)}${rng.chance(0.5) ? ` curl/${curlVersion(rng)} PHP/${v(rng, 7, 8)}.${v(rng, 0, 4)}.${v(rng, 0, 30)}` : ''}`,
    1,
  ],
  [
    (rng) =>
      `WordPress/${v(rng, 3, 6)}.${v(rng, 0, 9)}${rng.chance(0.5) ? `.${v(rng, 1, 9)}` : ''}; ${rng.pick(['http', 'https'])}://${rng.pick(['www.example.com', 'blog.example.net', 'example.org', 'news.example.co.uk'])}`,
    1,
  ],
  [
    (rng) =>
      `Composer/${v(rng, 1, 2)}.${v(rng, 0, 7)}.${v(rng, 0, 9)} (Linux; ${linuxKernel(rng)}; PHP ${v(rng, 5, 8)}.${v(rng, 0, 4)}.${v(rng, 0, 30)}; cURL ${curlVersion(rng)})`,
    0.3,
  ],
  [() => 'Zend_Http_Client', 0.2],
  [() => 'Drupal (+http://drupal.org/)', 0.3],
  [() => 'Symfony HttpClient/Curl', 0.2],
  // .NET / Windows / Office
  [
    (rng) =>
      `Mozilla/5.0 (Windows NT; Windows NT ${rng.pick(['6.1', '6.3', '10.0'])}; ${rng.pick(['en-US', 'de-DE', 'en-GB'])}) WindowsPowerShell/${rng.pick(['3.0', '4.0', '5.1.14393.0', '5.1.17763.316', '5.1.19041.1', '5.1.22621.2506'])}`,
    1,
  ],
  [
    (rng) => `Microsoft-WebDAV-MiniRedir/${rng.pick(['5.1.2600', '6.0.6002', '6.1.7601', '10.0.19045'])}`,
    0.5,
  ],
  [
    (rng) =>
      `Microsoft Office/${v(rng, 14, 16)}.0 (Windows NT ${rng.pick(['6.1', '10.0'])}; Microsoft ${rng.pick(['Word', 'Excel', 'Outlook', 'PowerPoint'])} ${v(rng, 14, 16)}.0.${v(rng, 4000, 17000)}; Pro)`,
    0.5,
  ],
  [(rng) => `Microsoft-CryptoAPI/${rng.pick(['6.1', '10.0'])}`, 0.3],
  [(rng) => `Microsoft BITS/7.${rng.pick(['5', '7', '8'])}`, 0.3],
  [(rng) => `RestSharp/${v(rng, 104, 110)}.${v(rng, 0, 4)}.${v(rng, 0, 9)}.0`, 0.3],
  [() => 'Microsoft URL Control - 6.01.9782', 0.1],
  [() => 'Mozilla/4.0 (compatible; Win32; WinHttp.WinHttpRequest.5)', 0.2],
  // package managers, VCS, media tools
  [
    (rng) =>
      `Debian APT-HTTP/1.3 (${rng.pick(['0.8.10.3', '0.9.7.9', '1.0.1ubuntu2', '1.0.9.8.4', '1.2.32', '1.6.12', '2.4.11'])})`,
    1,
  ],
  [(rng) => `Debian APT-CURL/1.0 (${rng.pick(['0.7.25.3', '0.8.10.3', '0.9.7.9'])})`, 0.2],
  [(rng) => `urlgrabber/3.${v(rng, 9, 10)}.${v(rng, 0, 2)} yum/3.${v(rng, 2, 4)}.${v(rng, 0, 3)}`, 0.5],
  [
    (rng) =>
      `libdnf (${rng.pick(['Fedora Linux 38', 'Fedora 32', 'Rocky Linux 9.3', 'CentOS Stream 9'])}; ${rng.pick(['server', 'workstation', 'generic'])}; Linux.x86_64)`,
    0.3,
  ],
  [
    (rng) =>
      `Homebrew/${v(rng, 1, 4)}.${v(rng, 0, 9)}.${v(rng, 0, 30)} (Macintosh; Intel Mac OS X 10.${v(rng, 11, 15)}) curl/${curlVersion(rng)}`,
    0.3,
  ],
  [(rng) => `git/${v(rng, 1, 2)}.${v(rng, 7, 44)}.${v(rng, 0, 5)}${rng.chance(0.2) ? '.windows.1' : ''}`, 1],
  [
    (rng) =>
      `JGit/${v(rng, 4, 6)}.${v(rng, 0, 9)}.${v(rng, 0, 3)}.${v(rng, 2015, 2023)}${String(v(rng, 10, 99))}`,
    0.2,
  ],
  [
    (rng) =>
      `Cargo/1.${v(rng, 30, 78)}.${v(rng, 0, 3)} (${hex(rng, 9)} 20${v(rng, 19, 24)}-${String(v(rng, 1, 12)).padStart(2, '0')}-${String(v(rng, 1, 28)).padStart(2, '0')})`,
    0.3,
  ],
  [
    (rng) =>
      `conda/${v(rng, 4, 23)}.${v(rng, 0, 12)}.${v(rng, 0, 9)} requests/2.${v(rng, 20, 31)}.0 CPython/${python(rng)} ${osPlatform(rng)}`,
    0.2,
  ],
  [
    (rng) =>
      `docker/${v(rng, 18, 26)}.${String(v(rng, 1, 12)).padStart(2, '0')}.${v(rng, 0, 9)} go/go1.${v(rng, 10, 21)}.${v(rng, 0, 9)} git-commit/${hex(rng, 7)} kernel/${linuxKernel(rng)} os/linux arch/amd64 UpstreamClient(Docker-Client/${v(rng, 18, 26)}.${String(v(rng, 1, 12)).padStart(2, '0')}.${v(rng, 0, 9)} \\(linux\\))`,
    0.3,
  ],
  [(rng) => `aria2/1.${v(rng, 15, 37)}.${v(rng, 0, 1)}`, 0.3],
  [
    (rng) =>
      `VLC/${v(rng, 2, 3)}.${v(rng, 0, 2)}.${v(rng, 0, 20)} LibVLC/${v(rng, 2, 3)}.${v(rng, 0, 2)}.${v(rng, 0, 20)}`,
    0.3,
  ],
  [(rng) => `Lavf/${v(rng, 52, 60)}.${v(rng, 1, 99)}.${v(rng, 100, 101)}`, 0.3],
  [
    (rng) =>
      `GStreamer souphttpsrc${rng.chance(0.5) ? ` ${v(rng, 1, 1)}.${v(rng, 0, 22)}.${v(rng, 0, 9)}` : ''} libsoup/2.${v(rng, 40, 74)}.${v(rng, 0, 3)}`,
    0.2,
  ],
  // benchmarks and API tools
  [(rng) => `PostmanRuntime/7.${v(rng, 1, 40)}.${v(rng, 0, 9)}`, 1],
  [(rng) => `insomnia/${v(rng, 2020, 2023)}.${v(rng, 1, 6)}.${v(rng, 0, 3)}`, 0.3],
  [() => 'ApacheBench/2.3', 0.3],
  [(rng) => `Siege/${v(rng, 3, 4)}.${v(rng, 0, 1)}.${v(rng, 0, 9)}`, 0.2],
  [(rng) => `k6/0.${v(rng, 20, 50)}.0 (https://k6.io/)`, 0.2],
  [(rng) => `Dart/${v(rng, 2, 3)}.${v(rng, 0, 19)} (dart:io)`, 0.3],
  [(rng) => `Ktor client${rng.chance(0.5) ? '' : ` ${v(rng, 1, 2)}.${v(rng, 0, 9)}.${v(rng, 0, 3)}`}`, 0.2],
  [(rng) => `Apache-CXF/3.${v(rng, 0, 6)}.${v(rng, 0, 9)}`, 0.2],
];

/** A command-line tool's, HTTP library's or package manager's User-Agent. */
export function httpClientUserAgent(rng: Rng): string {
  return rng.weighted(CLIENTS)(rng);
}
