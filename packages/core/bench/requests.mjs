// Realistic requests for the request-pipeline benchmark, written by us (no dataset needed).

const encoder = new TextEncoder();

/** A typical browser GET to an API route: ~1.3 KB, 18 headers, 3 cookies, 7 query parameters. */
export function typicalBenignRequest() {
  return {
    method: 'GET',
    target:
      '/api/v2/products?category=running-shoes&sort=-price&page=2&per_page=24&utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale_2026',
    httpVersion: '1.1',
    headers: [
      ['Host', 'shop.example.com'],
      ['Connection', 'keep-alive'],
      ['sec-ch-ua', '"Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"'],
      ['sec-ch-ua-mobile', '?0'],
      ['sec-ch-ua-platform', '"macOS"'],
      ['Upgrade-Insecure-Requests', '1'],
      [
        'User-Agent',
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
      ],
      ['Accept', 'application/json, text/plain, */*'],
      ['Sec-Fetch-Site', 'same-origin'],
      ['Sec-Fetch-Mode', 'cors'],
      ['Sec-Fetch-Dest', 'empty'],
      ['Referer', 'https://shop.example.com/c/running-shoes?color=blue&size=42'],
      ['Accept-Encoding', 'gzip, deflate, br, zstd'],
      ['Accept-Language', 'en-GB,en-US;q=0.9,en;q=0.8,de;q=0.7'],
      [
        'Cookie',
        'sid=s%3A8f2b1c9e4d7a6f3b2e1d0c9b8a7f6e5d.Xk2lQ9vR7pT3mN1bV5cZ8yW4; cart_id=5f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b; consent=analytics%3Dtrue%26ads%3Dfalse',
      ],
      ['X-Requested-With', 'XMLHttpRequest'],
      ['If-None-Match', 'W/"2b7-18f3c1a9e"'],
      ['Priority', 'u=1, i'],
    ],
    remoteAddress: '203.0.113.7',
  };
}

/** A POST with a ~100 KB JSON body: an order export with 370 line items. */
export function largeJsonRequest() {
  const items = [];
  for (let i = 0; i < 370; i++) {
    items.push({
      id: 10_000 + i,
      sku: `SKU-${(i * 7919) % 100000}`,
      name: `Trail runner ${i % 12} — lightweight mesh, size ${36 + (i % 12)}`,
      quantity: 1 + (i % 3),
      price: { amount: 8999 + i, currency: 'EUR' },
      tags: ['running', i % 2 ? 'sale' : 'new', 'outdoor'],
      notes: i % 5 === 0 ? "Customer asked: can you gift-wrap it? It's for my brother's birthday :)" : '',
      shipping: {
        address: `${i} Rue de la Paix`,
        city: 'Paris',
        zip: `750${String(i % 20).padStart(2, '0')}`,
      },
    });
  }
  const body = encoder.encode(
    JSON.stringify({ orderId: 'ord_7Hk29sLq', customer: { email: 'ana@example.org' }, items }),
  );
  return {
    method: 'POST',
    target: '/api/v2/orders/import',
    httpVersion: '1.1',
    headers: [
      ['Host', 'shop.example.com'],
      ['Content-Type', 'application/json'],
      ['Content-Length', String(body.length)],
      ['User-Agent', 'node-fetch/3.3.2'],
      [
        'Authorization',
        'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwicm9sZSI6ImFkbWluIn0.c2lnbmF0dXJl',
      ],
    ],
    body,
    contentType: 'application/json',
  };
}
