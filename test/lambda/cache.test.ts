import {
  approximateBytes,
  createCachingFetcher,
  type CacheOptions,
} from '../../lambda/batch-get-secrets/cache';
import type { TagFilter } from '../../lambda/batch-get-secrets/event';
import type {
  FetchedSecrets,
  FetchOptions,
  SecretFailure,
} from '../../lambda/batch-get-secrets/fetch';
import { APP1, fakeValue } from './support/fixtures';

const APP2: TagFilter = { tagKey: 'app', tagValue: 'app2' };

/** A fake clock the test moves by hand. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1_000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

function fetchedWith(names: string[], errors: SecretFailure[] = []): FetchedSecrets {
  const secrets = new Map(
    names.map((name) => [
      name,
      { name, arn: undefined, secretString: fakeValue(), secretBinary: undefined },
    ]),
  );
  return { secrets, errors, apiCalls: 1, cache: 'miss' };
}

/** An inner fetcher answering from a queue of results, recording what it was asked. */
function innerFetcher(...results: FetchedSecrets[]) {
  const requests: { filter: TagFilter; options?: FetchOptions }[] = [];
  const fetch = jest.fn((filter: TagFilter, options?: FetchOptions) => {
    requests.push({ filter, options });
    const next = results.shift() ?? fetchedWith(['default']);
    return Promise.resolve(next);
  });
  return { fetch, requests };
}

function cached(inner: ReturnType<typeof innerFetcher>, options: Partial<CacheOptions> = {}) {
  return createCachingFetcher(inner.fetch, { ttlSeconds: 300, ...options });
}

