import type { Rng } from '../rng.js';

/**
 * Old and unusual but real browser User-Agents, built combinatorially over versions, platforms and
 * tokens: Internet Explorer 6–11 with their `.NET CLR`/`SLCC2`/`InfoPath` token lists, legacy Edge,
 * old Firefox/Chrome/Safari, Opera Presto and Mini, old Android WebKit, iOS in-app browsers
 * (`[FBAN/FBIOS;…;FBCR/AT&T;…]`), BlackBerry, Symbian, text browsers, consoles and TVs. The
 * `user-agents` package only knows current browsers; real logs are full of these, and their
 * `;`, `(`, `)`, `+` and `&` are not command syntax.
 */

const LOCALES = [
  'en-US',
  'en-us',
  'en-GB',
  'en',
  'de',
  'de-DE',
  'fr',
  'fr-FR',
  'ru',
  'ru-RU',
  'es-ES',
  'it-IT',
  'pt-BR',
  'ja-JP',
  'zh-CN',
  'zh-TW',
  'pl',
  'nl',
  'tr',
  'ko-KR',
  'sv-SE',
  'uk',
] as const;

const IE_TOKENS = [
  'SLCC1',
  'SLCC2',
  '.NET CLR 1.1.4322',
  '.NET CLR 2.0.50727',
  '.NET CLR 3.0.04506',
  '.NET CLR 3.0.30729',
  '.NET CLR 3.5.30729',
  'Media Center PC 5.0',
  'Media Center PC 6.0',
  '.NET4.0C',
  '.NET4.0E',
  'InfoPath.1',
  'InfoPath.2',
  'InfoPath.3',
  'Tablet PC 2.0',
  'MDDR',
  'MDDRJS',
  'MDDCJS',
  'Zune 4.0',
  'Zune 4.7',
  'BRI/1',
  'BRI/2',
  'MASP',
  'MAAU',
  'MANM',
  'MALNJS',
  'MASMJS',
  'ASU2JS',
  'LCJB',
  'HPNTDFJS',
  'H9P',
  'GTB7.5',
  'BOIE9;ENUS',
  'BOIE9;DEDE',
  'yie9',
  'McAfee',
  'MS-RTC LM 8',
  'Microsoft Outlook 14.0.7113',
  'ms-office',
  'OfficeLiveConnector.1.5',
  'OfficeLivePatch.1.3',
  'Creative AutoUpdate v1.40.02',
  'chromeframe/32.0.1700.107',
  'CMDTDF',
  'TNJB',
  'NP06',
  'EIE10;ENUSMSN',
] as const;

const NT_VERSIONS = ['5.1', '5.1', '6.0', '6.1', '6.1', '6.1', '6.2', '6.3', '10.0'] as const;

const ANDROID_DEVICES = [
  'GT-I9300',
  'GT-I9505',
  'GT-I9100',
  'GT-S5830',
  'GT-S7562',
  'GT-N7100',
  'GT-P5110',
  'SM-G900F',
  'SM-N9005',
  'SM-T210',
  'SAMSUNG-SGH-I337',
  'SCH-I535',
  'Nexus 4',
  'Nexus 5',
  'Nexus 7',
  'Nexus S',
  'HTC One',
  'HTC Sensation Z710e',
  'HTC_Desire_HD',
  'LG-D802',
  'LG-E975',
  'C6903',
  'D5803',
  'LT26i',
  'XT1068',
  'XT1032',
  'HUAWEI P7-L10',
  'HUAWEI G610-U20',
  'Lenovo A536',
  'MI 3W',
  'HM NOTE 1W',
  'ZTE_U795',
  'KFTHWI',
  'KFTT',
  'Kindle Fire',
  'ASUS_T00J',
  'ME173X',
  'A0001',
] as const;

const IPHONE_MODELS = ['iPhone', 'iPhone', 'iPhone', 'iPad', 'iPad', 'iPod touch'] as const;

