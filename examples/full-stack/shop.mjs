// A small shop API — products, search, cart, reviews, login, uploads — protected by Wafer in block mode.
import express from 'express';
import multer from 'multer';
import { waf } from '@wafer/express';

const PRODUCTS = [
  'Wireless headphones',
  'Running shoes',
  'Espresso machine',
  'USB-C cable (2 m)',
  'Standing desk',
  'Rain jacket',
  'Mechanical keyboard',
  'Yoga mat',
  'Cast iron pan',
  'Desk lamp',
  'Backpack',
  'Vinyl record',
].map((name, i) => ({ id: i + 1, name, price: 10 + ((i * 37) % 190), rating: 3 + (i % 3) }));

/**
 * @param {import('@wafer/express').WafMiddlewareOptions} wafOptions e.g. `{ engine, reporters: [dashboardReporter(…)] }`
 */
export function createShopApp(wafOptions = {}) {
  const app = express();
  // The demo's traffic comes through a proxy on this machine (the generator sets X-Forwarded-For): trust
  // loopback only, so client IPs are right and nobody else can forge them.
  app.set('trust proxy', 'loopback');
  const firewall = waf({
    mode: 'block',
    // A client that keeps attacking is banned for a while: watch the generator's attackers get 403s for everything.
    bans: { threshold: 10, windowMs: 60_000, durationMs: 60_000 },
    routes: [{ path: '/healthz', skip: true }],
    ...wafOptions,
  });
  app.use(firewall);
  app.use(express.json({ limit: '100kb' }));
  app.use(express.urlencoded({ extended: false, limit: '100kb' }));
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 1 << 20, files: 1 } });

  app.get('/healthz', (_req, res) => res.json({ ok: true }));
  app.get('/api/products', (req, res) => {
    const search = String(req.query.search ?? '').toLowerCase();
    const page = Math.max(1, Number(req.query.page ?? 1) || 1);
    const items = PRODUCTS.filter((p) => p.name.toLowerCase().includes(search));
    res.json({ page, items: items.slice((page - 1) * 5, page * 5), total: items.length });
  });
  app.get('/api/products/:id', (req, res) => {
    const product = PRODUCTS.find((p) => String(p.id) === req.params.id);
    if (product) res.json(product);
    else res.status(404).json({ error: 'not found' });
  });
  app.post('/api/cart', (req, res) =>
    res.status(201).json({ added: req.body?.productId ?? null, quantity: req.body?.quantity ?? 1 }),
  );
  app.post('/api/reviews', (req, res) =>
    res.status(201).json({ ok: true, length: String(req.body?.text ?? '').length }),
  );
  app.post('/api/login', (req, res) =>
    res.json({
      ok: typeof req.body?.email === 'string',
      user: typeof req.body?.email === 'string' ? req.body.email : null,
    }),
  );
  app.post('/api/upload', upload.single('file'), (req, res) =>
    res.status(201).json({ name: req.file?.originalname ?? null, bytes: req.file?.size ?? 0 }),
  );
  app.get('/api/files', (_req, res) => res.status(404).json({ error: 'no such file' }));
  app.post('/api/import', (_req, res) => res.status(415).json({ error: 'XML import is not supported' }));
  app.use((error, _req, res, _next) => res.status(error.status ?? 400).json({ error: error.message }));
  return { app, firewall };
}