describe('createCachingFetcher', () => {
  it('serves a repeat within the TTL from memory: zero calls, reported as a hit', async () => {
    // Prepare
    const clock = manualClock();
    const first = fetchedWith(['app1-db']);
    const inner = innerFetcher(first);
    const fetchSecrets = cached(inner, { now: clock.now });

    // Act
    const miss = await fetchSecrets(APP1);
    clock.advance(299_999);
    const hit = await fetchSecrets(APP1);

    // Assess
    expect(inner.fetch).toHaveBeenCalledTimes(1);
    expect(miss).toMatchObject({ cache: 'miss', apiCalls: 1 });
    expect(hit).toMatchObject({ cache: 'hit', apiCalls: 0, errors: [] });
    expect(hit.secrets).toBe(first.secrets);
  });

  it('asks again once the TTL has passed', async () => {
    // Prepare
    const clock = manualClock();
    const inner = innerFetcher(fetchedWith(['a']), fetchedWith(['a']));
    const fetchSecrets = cached(inner, { now: clock.now });

    // Act
    await fetchSecrets(APP1);
    clock.advance(300_000);
    const second = await fetchSecrets(APP1);

    // Assess
    expect(inner.fetch).toHaveBeenCalledTimes(2);
    expect(second.cache).toBe('miss');
  });

  it('counts the TTL from when the fetch started, not when it ended', async () => {
    // Prepare
    const clock = manualClock();
    const slow = jest.fn(() => {
      clock.advance(10_000);
      return Promise.resolve(fetchedWith(['a']));
    });
    const fetchSecrets = createCachingFetcher(slow, { ttlSeconds: 300, now: clock.now });

    // Act
    await fetchSecrets(APP1);
    clock.advance(290_000);
    const after300s = await fetchSecrets(APP1);

    // Assess
    expect(after300s.cache).toBe('miss');
    expect(slow).toHaveBeenCalledTimes(2);
  });

  it('keys by tag key and value together', async () => {
    // Prepare
    const inner = innerFetcher(fetchedWith(['a']), fetchedWith(['b']), fetchedWith(['c']));
    const fetchSecrets = cached(inner);

    // Act
    await fetchSecrets(APP1);
    await fetchSecrets(APP2);
    await fetchSecrets({ tagKey: 'environment', tagValue: 'app1' });
    const again = await fetchSecrets(APP2);

    // Assess
    expect(inner.fetch).toHaveBeenCalledTimes(3);
    expect([...again.secrets.keys()]).toEqual(['b']);
  });

  it('fetches on refresh, reports it, and keeps the fresh result', async () => {
    // Prepare
    const inner = innerFetcher(fetchedWith(['old']), fetchedWith(['new']));
    const fetchSecrets = cached(inner);

    // Act
    await fetchSecrets(APP1);
    const refreshed = await fetchSecrets(APP1, { refresh: true });
    const hit = await fetchSecrets(APP1);

    // Assess
    expect(refreshed.cache).toBe('refresh');
    expect(inner.requests[1]?.options).toEqual({ refresh: true });
    expect(hit.cache).toBe('hit');
    expect([...hit.secrets.keys()]).toEqual(['new']);
  });

  it('drops the entry on refresh even when the refresh fails, so old values are never served', async () => {
    // Prepare
    const failure = new Error('throttled');
    const inner = innerFetcher();
    const fetchSecrets = cached(inner);
    await fetchSecrets(APP1);
    inner.fetch.mockImplementationOnce(() => Promise.reject(failure));

    // Act
    const refreshing = fetchSecrets(APP1, { refresh: true });
    await expect(refreshing).rejects.toBe(failure);
    const after = await fetchSecrets(APP1);

    // Assess
    expect(after.cache).toBe('miss');
    expect(inner.fetch).toHaveBeenCalledTimes(3);
  });

  it.each([
    [
      'a denied secret',
      fetchedWith(['a'], [{ secretId: 'b', errorCode: 'AccessDeniedException', message: 'm' }]),
    ],
    [
      'another per-secret error',
      fetchedWith(['a'], [{ secretId: 'b', errorCode: 'DecryptionFailure', message: 'm' }]),
    ],
    ['an empty match', fetchedWith([])],
  ])('does not keep a result with %s, by default', async (_label, result) => {
    // Prepare
    const inner = innerFetcher(result, result);
    const fetchSecrets = cached(inner);

    // Act
    await fetchSecrets(APP1);
    const second = await fetchSecrets(APP1);

    // Assess
    expect(second.cache).toBe('miss');
    expect(inner.fetch).toHaveBeenCalledTimes(2);
  });

  it('keeps only what isCacheable accepts', async () => {
    // Prepare
    const inner = innerFetcher(fetchedWith(['a']), fetchedWith(['a']));
    const fetchSecrets = cached(inner, { isCacheable: () => false });

    // Act
    await fetchSecrets(APP1);
    await fetchSecrets(APP1);

    // Assess
    expect(inner.fetch).toHaveBeenCalledTimes(2);
  });

  it('does not cache a failed fetch', async () => {
    // Prepare
    const inner = innerFetcher(fetchedWith(['a']));
    inner.fetch.mockImplementationOnce(() => Promise.reject(new Error('failed')));
    const fetchSecrets = cached(inner);

    // Act
    await expect(fetchSecrets(APP1)).rejects.toThrow('failed');
    const second = await fetchSecrets(APP1);

    // Assess
    expect(second.cache).toBe('miss');
  });

  it('with a TTL of 0, always fetches and keeps nothing', async () => {
    // Prepare
    const inner = innerFetcher(fetchedWith(['a']), fetchedWith(['a']), fetchedWith(['a']));
    const fetchSecrets = cached(inner, { ttlSeconds: 0 });

    // Act
    const first = await fetchSecrets(APP1);
    const second = await fetchSecrets(APP1);
    const third = await fetchSecrets(APP1, { refresh: true });

    // Assess
    expect(inner.fetch).toHaveBeenCalledTimes(3);
    expect([first.cache, second.cache, third.cache]).toEqual(['miss', 'miss', 'refresh']);
  });

  it('holds at most maxEntries, dropping the least recently used first', async () => {
    // Prepare
    const inner = innerFetcher();
    const fetchSecrets = cached(inner, { maxEntries: 2 });
    const filters = ['a', 'b', 'c'].map((tagValue) => ({ tagKey: 'app', tagValue }));

    // Act: a, b cached; a used again; c pushes out b, the least recently used.
    await fetchSecrets(filters[0]!);
    await fetchSecrets(filters[1]!);
    await fetchSecrets(filters[0]!);
    await fetchSecrets(filters[2]!);
    const statuses = [
      (await fetchSecrets(filters[0]!)).cache,
      (await fetchSecrets(filters[2]!)).cache,
      (await fetchSecrets(filters[1]!)).cache,
    ];

    // Assess
    expect(statuses).toEqual(['hit', 'hit', 'miss']);
  });

  it('holds at most maxBytes of values, dropping the least recently used first', async () => {
    // Prepare: every one-secret result has the same size.
    const bytes = approximateBytes(fetchedWith(['a']));
    const inner = innerFetcher(fetchedWith(['a']), fetchedWith(['b']), fetchedWith(['c']));
    const fetchSecrets = cached(inner, { maxBytes: bytes * 2 });
    const [a, b, c] = ['a', 'b', 'c'].map((tagValue) => ({ tagKey: 'app', tagValue }));

    // Act
    await fetchSecrets(a!);
    await fetchSecrets(b!);
    await fetchSecrets(c!);
    const statuses = [(await fetchSecrets(c!)).cache, (await fetchSecrets(b!)).cache];
    const first = await fetchSecrets(a!);

    // Assess
    expect(statuses).toEqual(['hit', 'hit']);
    expect(first.cache).toBe('miss');
  });

  it('never keeps a result larger than maxBytes', async () => {
    // Prepare
    const big = fetchedWith(['a', 'b', 'c']);
    const inner = innerFetcher(big, big);
    const fetchSecrets = cached(inner, { maxBytes: approximateBytes(big) - 1 });

    // Act
    await fetchSecrets(APP1);
    const second = await fetchSecrets(APP1);

    // Assess
    expect(second.cache).toBe('miss');
  });
});

describe('approximateBytes', () => {
  it('counts names, ARNs and values at 2 bytes a character, and binaries as they are', () => {
    // Prepare
    const fetched: FetchedSecrets = {
      secrets: new Map([
        ['ab', { name: 'ab', arn: 'arn', secretString: 'xyz', secretBinary: undefined }],
        [
          'c',
          { name: 'c', arn: undefined, secretString: undefined, secretBinary: new Uint8Array(7) },
        ],
      ]),
      errors: [],
      apiCalls: 1,
      cache: 'miss',
    };

    // Act
    const bytes = approximateBytes(fetched);

    // Assess
    expect(bytes).toBe((2 + 3 + 3) * 2 + 1 * 2 + 7);
  });
});
