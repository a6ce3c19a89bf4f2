import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { cacheKey, type ResourceKind } from '../../domain/completion.js';
import type { Env } from '../../deps.js';

/** Resource names stay this long in the completion cache: long enough for one command line. */
export const CACHE_TTL_MS = 60_000;

type Cache = Record<string, { at: number; names: string[] }>;

/** The cache file: $XDG_CACHE_HOME/scalectl (else ~/.cache/scalectl)/completion.json. */
export function cacheFile(env: Env): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'scalectl', 'completion.json');
}

/** Names from the cache while fresh, else from `fetch` (and then cached). Cache trouble is ignored. */
export async function cachedNames(q: { env: Env; now: number; key: { profile: string; region: string; kind: ResourceKind } }, fetch: () => Promise<string[]>): Promise<string[]> {
  const file = cacheFile(q.env);
  const key = cacheKey(q.key.profile, q.key.region, q.key.kind);
  let cache: Cache = {};
  try {
    cache = JSON.parse(readFileSync(file, 'utf8')) as Cache;
  } catch {
    cache = {};
  }
  const hit = cache[key];
  if (hit && q.now - hit.at < CACHE_TTL_MS && q.now >= hit.at) return hit.names;
  const names = [...new Set(await fetch())].sort();
  try {
    for (const [k, v] of Object.entries(cache)) if (q.now - v.at >= CACHE_TTL_MS) delete cache[k];
    cache[key] = { at: q.now, names };
    mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, JSON.stringify(cache), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // A read-only home or a full disk only costs the next completion a round trip.
  }
  return names;
}
