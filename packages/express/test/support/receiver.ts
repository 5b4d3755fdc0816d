// A real local HTTP receiver standing in for @wafer/dashboard-api's ingest endpoint: it records every request
// and answers as the test scripts it (accept, fail, stall, refuse), and can be stopped and restarted on its port.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { IngestBatch } from '../../src/index.js';

export interface Received {
  readonly at: number;
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly raw: string;
  readonly batch: IngestBatch;
  /** The status the receiver answered. */
  status: number;
}

/** How to answer one request: a status (with headers), or a delay before answering. */
export type Answer = { status: number; headers?: Record<string, string>; delayMs?: number };

export class Receiver {
  readonly received: Received[] = [];
  /** Decides each answer; default 202. */
  answer: (request: Received, index: number) => Answer = () => ({ status: 202 });
  #server: Server | undefined;
  #port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Events accepted with a 2xx, in order. */
  get accepted(): Received[] {
    return this.received.filter((r) => r.status < 300);
  }

  async start(port = 0): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const entry: Received = {
          at: Date.now(),
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          raw,
          batch: JSON.parse(raw) as IngestBatch,
          status: 0,
        };
        const answer = this.answer(entry, this.received.length);
        entry.status = answer.status;
        this.received.push(entry);
        const reply = () => {
          if (res.destroyed) return;
          res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
          res.end(JSON.stringify({ accepted: answer.status < 300 ? entry.batch.events.length : 0 }));
        };
        if (answer.delayMs) setTimeout(reply, answer.delayMs);
        else reply();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.#server = server;
    this.#port = (server.address() as { port: number }).port;
    return this;
  }

  /** Stops listening: connections are refused until `start(samePort)`. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Restarts on the same port (the reporter keeps its URL). */
  restart(): Promise<this> {
    return this.start(this.#port);
  }

  events() {
    return this.accepted.flatMap((r) => r.batch.events);
  }
}
