// The one Express app every variant serves: body parsers, a small JSON handler. Variants differ only in the
// WAF in front of it. The handler is deliberately cheap, so the WAF's share of each request is as large as it
// can get (a real handler that queries a database makes the relative cost smaller).
import express from 'express';
import { waf } from '@wafer/express';
import { ddwafMiddleware } from './ddwaf-middleware.mjs';

export const VARIANTS = ['bare', 'wafer-monitor', 'wafer-block', 'libddwaf'];

export async function createApp(variant) {
  const app = express();
  app.set('etag', false);
  let ready = Promise.resolve();
  let close = async () => undefined;
  let info = {};
  if (variant === 'wafer-monitor' || variant === 'wafer-block') {
    const firewall = waf({ mode: variant === 'wafer-block' ? 'block' : 'monitor' });
    app.use(firewall);
    ready = firewall.ready;
    close = () => firewall.close();
  }
  app.use(express.json());
  app.use(express.urlencoded({ extended: true }));
  app.use(express.text({ type: ['text/*', 'application/xml'] }));
  if (variant === 'libddwaf') {
    const ddwaf = ddwafMiddleware();
    app.use(ddwaf.middleware);
    info = ddwaf.info;
  }
  app.use((req, res) => {
    res.json({ ok: true, path: req.path, items: [1, 2, 3] });
  });
  await ready;
  return { app, info, close };
}
