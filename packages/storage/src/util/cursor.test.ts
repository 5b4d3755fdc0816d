import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('cursors', () => {
  it('round-trips a position as an opaque URL-safe string', () => {
    const cursor = encodeCursor('traffic', { key: 1_772_323_200_000, id: 42 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('traffic', cursor)).toEqual({ key: 1_772_323_200_000, id: 42 });
  });

  it('rejects garbage and cursors of another list', () => {
    const cursor = encodeCursor('alerts', { key: 1, id: 2 });
    for (const bad of ['', 'nope', '!!!', Buffer.from('[1,2,3]').toString('base64url')])
      expect(() => decodeCursor('traffic', bad)).toThrow(
        expect.objectContaining({ code: 'WAFER_ERR_STORAGE_INVALID_CURSOR' }),
      );
    expect(() => decodeCursor('traffic', cursor)).toThrow(/Invalid cursor for traffic/);
  });
});
