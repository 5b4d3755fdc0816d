import { createHash } from 'node:crypto';
import type { ApiKeyRecord, Storage } from '@wafer/storage';

/** What a key may do. `admin` may do everything; `read` reads; `ingest` only sends events. */
export type Scope = 'ingest' | 'read' | 'admin';

export const SCOPES: readonly Scope[] = ['ingest', 'read', 'admin'];

/** Who made a request, once authenticated. */
export interface Principal {
  /** `null` when let in by the local-only insecure mode. */
  readonly key: ApiKeyRecord | null;
  readonly scopes: readonly Scope[];
}

export function allows(principal: Principal, scope: Scope): boolean {
  return principal.scopes.includes('admin') || principal.scopes.includes(scope);
}

/** The secret from `Authorization: Bearer …`, `X-Api-Key`, or (WebSocket only) `?access_token=`. */
export function secretFrom(
  header: (name: string) => string | undefined,
  queryToken?: string | null,
): string | undefined {
  const authorization = header('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1];
  }
  return header('x-api-key') || queryToken || undefined;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK.test(address);
}

/**
 * Verifies API keys against storage (where only their hashes are kept), remembering a verified key for
 * `cacheMs`: ingest at 10,000 events/s must not cost a database read per batch. A revoked key therefore
 * keeps working for at most `cacheMs`.
 */
export function createKeyVerifier(storage: Storage, cacheMs: number, now: () => number) {
  const cache = new Map<string, { record: ApiKeyRecord | undefined; until: number }>();
  return {
    async verify(secret: string): Promise<ApiKeyRecord | undefined> {
      if (secret.length > 512) return undefined;
      const digest = createHash('sha256').update(secret).digest('base64');
      const time = now();
      const hit = cache.get(digest);
      if (hit && hit.until > time) return hit.record;
      const record = await storage.apiKeys.verify(secret, time);
      // Failures are cached briefly too, so a flood of wrong keys cannot turn into a flood of queries.
      cache.set(digest, { record, until: time + (record ? cacheMs : Math.min(cacheMs, 5_000)) });
      if (cache.size > 10_000) cache.delete(cache.keys().next().value!);
      return record;
    },
    forget(): void {
      cache.clear();
    },
  };
}

export type KeyVerifier = ReturnType<typeof createKeyVerifier>;

/** Parses `ingest,read` into scopes; throws with a message naming the bad one. */
export function parseScopes(text: string): Scope[] {
  const scopes = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (scopes.length === 0) throw new Error(`Give at least one scope: ${SCOPES.join(', ')}.`);
  for (const scope of scopes)
    if (!SCOPES.includes(scope as Scope))
      throw new Error(`Unknown scope "${scope}": use ${SCOPES.join(', ')}.`);
  return scopes as Scope[];
}
