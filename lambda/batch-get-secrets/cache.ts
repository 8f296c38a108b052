/**
 * A per-filter cache in the execution environment: a {@link SecretsFetcher} wrapping another, so
 * that a warm invocation repeating a recent request makes no API call at all.
 *
 * - Keyed by TagKey and TagValue together; entries live `ttlSeconds` from the moment their fetch
 *   started, as the AWS Parameters and Secrets Lambda Extension does (default 300 s, at most 300 s).
 *   https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html
 * - Only what `isCacheable` accepts is kept; the handler accepts only a result it would answer
 *   200, so a denial, a per-secret error, a malformed value, an empty match or a failed call is
 *   asked again next time instead of being served from memory.
 * - `refresh` drops the entry before fetching: a failed refresh never falls back to old values.
 * - Bounded twice, least recently used first out: by entries, and by the approximate size of the
 *   values held, so arbitrary filters cannot grow memory without bound.
 * - Values stay in this process's memory; nothing here logs or returns them.
 *
 * NOTE: a secret rotated, untagged or denied after it was cached is still served until its entry
 * expires or a caller asks for `Refresh`: that is the price of a cache, as with the extension.
 * Concurrent misses for one filter are not merged (Lambda runs one invocation per environment).
 */
import type { TagFilter } from './event';
import type { CacheStatus, FetchedSecrets, SecretsFetcher } from './fetch';

/** The Parameters and Secrets Lambda Extension's default and maximum TTL for a secret. */
export const DEFAULT_CACHE_TTL_SECONDS = 300;
export const MAX_CACHE_TTL_SECONDS = 300;

export const DEFAULT_MAX_ENTRIES = 32;

/** 8 MiB: a few percent of the function's 256 MB. */
export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

export interface CacheOptions {
  /** How long a result is reused; 0 turns the cache off. */
  readonly ttlSeconds: number;
  /** @default DEFAULT_MAX_ENTRIES */
  readonly maxEntries?: number;
  /** Approximate bytes of names and values held, all entries together. @default DEFAULT_MAX_BYTES */
  readonly maxBytes?: number;
  /** Milliseconds on a monotonic clock. @default performance.now */
  readonly now?: () => number;
  /** Which results may be kept. @default a result with secrets and no per-secret errors */
  readonly isCacheable?: (fetched: FetchedSecrets) => boolean;
}

interface Entry {
  readonly fetched: FetchedSecrets;
  readonly expiresAt: number;
  readonly bytes: number;
}

function defaultIsCacheable(fetched: FetchedSecrets): boolean {
  return fetched.errors.length === 0 && fetched.secrets.size > 0;
}

/** Approximate memory held by a result: UTF-16 strings at 2 bytes a unit, binaries as they are. */
export function approximateBytes(fetched: FetchedSecrets): number {
  let bytes = 0;
  for (const secret of fetched.secrets.values()) {
    const text =
      (secret.name.length + (secret.arn?.length ?? 0) + (secret.secretString?.length ?? 0)) * 2;
    bytes += text + (secret.secretBinary?.byteLength ?? 0);
  }
  return bytes;
}

function keyOf(filter: TagFilter): string {
  // JSON keeps the two strings apart, whatever characters they hold.
  return JSON.stringify([filter.tagKey, filter.tagValue]);
}

function withStatus(fetched: FetchedSecrets, cache: CacheStatus): FetchedSecrets {
  return { ...fetched, cache };
}

/** Wraps `inner` with a cache; with `ttlSeconds` 0 every call goes through to `inner`. */
export function createCachingFetcher(inner: SecretsFetcher, options: CacheOptions): SecretsFetcher {
  const ttlMs = options.ttlSeconds * 1000;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const now = options.now ?? (() => performance.now());
  const isCacheable = options.isCacheable ?? defaultIsCacheable;
  // A Map iterates in insertion order; a hit re-inserts its entry, so the first key is the LRU one.
  const entries = new Map<string, Entry>();
  let totalBytes = 0;

  const remove = (key: string): void => {
    const entry = entries.get(key);
    if (entry !== undefined) {
      totalBytes -= entry.bytes;
      entries.delete(key);
    }
  };

  const store = (key: string, fetched: FetchedSecrets, startedAt: number): void => {
    const bytes = approximateBytes(fetched);
    if (bytes > maxBytes || maxEntries < 1) {
      return;
    }
    entries.set(key, { fetched, expiresAt: startedAt + ttlMs, bytes });
    totalBytes += bytes;
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries && totalBytes <= maxBytes) {
        break;
      }
      remove(oldest);
    }
  };

  return async (filter, fetchOptions) => {
    const refresh = fetchOptions?.refresh === true;
    const status: CacheStatus = refresh ? 'refresh' : 'miss';
    if (ttlMs <= 0) {
      return withStatus(await inner(filter, fetchOptions), status);
    }

    const key = keyOf(filter);
    const entry = entries.get(key);
    const startedAt = now();
    if (entry !== undefined && !refresh && startedAt < entry.expiresAt) {
      entries.delete(key);
      entries.set(key, entry);
      return { ...entry.fetched, apiCalls: 0, cache: 'hit' };
    }

    remove(key);
    const fetched = await inner(filter, fetchOptions);
    if (isCacheable(fetched)) {
      store(key, fetched, startedAt);
    }
    return withStatus(fetched, status);
  };
}