const v = (rng: Rng, lo: number, hi: number): number => rng.int(lo, hi);
const pick = <T>(rng: Rng, items: readonly T[]): T => rng.pick(items);

function ieTokens(rng: Rng, min: number, max: number): string {
  const n = rng.int(min, max);
  return rng
    .sample(IE_TOKENS, n)
    .map((t) => `; ${t}`)
    .join('');
}

function arch(rng: Rng): string {
  return rng.weighted<string>([
    ['', 4],
    ['; WOW64', 4],
    ['; Win64; x64', 2],
  ]);
}

function androidBuild(rng: Rng): string {
  return `${pick(rng, ['J', 'K', 'L', 'I', 'G', 'M'])}${pick(rng, ['ZO', 'OT', 'RX', 'SS', 'MM', 'RJ', 'TU', 'DQ', 'WR', 'MR', 'LS', 'ML'])}${v(rng, 10, 99)}${pick(rng, ['K', 'H', 'C', 'J', 'D', 'P', 'G', 'Y', 'E', 'I'])}`;
}

function iosVersion(rng: Rng, lo = 4, hi = 11): string {
  const major = v(rng, lo, hi);
  return `${major}_${v(rng, 0, 4)}${rng.chance(0.4) ? `_${v(rng, 1, 5)}` : ''}`;
}

function iosBuild(rng: Rng): string {
  return `${v(rng, 8, 15)}${pick(rng, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'])}${v(rng, 4, 600)}${rng.chance(0.2) ? pick(rng, ['a', 'b', 'c']) : ''}`;
}

function webkit(rng: Rng): string {
  return `${pick(rng, ['533', '534', '536', '537', '600', '601', '602', '603', '604', '605'])}.${v(rng, 1, 78)}.${v(rng, 1, 30)}`;
}

function chromeVersion(rng: Rng, lo: number, hi: number): string {
  return `${v(rng, lo, hi)}.0.${v(rng, 1000, 3500)}.${v(rng, 0, 200)}`;
}

function firefoxPlatform(rng: Rng): string {
  return rng.weighted<string>([
    [`Windows NT ${pick(rng, NT_VERSIONS)}${arch(rng)}`, 6],
    [`Macintosh; Intel Mac OS X 10.${v(rng, 5, 13)}`, 3],
    ['X11; Linux x86_64', 2],
    ['X11; Ubuntu; Linux x86_64', 2],
    ['X11; Linux i686', 1],
    [`X11; ${pick(rng, ['FreeBSD', 'OpenBSD', 'NetBSD'])} amd64`, 0.5],
    [`Android ${v(rng, 4, 7)}.${v(rng, 0, 4)}; Mobile`, 1],
    [`Android ${v(rng, 4, 7)}.${v(rng, 0, 4)}; Tablet`, 0.3],
    ['Mobile', 0.2],
  ]);
}

function chromePlatform(rng: Rng): string {
  return rng.weighted<string>([
    [`Windows NT ${pick(rng, NT_VERSIONS)}${arch(rng)}`, 6],
    [`Macintosh; Intel Mac OS X 10_${v(rng, 6, 13)}_${v(rng, 0, 8)}`, 3],
    ['X11; Linux x86_64', 2],
    ['X11; Linux i686', 0.5],
    [`X11; CrOS x86_64 ${v(rng, 5000, 11000)}.${v(rng, 0, 120)}.${v(rng, 0, 9)}`, 0.5],
    ['X11; Ubuntu; Linux x86_64', 0.5],
  ]);
}

