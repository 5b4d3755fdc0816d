import { describe, expect, it } from 'vitest';
import { WaferError } from '../errors.js';
import { fromFetchRequest } from './from-fetch.js';

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
}

function postWith(body: BodyInit): Request {
  return new Request('https://shop.example.com/api/items?sort=price,asc', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Trace': 'a' },
    body,
    // Node's fetch needs this for a stream body.
    duplex: 'half',
  } as RequestInit);
}

describe('fromFetchRequest', () => {
  it('builds the request and leaves the caller’s body unread', async () => {
    const request = postWith('{"name":"Zoë"}');
    const waf = await fromFetchRequest(request, { remoteAddress: '192.0.2.9' });
    expect(waf).toMatchObject({
      method: 'POST',
      target: '/api/items?sort=price,asc',
      httpVersion: '1.1',
      remoteAddress: '192.0.2.9',
    });
    expect(waf.headers).toContainEqual(['content-type', 'application/json']);
    expect(new TextDecoder().decode(waf.body)).toBe('{"name":"Zoë"}');
    expect(waf.bodyTruncated).toBeUndefined();
    expect(request.bodyUsed).toBe(false);
    expect(await request.json()).toEqual({ name: 'Zoë' });
  });

  it('cuts the body at maxBodyBytes and marks it truncated; the caller still gets all of it', async () => {
    const big = new Uint8Array(10_000).fill(0x61);
    const request = postWith(streamOf([big.subarray(0, 4000), big.subarray(4000)]));
    const waf = await fromFetchRequest(request, { maxBodyBytes: 5000 });
    expect(waf.body?.length).toBe(5000);
    expect(waf.bodyTruncated).toBe(true);
    expect((await request.arrayBuffer()).byteLength).toBe(10_000);
  });

  it('does not mark a body of exactly maxBodyBytes as truncated', async () => {
    const waf = await fromFetchRequest(postWith('abcde'), { maxBodyBytes: 5 });
    expect(new TextDecoder().decode(waf.body)).toBe('abcde');
    expect(waf.bodyTruncated).toBeUndefined();
    const over = await fromFetchRequest(postWith('abcdef'), { maxBodyBytes: 5 });
    expect(new TextDecoder().decode(over.body)).toBe('abcde');
    expect(over.bodyTruncated).toBe(true);
  });

  it('uses 64 KiB by default', async () => {
    const waf = await fromFetchRequest(postWith(new Uint8Array(70_000)));
    expect(waf.body?.length).toBe(65_536);
    expect(waf.bodyTruncated).toBe(true);
  });

  it('reads nothing with maxBodyBytes 0 but still says a body was there', async () => {
    const waf = await fromFetchRequest(postWith('x'), { maxBodyBytes: 0 });
    expect(waf.body).toBeUndefined();
    expect(waf.bodyTruncated).toBe(true);
  });

  it('keeps what arrived when the body stream fails', async () => {
    let sent = false;
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) controller.error(new Error('client went away'));
        else {
          sent = true;
          controller.enqueue(new TextEncoder().encode('part'));
        }
      },
    });
    const waf = await fromFetchRequest(postWith(failing));
    expect(new TextDecoder().decode(waf.body)).toBe('part');
    expect(waf.bodyTruncated).toBe(true);
  });

  it('has no body for GET and keeps a lone "?" in the target', async () => {
    const waf = await fromFetchRequest(new Request('http://a.example/p/q?'));
    expect(waf.target).toBe('/p/q?');
    expect(waf.body).toBeUndefined();
    expect(waf.remoteAddress).toBeUndefined();
  });

  it('shows that the Fetch API has already normalized the URL (why Node adapters use fromNodeRequest)', async () => {
    const waf = await fromFetchRequest(new Request('http://a.example/a/../etc/passwd?x=<y>#frag'));
    expect(waf.target).toBe('/etc/passwd?x=%3Cy%3E');
  });

  it('rejects bad options and an already consumed body with WaferError', async () => {
    await expect(fromFetchRequest(postWith('x'), { maxBodyBytes: -1 })).rejects.toMatchObject({
      code: 'WAFER_ERR_INVALID_OPTION',
    });
    await expect(fromFetchRequest(postWith('x'), { maxBodyBytes: 1.5 })).rejects.toBeInstanceOf(WaferError);
    const used = postWith('x');
    await used.text();
    await expect(fromFetchRequest(used)).rejects.toMatchObject({ code: 'WAFER_ERR_INVALID_ARGUMENT' });
  });
});
