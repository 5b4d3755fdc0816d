// clientIpOf against real Express 4 and 5 apps over HTTP: the shortcut taken when `trust proxy` is off must
// give exactly what `req.ip` gives, and step aside whenever `req.ip` could differ.
import { afterAll, describe, expect, it } from 'vitest';
import { EXPRESS_VERSIONS, listen, send, type Listening } from '../../test/support/servers.js';
import type { WafExpressRequest } from '../options/options.js';
import { clientIpOf } from './client-ip.js';

describe.each(EXPRESS_VERSIONS)('clientIpOf on $name', ({ express }) => {
  const servers: Listening[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  async function start(configure: (app: ReturnType<typeof express>) => void) {
    const app = express();
    configure(app);
    app.use((req, res) => {
      res.json({ ours: clientIpOf(req as WafExpressRequest), express: req.ip });
    });
    const server = await listen(app);
    servers.push(server);
    return server;
  }

  const xff = { 'x-forwarded-for': '203.0.113.9' };

  it('is the socket peer, as req.ip is, while trust proxy is at its default', async () => {
    const app = await start(() => undefined);
    const body = (await send(app.url, { path: '/', headers: xff })).json();
    expect(body.ours).toBe('127.0.0.1');
    expect(body.express).toBe('127.0.0.1');
  });

  it('reads trust proxy as it is when the request arrives', async () => {
    let appRef: ReturnType<typeof express> | undefined;
    const app = await start((a) => (appRef = a));
    appRef!.set('trust proxy', 'loopback');
    const body = (await send(app.url, { path: '/', headers: xff })).json();
    expect(body).toEqual({ ours: '203.0.113.9', express: '203.0.113.9' });
  });

  it("honours an app's own req.ip", async () => {
    const app = await start((a) => {
      Object.defineProperty(a.request, 'ip', { configurable: true, get: () => '192.0.2.77' });
    });
    const body = (await send(app.url, { path: '/', headers: xff })).json();
    expect(body).toEqual({ ours: '192.0.2.77', express: '192.0.2.77' });
  });
});