/** Every family, with a realistic-ish weight for a log of a few years ago. */
const FAMILIES: ReadonlyArray<readonly [(rng: Rng) => string, number]> = [
  // Internet Explorer 7–10 (compatibility-mode tokens included).
  [
    (rng) => {
      const ie = v(rng, 7, 10);
      const trident =
        ie === 7
          ? pick(rng, ['', '; Trident/4.0', '; Trident/5.0', '; Trident/6.0', '; Trident/7.0'])
          : `; Trident/${ie - 4}.0`;
      return `Mozilla/${ie >= 9 && rng.chance(0.6) ? '5.0' : '4.0'} (compatible; MSIE ${ie}.0; Windows NT ${pick(rng, NT_VERSIONS.slice(0, 8))}${arch(rng)}${trident}${ieTokens(rng, 0, 7)})`;
    },
    10,
  ],
  [
    (rng) =>
      `Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.${v(rng, 0, 2)}${rng.chance(0.6) ? '; SV1' : ''}${ieTokens(rng, 0, 3)})`,
    1,
  ],
  // Internet Explorer 11.
  [
    (rng) =>
      `Mozilla/5.0 (Windows NT ${pick(rng, ['6.1', '6.1', '6.3', '6.3', '10.0'])}${arch(rng)}; Trident/7.0${rng.chance(0.3) ? '; Touch' : ''}${ieTokens(rng, 0, 5)}; rv:11.0) like Gecko`,
    10,
  ],
  // Spoofed / odd IE strings seen in the wild.
  [
    (rng) =>
      `Mozilla/5.0 (Windows; U; MSIE ${v(rng, 7, 10)}.0; Windows NT ${pick(rng, ['5.1', '6.0', '6.1', '7.0', '9.0'])}; ${pick(rng, LOCALES)})`,
    1,
  ],
  [
    (rng) =>
      `Mozilla/5.0 (compatible; MSIE ${v(rng, 9, 10)}.0; Windows Phone ${pick(rng, ['7.5', '8.0'])}; Trident/${v(rng, 5, 6)}.0; IEMobile/${v(rng, 9, 10)}.0; ${pick(rng, ['NOKIA; Lumia 920', 'NOKIA; Lumia 520', 'HTC; Windows Phone 8X by HTC', 'SAMSUNG; SGH-i917'])})`,
    0.5,
  ],
  // Legacy Edge.
  [
    (rng) =>
      `Mozilla/5.0 (Windows NT 10.0${pick(rng, ['; Win64; x64', '; WOW64', ''])}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chromeVersion(rng, 42, 70)} Safari/537.36 Edge/${v(rng, 12, 18)}.${v(rng, 10136, 17763)}`,
    3,
  ],
  // Old Firefox, forks and Gecko rebrands.
  [
    (rng) => {
      const fx = v(rng, 4, 68);
      return `Mozilla/5.0 (${firefoxPlatform(rng)}; rv:${fx}.0) Gecko/${rng.chance(0.9) ? '20100101' : `20${v(rng, 10, 19)}${String(v(rng, 1, 12)).padStart(2, '0')}${String(v(rng, 1, 28)).padStart(2, '0')}`} Firefox/${fx}.0${rng.chance(0.1) ? `.${v(rng, 1, 3)}` : ''}`;
    },
    14,
  ],
  [
    (rng) =>
      `Mozilla/5.0 (${pick(rng, ['Windows', 'X11', 'Macintosh'])}; U; ${pick(rng, ['Windows NT 5.1', 'Windows NT 6.1', 'Linux i686', 'Linux x86_64', 'Intel Mac OS X 10.6'])}; ${pick(rng, LOCALES)}; rv:1.9.${v(rng, 0, 2)}.${v(rng, 1, 28)}) Gecko/20${v(rng, 8, 12)}${String(v(rng, 1, 12)).padStart(2, '0')}${String(v(rng, 1, 28)).padStart(2, '0')} Firefox/3.${v(rng, 0, 6)}.${v(rng, 1, 28)}${rng.chance(0.3) ? ` ( .NET CLR 3.5.30729)` : ''}`,
    2,
  ],
  [
    (rng) => {
      const fx = v(rng, 24, 60);
      return `Mozilla/5.0 (X11; Linux x86_64; rv:${fx}.0) Gecko/20100101 ${pick(rng, [`Firefox/${fx}.0 Iceweasel/${fx}.${v(rng, 0, 8)}.${v(rng, 0, 3)}`, `Firefox/${fx}.0 SeaMonkey/2.${v(rng, 20, 53)}`, `Goanna/${v(rng, 2, 4)}.${v(rng, 0, 9)} Firefox/${fx}.9 PaleMoon/${v(rng, 25, 28)}.${v(rng, 0, 9)}.${v(rng, 0, 3)}`, `Firefox/${fx}.0 Waterfox/${fx}.${v(rng, 0, 5)}`, `Thunderbird/${fx}.${v(rng, 0, 8)}.${v(rng, 0, 3)} Lightning/${v(rng, 2, 5)}.${v(rng, 0, 9)}`])}`;
    },
    1,
  ],
  // Old Chrome and Chromium-based browsers.
  [
    (rng) => {
      const old = rng.chance(0.15);
      const wk = old ? `535.${v(rng, 1, 24)}` : '537.36';
      return `Mozilla/5.0 (${chromePlatform(rng)}) AppleWebKit/${wk} (KHTML, like Gecko) Chrome/${chromeVersion(rng, old ? 14 : 27, old ? 26 : 79)} Safari/${wk}`;
    },
    14,
  ],
  [
    (rng) =>
      `Mozilla/5.0 (${chromePlatform(rng)}) AppleWebKit/537.36 (KHTML, like Gecko) ${pick(rng, [`Ubuntu Chromium/${chromeVersion(rng, 28, 80)} Chrome/${chromeVersion(rng, 28, 80)}`, `Chrome/${chromeVersion(rng, 28, 80)}`])} Safari/537.36${pick(
        rng,
        [
          ` OPR/${v(rng, 15, 65)}.0.${v(rng, 1000, 3500)}.${v(rng, 0, 200)}`,
          ` YaBrowser/${v(rng, 14, 20)}.${v(rng, 1, 12)}.${v(rng, 1000, 3000)}.${v(rng, 0, 30000)}`,
          ` Vivaldi/${v(rng, 1, 2)}.${v(rng, 0, 9)}.${v(rng, 100, 1500)}.${v(rng, 0, 50)}`,
          ` Maxthon/${v(rng, 4, 5)}.${v(rng, 0, 9)}.${v(rng, 0, 9)}.${v(rng, 1000, 4000)}`,
          ` QQBrowser/${v(rng, 8, 10)}.${v(rng, 0, 9)}.${v(rng, 1000, 4000)}.${v(rng, 100, 999)}`,
          ` SE 2.X MetaSr 1.0`,
          ` Iron/${v(rng, 30, 60)}.0.${v(rng, 1000, 3000)}.0`,
          '',
        ],
      )}`,
    3,
  ],
  // Old desktop Safari.
  [
    (rng) => {
      const wk = webkit(rng);
      return `Mozilla/5.0 (Macintosh; ${rng.chance(0.1) ? 'U; ' : ''}Intel Mac OS X 10_${v(rng, 6, 12)}_${v(rng, 0, 8)}${rng.chance(0.1) ? `; ${pick(rng, LOCALES)}` : ''}) AppleWebKit/${wk} (KHTML, like Gecko) Version/${v(rng, 5, 11)}.${v(rng, 0, 1)}${rng.chance(0.5) ? `.${v(rng, 1, 9)}` : ''} Safari/${wk}`;
    },
    6,
  ],
  // Old iOS Safari, Chrome/Firefox for iOS, in-app browsers.
  [
    (rng) => {
      const model = pick(rng, IPHONE_MODELS);
      const os = iosVersion(rng);
      const wk = webkit(rng);
      const cpu = model === 'iPad' ? `CPU OS ${os}` : `CPU iPhone OS ${os}`;
      return `Mozilla/5.0 (${model}; ${cpu} like Mac OS X) AppleWebKit/${wk} (KHTML, like Gecko) ${rng.weighted<string>(
        [
          [`Version/${os.split('_')[0]}.0 Mobile/${iosBuild(rng)} Safari/${webkit(rng)}`, 6],
          [`CriOS/${chromeVersion(rng, 30, 70)} Mobile/${iosBuild(rng)} Safari/${wk}`, 2],
          [
            `FxiOS/${v(rng, 1, 12)}.${v(rng, 0, 9)}b${v(rng, 100, 9999)} Mobile/${iosBuild(rng)} Safari/${wk}`,
            0.5,
          ],
          [
            `Mobile/${iosBuild(rng)} [FBAN/FBIOS;FBAV/${v(rng, 20, 150)}.0.0.${v(rng, 10, 60)}.${v(rng, 10, 99)};FBBV/${v(rng, 1000000, 99999999)};FBDV/iPhone${v(rng, 5, 10)},${v(rng, 1, 4)};FBMD/iPhone;FBSN/iPhone OS;FBSV/${os.replace(/_/g, '.')};FBSS/${v(rng, 2, 3)};FBCR/${pick(rng, ['AT&T', 'Verizon', 'T-Mobile', 'Sprint', 'O2-UK', 'Vodafone', 'Telekom.de', 'Orange F', 'MTS RUS', ''])};FBID/phone;FBLC/${pick(rng, ['en_US', 'en_GB', 'de_DE', 'fr_FR', 'es_LA', 'ru_RU'])};FBOP/5]`,
            1,
          ],
          [`Mobile/${iosBuild(rng)} Twitter for ${model === 'iPad' ? 'iPad' : 'iPhone'}`, 0.3],
          [`Mobile/${iosBuild(rng)} [LinkedInApp]`, 0.2],
          [`Mobile/${iosBuild(rng)}`, 0.5],
        ],
      )}`;
    },
    8,
  ],
  // Old Android stock browser and old Chrome for Android.
  [
    (rng) => {
      const wk = pick(rng, ['533.1', '534.30', '534.30', '534.13', '537.36']);
      return `Mozilla/5.0 (Linux; U; Android ${v(rng, 2, 4)}.${v(rng, 0, 4)}${rng.chance(0.6) ? `.${v(rng, 1, 4)}` : ''}; ${pick(rng, LOCALES).toLowerCase()}; ${pick(rng, ANDROID_DEVICES)} Build/${androidBuild(rng)}) AppleWebKit/${wk} (KHTML, like Gecko) Version/4.0${rng.chance(0.1) ? ` UCBrowser/${v(rng, 9, 11)}.${v(rng, 0, 9)}.${v(rng, 0, 9)}.${v(rng, 100, 999)} U3/0.8.0` : ''} ${rng.chance(0.85) ? 'Mobile ' : ''}Safari/${wk}`;
    },
    5,
  ],
  [
    (rng) =>
      `Mozilla/5.0 (Linux; Android ${v(rng, 4, 7)}.${v(rng, 0, 4)}${rng.chance(0.5) ? `.${v(rng, 1, 4)}` : ''}; ${rng.chance(0.3) ? 'SAMSUNG ' : ''}${pick(rng, ANDROID_DEVICES)} Build/${androidBuild(rng)}${rng.chance(0.2) ? '; wv' : ''}) AppleWebKit/537.36 (KHTML, like Gecko) ${rng.weighted<string>(
        [
          [`Chrome/${chromeVersion(rng, 30, 70)} Mobile Safari/537.36`, 6],
          [
            `SamsungBrowser/${v(rng, 2, 7)}.${v(rng, 0, 4)} Chrome/${chromeVersion(rng, 38, 60)} Mobile Safari/537.36`,
            1.5,
          ],
          [`Version/4.0 Chrome/${chromeVersion(rng, 30, 70)} Mobile Safari/537.36`, 1],
          [
            `Silk/${v(rng, 3, 60)}.${v(rng, 1, 99)} like Chrome/${chromeVersion(rng, 30, 70)} Safari/537.36`,
            0.5,
          ],
          [
            `Chrome/${chromeVersion(rng, 30, 70)} Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/${v(rng, 20, 200)}.0.0.${v(rng, 10, 60)}.${v(rng, 10, 200)};]`,
            0.5,
          ],
        ],
      )}`,
    6,
  ],
  // Opera Presto, Opera Mini and Mobile.
  [
    (rng) =>
      `Opera/9.80 (${pick(rng, ['Windows NT 5.1', 'Windows NT 6.1', 'Windows NT 6.1; WOW64', 'Windows NT 6.2', 'X11; Linux x86_64', 'X11; Linux i686', 'Macintosh; Intel Mac OS X 10.6.8', 'Macintosh; Intel Mac OS X 10.8.5'])}; U; ${pick(rng, ['en', 'ru', 'de', 'pl', 'uk', 'Edition Yx', 'Edition Campaign 21'])}) Presto/2.${v(rng, 2, 12)}.${v(rng, 100, 400)} Version/${v(rng, 10, 12)}.${String(v(rng, 0, 18)).padStart(2, '0')}`,
    3,
  ],
  [
    (rng) =>
      `Opera/9.80 (${pick(rng, ['Android', 'J2ME/MIDP', 'BlackBerry', 'iPhone', 'Series 60'])}; Opera Mini/${v(rng, 4, 8)}.${v(rng, 0, 5)}.${v(rng, 0, 40000)}/${v(rng, 20, 191)}.${v(rng, 200, 300)}; U; ${pick(rng, ['en', 'ru', 'id', 'es', 'pt', 'uk'])}) Presto/2.${v(rng, 5, 12)}.${v(rng, 100, 900)} Version/1${v(rng, 0, 2)}.${String(v(rng, 0, 99)).padStart(2, '0')}`,
    2,
  ],
  [
    (rng) =>
      `Opera/9.${v(rng, 20, 80)} (${pick(rng, ['Windows NT 5.1', 'Windows NT 6.0', 'X11; Linux i686'])}; U; ${pick(rng, ['en', 'ru', 'de'])})${rng.chance(0.5) ? ` Presto/2.${v(rng, 1, 2)}.${v(rng, 1, 15)} Version/10.${String(v(rng, 0, 99)).padStart(2, '0')}` : ''}`,
    0.5,
  ],
  // BlackBerry, Symbian, Series 40, J2ME.
  [
    (rng) =>
      rng.weighted<string>([
        [
          `BlackBerry${pick(rng, ['8520', '8900', '9300', '9700', '9780', '9800', '9810'])}/${v(rng, 4, 7)}.${v(rng, 0, 1)}.0.${v(rng, 100, 999)} Profile/MIDP-2.1 Configuration/CLDC-1.1 VendorID/${v(rng, 100, 700)}`,
          2,
        ],
        [
          `Mozilla/5.0 (BlackBerry; U; BlackBerry ${pick(rng, ['9900', '9860', '9780'])}; ${pick(rng, LOCALES).toLowerCase()}) AppleWebKit/534.${v(rng, 1, 11)}+ (KHTML, like Gecko) Version/7.${v(rng, 0, 1)}.0.${v(rng, 100, 999)} Mobile Safari/534.${v(rng, 1, 11)}+`,
          2,
        ],
        [
          `Mozilla/5.0 (BB10; ${pick(rng, ['Touch', 'Kbd'])}) AppleWebKit/537.${v(rng, 10, 35)}+ (KHTML, like Gecko) Version/10.${v(rng, 0, 3)}.${v(rng, 0, 3)}.${v(rng, 1000, 3000)} Mobile Safari/537.${v(rng, 10, 35)}+`,
          2,
        ],
        [
          `Mozilla/5.0 (Symbian/3; Series60/5.${v(rng, 2, 5)} Nokia${pick(rng, ['N8-00', 'E7-00', 'C7-00', '701', '808 PureView'])}/${v(rng, 10, 113)}.${String(v(rng, 0, 99)).padStart(3, '0')}.${String(v(rng, 0, 99)).padStart(3, '0')}; Profile/MIDP-2.1 Configuration/CLDC-1.1 ) AppleWebKit/${v(rng, 525, 535)}.${v(rng, 1, 4)} (KHTML, like Gecko) NokiaBrowser/${v(rng, 7, 8)}.${v(rng, 0, 5)}.${v(rng, 0, 9)} Mobile Safari/${v(rng, 525, 535)}.${v(rng, 1, 4)} 3gpp-gba`,
          2,
        ],
        [
          `Nokia${pick(rng, ['C3-00', '2700c-2', '6300', 'X2-01', 'N70-1'])}/${v(rng, 5, 8)}.${v(rng, 0, 99)} (${v(rng, 1, 9)}.${v(rng, 0, 99)}) Profile/MIDP-2.1 Configuration/CLDC-1.1${rng.chance(0.5) ? ' UCWEB/2.0 (Java; U; MIDP-2.0; en-US)' : ''}`,
          1,
        ],
        [
          `Mozilla/5.0 (Series40; Nokia${pick(rng, ['501', '311', 'X3-02', 'Asha302'])}/${v(rng, 10, 14)}.${v(rng, 0, 9)}.${v(rng, 0, 9)}; Profile/MIDP-2.1 Configuration/CLDC-1.1) Gecko/20100401 S40OviBrowser/${v(rng, 2, 5)}.${v(rng, 0, 9)}.${v(rng, 0, 9)}.${v(rng, 1, 99)}`,
          1,
        ],
        [
          `SAMSUNG-GT-${pick(rng, ['S5230', 'E2652', 'C3322'])}/1.0 Profile/MIDP-2.0 Configuration/CLDC-1.1 UP.Browser/6.2.3.3.c.1.101 (GUI) MMP/2.0`,
          0.5,
        ],
      ]),
    2,
  ],
  // Text browsers, KDE/GNOME browsers, consoles, TVs, e-readers.
  [
    (rng) =>
      rng.weighted<string>([
        [
          `Lynx/2.8.${v(rng, 6, 9)}rel.${v(rng, 1, 4)} libwww-FM/2.14 SSL-MM/1.4.1 ${pick(rng, ['OpenSSL', 'GNUTLS'])}/${pick(rng, ['0.9.8k', '1.0.1e', '1.0.1t', '1.0.2g', '3.4.10', '1.1.1f'])}`,
          2,
        ],
        [
          `Links (2.${v(rng, 1, 25)}; Linux ${v(rng, 2, 5)}.${v(rng, 0, 19)}.${v(rng, 0, 99)}-${v(rng, 1, 80)}-${pick(rng, ['amd64', 'generic', 'ARCH', 'pae'])} ${pick(rng, ['x86_64', 'i686', 'armv7l'])}; ${pick(rng, ['GNU C 4.7.2', 'GNU C 4.9.2', 'GNU C 6.3', 'GNU C 9.2'])}; text)`,
          1,
        ],
        [
          `ELinks/0.${v(rng, 11, 13)}${rng.chance(0.5) ? 'pre6' : `.${v(rng, 1, 9)}`} (textmode; ${pick(rng, ['Linux', 'FreeBSD 10.1-RELEASE amd64', 'CYGWIN_NT-6.1'])}; ${pick(rng, ['80x24', '160x48', '237x61'])}-${v(rng, 1, 3)})`,
          1,
        ],
        [
          `w3m/0.5.${v(rng, 1, 3)}${rng.chance(0.3) ? `+git${v(rng, 2015, 2023)}${String(v(rng, 1, 12)).padStart(2, '0')}${String(v(rng, 1, 28)).padStart(2, '0')}` : ''}`,
          1,
        ],
        [
          `Mozilla/5.0 (X11; Linux) KHTML/4.${v(rng, 8, 14)}.${v(rng, 0, 9)} (like Gecko) Konqueror/4.${v(rng, 8, 14)}${rng.chance(0.5) ? ` Fedora/4.${v(rng, 8, 14)}.${v(rng, 0, 9)}-${v(rng, 1, 4)}.fc${v(rng, 17, 22)}` : ''}`,
          1,
        ],
        [
          `Mozilla/5.0 (X11; ${pick(rng, ['Linux x86_64', 'U; Linux i686; en-us'])}) AppleWebKit/${v(rng, 531, 605)}.${v(rng, 1, 36)}${rng.chance(0.3) ? '+' : ''} (KHTML, like Gecko) ${pick(rng, [`Version/${v(rng, 5, 13)}.0 Safari/${v(rng, 531, 605)}.${v(rng, 1, 36)} Midori/0.${v(rng, 4, 5)}`, `Epiphany/${v(rng, 2, 3)}.${v(rng, 6, 38)}.${v(rng, 0, 9)}`, `Chrome/${chromeVersion(rng, 30, 60)} Safari/537.36 QupZilla/${v(rng, 1, 2)}.${v(rng, 0, 9)}.${v(rng, 0, 9)}`, `Version/8.0 Safari/538.15 Web/${v(rng, 3, 4)}.${v(rng, 10, 30)}`])}`,
          1,
        ],
        [
          `Mozilla/5.0 (PlayStation ${pick(rng, ['4', 'Vita'])} ${v(rng, 1, 5)}.${String(v(rng, 0, 99)).padStart(2, '0')}) AppleWebKit/${pick(rng, ['536.26', '537.73', '531.22.8'])} (KHTML, like Gecko)${rng.chance(0.5) ? ` Silk/3.2` : ''}`,
          0.5,
        ],
        [
          `Mozilla/5.0 (Nintendo ${pick(rng, ['3DS; U; ; en', 'WiiU', 'Switch; WifiWebAuthApplet'])}) ${pick(rng, [`Version/1.${v(rng, 7000, 7700)}.US`, `AppleWebKit/536.30 (KHTML, like Gecko) NX/3.0.4.2.${v(rng, 1, 12)} NintendoBrowser/4.${v(rng, 0, 3)}.${v(rng, 0, 9)}.${v(rng, 1000, 9999)}.US`])}`,
          0.3,
        ],
        [
          `Mozilla/5.0 (SMART-TV; ${pick(rng, ['Linux; Tizen 2.3', 'Linux; Tizen 2.4.0', 'X11; Linux armv7l'])}) AppleWebkit/${pick(rng, ['538.1', '537.42'])} (KHTML, like Gecko) ${pick(rng, ['SamsungBrowser/1.1 TV Safari/538.1', 'Version/2.3 TV Safari/538.1', 'Large Screen Safari/537.42 Bravia'])}`,
          0.3,
        ],
        [
          `Mozilla/5.0 (X11; Linux armv7l) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chromeVersion(rng, 40, 70)} Safari/537.36 CrKey/1.${v(rng, 10, 40)}.${v(rng, 10000, 99999)}`,
          0.3,
        ],
        [
          `Mozilla/5.0 (X11; U; Linux armv7l like Android; ${pick(rng, LOCALES).toLowerCase()}) AppleWebKit/533.2+ (KHTML, like Gecko) Version/5.0 Safari/533.2+ Kindle/3.0+`,
          0.3,
        ],
      ]),
    1.5,
  ],
];

/** One legacy or unusual browser User-Agent. */
export function legacyBrowserUserAgent(rng: Rng): string {
  return rng.weighted(FAMILIES)(rng);
}
