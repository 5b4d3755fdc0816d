import type { GenContext } from './gen-context.js';
import { isoTimestamp, price } from './values.js';

/** Escapes text for an XML element or attribute. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Ordinary XML bodies (SOAP calls, order feeds, sitemaps, SAML-like posts, RSS items) so that an
 * XML body is not, by itself, evidence of XXE.
 */
export function xmlBody(ctx: GenContext): { xml: string; contentType: string } {
  const { rng } = ctx;
  const f = ctx.fakers.get('en');
  const decl = rng.chance(0.7)
    ? `<?xml version="1.0" encoding="${rng.pick(['UTF-8', 'utf-8', 'ISO-8859-1'])}"?>\n`
    : '';
  const templates: ReadonlyArray<() => { xml: string; contentType: string }> = [
    () => ({
      contentType: 'text/xml; charset=utf-8',
      xml: `${decl}<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetOrderStatus xmlns="http://example.com/orders"><OrderId>${rng.int(10000, 99999)}</OrderId><Note>${xmlEscape(ctx.text('note'))}</Note></GetOrderStatus></soap:Body></soap:Envelope>`,
    }),
    () => ({
      contentType: 'application/xml',
      xml: `${decl}<order id="${rng.int(1000, 9999)}"><customer><name>${xmlEscape(ctx.text('name'))}</name><email>${f.internet.email()}</email></customer><items><item sku="SKU-${rng.int(100, 999)}" qty="${rng.int(1, 5)}">${price(rng)}</item></items><comment>${xmlEscape(ctx.text('comment'))}</comment></order>`,
    }),
    () => ({
      contentType: 'application/xml',
      xml: `${decl}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://www.example.com/${f.lorem.slug(2)}</loc><lastmod>${isoTimestamp(rng).slice(0, 10)}</lastmod></url></urlset>`,
    }),
    () => ({
      contentType: 'application/rss+xml',
      xml: `${decl}<rss version="2.0"><channel><title>${xmlEscape(ctx.text('title'))}</title><item><title>${xmlEscape(f.lorem.words(4))}</title><description><![CDATA[${ctx.text('comment')}]]></description><pubDate>${new Date(Date.UTC(2024, rng.int(0, 11), rng.int(1, 28))).toUTCString()}</pubDate></item></channel></rss>`,
    }),
    () => ({
      contentType: 'application/xml',
      xml: `${decl}<!DOCTYPE note SYSTEM "note.dtd"><note><to>${xmlEscape(f.person.firstName())}</to><from>${xmlEscape(f.person.firstName())}</from><body>${xmlEscape(ctx.text('message'))}</body></note>`,
    }),
    () => ({
      contentType: 'application/xml',
      xml: `${decl}<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>INV-${rng.int(1000, 9999)}</ID><IssueDate>${isoTimestamp(rng).slice(0, 10)}</IssueDate><Note>${xmlEscape(ctx.text('note'))}</Note><LegalMonetaryTotal><PayableAmount currencyID="EUR">${price(rng)}</PayableAmount></LegalMonetaryTotal></Invoice>`,
    }),
  ];
  return rng.pick(templates)();
}
