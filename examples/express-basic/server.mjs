// The smallest protected app. Run: `pnpm --filter @wafer/example-express-basic start`, then
//   curl 'http://127.0.0.1:3000/search?q=shoes'                       → 200, allowed
//   curl "http://127.0.0.1:3000/search?q=1'%20OR%201=1--"              → 200 in monitor mode; the console shows
//                                                                       `monitor GET /search sqli query.q`
// WAFER_MODE=block blocks it (403); WAFER_DASHBOARD_URL + WAFER_API_KEY report decisions to a dashboard API.
import { pathToFileURL } from 'node:url';
import express from 'express';
import { dashboardReporter, waf } from '@wafer/express';

export function createApp(options = {}) {
  const app = express();
  app.use(waf(options)); // ← the one line
  app.get('/', (_req, res) => res.send('Hello from a Wafer-protected app'));
  app.get('/search', (req, res) => res.json({ query: req.query.q ?? '' }));
  return app;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.env.WAFER_DASHBOARD_URL;
  const app = createApp({
    mode: process.env.WAFER_MODE === 'block' ? 'block' : 'monitor',
    reporters: url
      ? [dashboardReporter({ url, apiKey: process.env.WAFER_API_KEY ?? '', app: 'express-basic' })]
      : [],
    // See the decisions in the console (they are made off the request path in monitor mode).
    onDecision: (event) => {
      if (event.action !== 'allow')
        console.log(
          `${event.action} ${event.method} ${event.path} ${event.attackClasses.join(',')} ${event.threats[0]?.fieldPath ?? ''}`,
        );
    },
  });
  const port = Number(process.env.PORT ?? 3000);
  app.listen(port, '127.0.0.1', () =>
    console.log(`express-basic on http://127.0.0.1:${port} (mode ${process.env.WAFER_MODE ?? 'monitor'})`),
  );
}
