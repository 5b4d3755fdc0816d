import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import express from 'express5';
import { describe, expect, it } from 'vitest';
import type { WafVerdict } from '../verdict.js';
import { setVerdict } from './verdict-slot.js';

const verdict = (id: string) => ({ requestId: id }) as WafVerdict;

describe('setVerdict', () => {
  it("serves req.waf from the Express app's request prototype, without an own property", () => {
    const app = express();
    const req = Object.setPrototypeOf(new IncomingMessage(new Socket()), app.request) as IncomingMessage & {
      waf?: WafVerdict;
    };
    const other = Object.setPrototypeOf(new IncomingMessage(new Socket()), app.request) as typeof req;
    setVerdict(req, verdict('a'));
    expect(req.waf?.requestId).toBe('a');
    expect(Object.prototype.hasOwnProperty.call(req, 'waf')).toBe(false);
    expect(other.waf).toBeUndefined();
    // The app can still assign req.waf itself: its value shadows the accessor.
    other.waf = verdict('mine');
    expect(other.waf.requestId).toBe('mine');
  });

  it("never changes Node's own IncomingMessage prototype", () => {
    const req = new IncomingMessage(new Socket()) as IncomingMessage & { waf?: WafVerdict };
    setVerdict(req, verdict('b'));
    expect(req.waf?.requestId).toBe('b');
    expect(Object.prototype.hasOwnProperty.call(req, 'waf')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(IncomingMessage.prototype, 'waf')).toBeUndefined();
  });

  it('leaves a prototype that already defines `waf` alone', () => {
    const proto = Object.create(IncomingMessage.prototype, { waf: { value: 'theirs', writable: true } });
    const req = Object.setPrototypeOf(new IncomingMessage(new Socket()), proto) as IncomingMessage & {
      waf?: unknown;
    };
    setVerdict(req, verdict('c'));
    expect((req.waf as WafVerdict).requestId).toBe('c');
    expect(proto.waf).toBe('theirs');
  });
});
