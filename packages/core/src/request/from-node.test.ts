import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { fromNodeRequest } from './from-node.js';
import type { NodeRequestLike } from './from-node.js';
import type { WafRequest } from './waf-request.js';
import { getHeader } from './waf-request.js';

let server: Server;
let port: number;
const received: WafRequest[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push(fromNodeRequest(req, Buffer.concat(chunks)));
      res.end('ok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.close();
  await once(server, 'close');
});

/** Sends bytes exactly as given (no client library to normalize anything) and waits for the reply. */
async function sendRaw(text: string): Promise<WafRequest> {
  const before = received.length;
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.end(Buffer.from(text, 'latin1'));
  socket.resume();
  await once(socket, 'close');
  expect(received.length).toBe(before + 1);
  return received[received.length - 1] as WafRequest;
}

describe('fromNodeRequest with a real node:http server', () => {
  it('keeps the raw target, duplicate headers and their original case', async () => {
    const request = await sendRaw(
      'GET /a/../b?x=%zz&x=2 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: 192.0.2.1\r\n' +
        'x-FORWARDED-for: 192.0.2.2\r\nCoOkIe: a=1\r\nCookie: b=2\r\nConnection: close\r\n\r\n',
    );
    expect(request.method).toBe('GET');
    expect(request.target).toBe('/a/../b?x=%zz&x=2');
    expect(request.httpVersion).toBe('1.1');
    expect(request.remoteAddress).toBe('127.0.0.1');
    expect(request.headers).toEqual([
      ['Host', '127.0.0.1'],
      ['X-Forwarded-For', '192.0.2.1'],
      ['x-FORWARDED-for', '192.0.2.2'],
      ['CoOkIe', 'a=1'],
      ['Cookie', 'b=2'],
      ['Connection', 'close'],
    ]);
    expect(request.body).toBeUndefined();
    expect(request.bodyTruncated).toBeUndefined();
  });

  it('receives a POST body byte for byte', async () => {
    const body = '{"name":"Zoë","q":"1\' OR 1=1--"}';
    const bytes = Buffer.from(body, 'utf8');
    const request = await sendRaw(
      `POST /api/users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${bytes.length}\r\nConnection: close\r\n\r\n${bytes.toString('latin1')}`,
    );
    expect(request.method).toBe('POST');
    expect(getHeader(request, 'content-type')).toBe('application/json');
    expect(new TextDecoder().decode(request.body)).toBe(body);
  });

  it('reports HTTP/1.0 and a chunked body as Node delivered it', async () => {
    const request = await sendRaw(
      'PUT /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n' +
        '3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n',
    );
    expect(new TextDecoder().decode(request.body)).toBe('abcde');
    const old = await sendRaw('GET /old HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n');
    expect(old.httpVersion).toBe('1.0');
  });
});

describe('fromNodeRequest with plain objects', () => {
  it('accepts Node’s IncomingMessage type without depending on it', () => {
    expectTypeOf<IncomingMessage>().toExtend<NodeRequestLike>();
  });

  it('falls back to the headers object when rawHeaders is absent, one pair per array item', () => {
    const request = fromNodeRequest({
      method: 'GET',
      url: '/x',
      httpVersion: '1.1',
      headers: { host: 'a.example', 'set-cookie': ['a=1', 'b=2'], skipped: undefined },
    });
    expect(request.headers).toEqual([
      ['host', 'a.example'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]);
    expect(request.remoteAddress).toBeUndefined();
  });

  it('prefers rawHeaders, ignores an odd trailing entry, and keeps options', () => {
    const request = fromNodeRequest(
      {
        method: 'POST',
        url: '/',
        rawHeaders: ['A', '1', 'Dangling'],
        headers: { a: 'ignored' },
        socket: null,
      },
      new Uint8Array([1, 2, 3]),
      { bodyTruncated: true },
    );
    expect(request.headers).toEqual([['A', '1']]);
    expect(request.body).toEqual(new Uint8Array([1, 2, 3]));
    expect(request.bodyTruncated).toBe(true);
  });

  it('treats an empty body as none and never throws on a bare object', () => {
    expect(fromNodeRequest({}, new Uint8Array(0))).toEqual({
      method: '',
      target: '',
      httpVersion: '1.1',
      headers: [],
    });
  });
});
