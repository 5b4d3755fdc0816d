import { WaferStorageError } from '../errors.js';

/** Where a page ended: the sort key and the id of its last row (keyset pagination, stable under inserts). */
export interface CursorPosition {
  readonly key: number;
  readonly id: number;
}

/** Encodes a page position as an opaque URL-safe string, tagged with the list it belongs to. */
export function encodeCursor(list: string, position: CursorPosition): string {
  return Buffer.from(JSON.stringify([list, position.key, position.id])).toString('base64url');
}

/** Decodes a cursor from {@link encodeCursor}; throws `WAFER_ERR_STORAGE_INVALID_CURSOR` for anything else. */
export function decodeCursor(list: string, cursor: string): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== list ||
    !Number.isSafeInteger(parsed[1]) ||
    !Number.isSafeInteger(parsed[2])
  )
    throw new WaferStorageError(
      'WAFER_ERR_STORAGE_INVALID_CURSOR',
      `Invalid cursor for ${list}: pass the \`nextCursor\` of a previous ${list} page unchanged.`,
    );
  return { key: parsed[1] as number, id: parsed[2] as number };
}
