import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { errorEnvelope } from '../http/envelope.js';

/** The message kinds of the live feed; `data` has the same shape as the REST endpoint of that kind. */
export type LiveType = 'metrics' | 'alert' | 'activity' | 'threat' | 'traffic';

/** Counters of the live feed. */
export interface LiveStats {
  clients: number;
  sent: number;
  /** Clients dropped because they fell behind (`maxBufferedBytes`). */
  droppedSlow: number;
  /** Clients dropped because they stopped answering pings. */
  droppedDead: number;
  /** `traffic` messages not sent because of `maxTrafficPerSecond`. */
  thinned: number;
  rejectedAuth: number;
}

export interface LiveHubOptions {
  readonly heartbeatMs: number;
  readonly maxBufferedBytes: number;
  readonly maxClients: number;
  readonly maxTrafficPerSecond: number;
  readonly now: () => number;
  /** Decides whether the upgrade request may subscribe: `null` to accept, else the HTTP status and message. */
  /** The realtime metrics sent to each new client. */
  readonly greeting: () => Promise<unknown>;
  readonly authorize: (request: IncomingMessage) => Promise<{ status: number; message: string } | null>;
}

const PATHS = new Set(['/', '/ws']);

function refuse(socket: Duplex, status: number, message: string): void {
  // The same envelope as REST errors, on the raw socket: the upgrade never became a WebSocket.
  const body = JSON.stringify(errorEnvelope(message, Date.now()));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The WebSocket feed at `/` and `/ws`. Each message is serialized once and written to every client; a client
 * whose unsent bytes exceed `maxBufferedBytes` is disconnected (code 1013) rather than buffered without bound, so
 * one slow reader never slows the others or grows the server's memory. Pings every `heartbeatMs`; a client
 * that missed the previous pong is terminated.
 */
export function createLiveHub(options: LiveHubOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096, clientTracking: false });
  const clients = new Set<WebSocket>();
  const alive = new WeakMap<WebSocket, boolean>();
  const stats: LiveStats = {
    clients: 0,
    sent: 0,
    droppedSlow: 0,
    droppedDead: 0,
    thinned: 0,
    rejectedAuth: 0,
  };
  let trafficWindow = { second: 0, count: 0 };
  let closed = false;

  const heartbeat = setInterval(() => {
    for (const ws of clients) {
      if (alive.get(ws) === false) {
        stats.droppedDead++;
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.heartbeatMs);
  heartbeat.unref();

  function add(ws: WebSocket): void {
    clients.add(ws);
    stats.clients = clients.size;
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    // Clients only listen; a message from one is answered with nothing (but keeps it alive).
    ws.on('message', () => alive.set(ws, true));
    ws.on('close', () => {
      clients.delete(ws);
      stats.clients = clients.size;
    });
    ws.on('error', () => ws.terminate());
    // A new client gets the current metrics at once instead of waiting for the next aggregation.
    options.greeting().then(
      (data) => {
        if (ws.readyState === ws.OPEN)
          ws.send(
            JSON.stringify({ type: 'metrics', data, timestamp: new Date(options.now()).toISOString() }),
          );
      },
      () => {},
    );
  }

  return {
    stats,
    /** Handles an HTTP upgrade of the server; other paths get 404. */
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      socket.on('error', () => socket.destroy());
      const path = (request.url ?? '/').split('?')[0]!;
      if (closed) return refuse(socket, 503, 'The server is shutting down.');
      if (!PATHS.has(path)) return refuse(socket, 404, 'WebSocket feed is at / and /ws.');
      if (clients.size >= options.maxClients) return refuse(socket, 503, 'Too many live clients.');
      options.authorize(request).then(
        (denied) => {
          if (denied) {
            stats.rejectedAuth++;
            return refuse(socket, denied.status, denied.message);
          }
          wss.handleUpgrade(request, socket, head, add);
        },
        () => refuse(socket, 503, 'Could not check the API key.'),
      );
    },
    /** Sends one message to every client. */
    publish(type: LiveType, data: unknown): void {
      if (clients.size === 0) return;
      const now = options.now();
      if (type === 'traffic') {
        const second = Math.floor(now / 1000);
        if (trafficWindow.second !== second) trafficWindow = { second, count: 0 };
        if (++trafficWindow.count > options.maxTrafficPerSecond) {
          stats.thinned++;
          return;
        }
      }
      const text = JSON.stringify({ type, data, timestamp: new Date(now).toISOString() });
      for (const ws of clients) {
        if (ws.readyState !== ws.OPEN) continue;
        if (ws.bufferedAmount > options.maxBufferedBytes) {
          stats.droppedSlow++;
          clients.delete(ws);
          stats.clients = clients.size;
          ws.close(1013, 'Too slow: messages were piling up');
          // A peer that does not read will not complete the close handshake either.
          setTimeout(() => ws.terminate(), 1_000).unref();
          continue;
        }
        ws.send(text);
        stats.sent++;
      }
    },
    get clientCount() {
      return clients.size;
    },
    /** Closes every client with 1001 (going away). */
    close(): void {
      closed = true;
      clearInterval(heartbeat);
      for (const ws of clients) ws.close(1001, 'Server shutting down');
      for (const ws of clients) setTimeout(() => ws.terminate(), 1_000).unref();
      wss.close();
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
