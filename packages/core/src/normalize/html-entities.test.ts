import { describe, expect, it } from 'vitest';
import { itHonoursTheTransformContract, run } from './contract.test-support.js';
import { decodeHtmlEntities, htmlEntities } from './html-entities.js';
import { HTML_ENTITIES, LEGACY_ENTITY_NAMES } from './html-entity-table.js';

describe('html-entities', () => {
  itHonoursTheTransformContract(htmlEntities, [
    'shoes',
    '3 < 5 && 6 > 2',
    'AT&T',
    'Tom & Jerry',
    'R&D',
    '?a=1&copy=2&lang=en',
    '&notify',
    '&timestamp=1',
    '&unknown;',
    '&#;',
    '&#x;',
    '&',
    "O'Brien",
    'Grüße',
    '😀',
  ]);

  it('decodes numeric references, with or without ;', () => {
    expect(run(htmlEntities, '&#x3C;script&#x3E;')).toBe('<script>');
    expect(decodeHtmlEntities('&#60;script&#62;')).toBe('<script>');
    expect(decodeHtmlEntities('&#0000060script&#0000062')).toBe('<script>');
    expect(decodeHtmlEntities('&#X3Csvg&#x3e')).toBe('<svg>');
    expect(decodeHtmlEntities('<a href="&#x6A;&#x61;vascript&#58;alert(1)">')).toBe(
      '<a href="javascript:alert(1)">',
    );
    expect(decodeHtmlEntities('&#128512;')).toBe('😀');
  });

  it('maps invalid numeric references like browsers', () => {
    expect(decodeHtmlEntities('&#0;')).toBe('\ufffd');
    expect(decodeHtmlEntities('&#xD800;')).toBe('\ufffd');
    expect(decodeHtmlEntities('&#x110000;')).toBe('\ufffd');
    expect(decodeHtmlEntities('&#99999999999999999999;')).toBe('\ufffd');
    expect(decodeHtmlEntities('&#150;')).toBe('–'); // Windows-1252
    expect(decodeHtmlEntities('&#x81;')).toBe('\u0081'); // unmapped C1 stays
  });

  it('decodes named references, including the evasion favourites', () => {
    expect(decodeHtmlEntities('javascript&colon;alert&lpar;1&rpar;')).toBe('javascript:alert(1)');
    expect(decodeHtmlEntities('&lt;&gt;&amp;&quot;&apos;&sol;&bsol;&grave;&equals;&plus;&excl;')).toBe(
      '<>&"\'/\\`=+!',
    );
    expect(decodeHtmlEntities('&num;&dollar;&percnt;&ast;&comma;&period;&semi;&quest;&commat;')).toBe(
      '#$%*,.;?@',
    );
    expect(
      decodeHtmlEntities(
        '&lsqb;&lbrack;&rsqb;&rbrack;&lcub;&lbrace;&rcub;&rbrace;&verbar;&vert;&Hat;&lowbar;',
      ),
    ).toBe('[[]]{{}}||^_');
    expect(decodeHtmlEntities('a&Tab;b&NewLine;c&nbsp;d')).toBe('a\tb\nc\u00a0d');
    expect(decodeHtmlEntities('&hyphen;&dash;')).toBe('\u2010\u2010');
  });

  it('decodes Latin-1, typography and Greek', () => {
    expect(decodeHtmlEntities('caf&eacute; &copy; &reg; &Uuml;&szlig;&yuml;')).toBe('café © ® Üßÿ');
    expect(decodeHtmlEntities('&hellip;&mdash;&ndash;&lsquo;&rsquo;&ldquo;&rdquo;&bull;&euro;&trade;')).toBe(
      '…—–‘’“”•€™',
    );
    expect(decodeHtmlEntities('&alpha;&Omega;&sigmaf;&pi;')).toBe('αΩςπ');
  });

  it('matches names case-insensitively as a fallback', () => {
    expect(decodeHtmlEntities('&LT;&Lt;&lT;&GT;')).toBe('<<<>');
    expect(decodeHtmlEntities('&AMP;&QuOt;&COLON;')).toBe('&":');
    expect(decodeHtmlEntities('&Eacute;&eacute;&EACUTE;')).toBe('Ééé');
  });

  it('decodes legacy names without ; only where browsers would', () => {
    expect(decodeHtmlEntities('&lt &gt &amp &quot &copy 2024')).toBe('< > & " © 2024');
    expect(decodeHtmlEntities('&ltscript&gt')).toBe('<script>');
    expect(decodeHtmlEntities('&LTscript&GT')).toBe('<script>');
    expect(decodeHtmlEntities('a=1&copy=2')).toBe('a=1&copy=2');
    expect(decodeHtmlEntities('&copyright &notit; &amplifier')).toBe('&copyright &notit; &amplifier');
    expect(decodeHtmlEntities('&colon')).toBe('&colon'); // not a legacy name: needs ;
  });

  it('decodes nested references in one pass', () => {
    expect(decodeHtmlEntities('&amp;lt;script&amp;gt;')).toBe('<script>');
    expect(decodeHtmlEntities('&#x26;#x3C;')).toBe('<');
    expect(decodeHtmlEntities('&amp;amp;amp;lt;')).toBe('<');
    expect(decodeHtmlEntities('&amp;&amp;')).toBe('&&');
    expect(decodeHtmlEntities('&amp;')).toBe('&');
  });

  it('keeps benign text readable', () => {
    expect(decodeHtmlEntities('3 < 5 && 6 > 2')).toBe('3 < 5 && 6 > 2');
    expect(decodeHtmlEntities('Fish &amp; Chips')).toBe('Fish & Chips');
    expect(decodeHtmlEntities('O&#39;Brien')).toBe("O'Brien");
  });

  it('has a consistent table', () => {
    expect(HTML_ENTITIES.get('nbsp')).toBe('\u00a0');
    expect(HTML_ENTITIES.get('yuml')).toBe('\u00ff');
    expect(HTML_ENTITIES.get('Omega')).toBe('\u03a9');
    expect(HTML_ENTITIES.get('omega')).toBe('\u03c9');
    for (const name of LEGACY_ENTITY_NAMES) expect(HTML_ENTITIES.has(name), name).toBe(true);
    for (const name of HTML_ENTITIES.keys()) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
  });
});
