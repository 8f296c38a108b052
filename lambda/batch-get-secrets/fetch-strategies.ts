/**
 * The ways of fetching every secret a tag filter matches, and the one the handler uses.
 *
 * | strategy | API calls for N secrets | round trips, one after another |
 * | --- | --- | --- |
 * | `filter-pages` | ceil(N/20) BatchGetSecretValue | ceil(N/20) |
 * | `list-then-batch` | ceil(N/100) ListSecrets + ceil(N/20) BatchGetSecretValue | ceil(N/100) + 1 |
 * | `adaptive` | as `filter-pages` up to 40 secrets; above, about one more than it | 1, 2, then 3 |
 *
 * `adaptive` asks for the first filtered page. When that page is the last, it is done: one call,
 * as with `filter-pages`. Otherwise it asks for the second page and, at the same time, lists the
 * matching secrets (ListSecrets, 100 per page); when the second page is not the last either, it
 * fetches the listed secrets it does not have yet by ID, 20 per BatchGetSecretValue, in parallel.
 * `docs/benchmark.md` measures the three against each other.
 *
 * Quotas: ListSecrets and BatchGetSecretValue allow 100 requests per second each (GetSecretValue
 * 10,000), so at most {@link MAX_PARALLEL_BATCHES} batches are in flight at once.
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html
 *
 * NOTE: between the listing and the fetch by ID, a secret can be deleted (it comes back as a
 * ResourceNotFoundException in `errors`) or newly tagged (it is missed until the next fetch). The
 * filtered pages have the same window between pages, only longer.
 */
import { ListSecretsCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

import type { TagFilter } from './event';
import {
  fetchFilterPages,
  PAGE_SIZE,
  runFetch,
  toBatchFilters,
  type FetchRun,
  type SecretsFetcher,
} from './fetch';

/** Most secrets one ListSecrets page returns (the documented maximum of MaxResults). */
export const LIST_PAGE_SIZE = 100;

/** Most secrets one BatchGetSecretValue accepts in SecretIdList. */
export const ID_BATCH_SIZE = 20;

/** Most BatchGetSecretValue calls one fetch keeps in flight. */
export const MAX_PARALLEL_BATCHES = 5;

export const FETCH_STRATEGIES = ['filter-pages', 'list-then-batch', 'adaptive'] as const;

export type FetchStrategy = (typeof FETCH_STRATEGIES)[number];

/** The handler's strategy, chosen on the numbers in `docs/benchmark.md`. */
export const DEFAULT_FETCH_STRATEGY: FetchStrategy = 'adaptive';

/** Waits for both, so that no request is left running; then fails with the first failure. */
async function both<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  if (first.status === 'rejected') {
    throw first.reason;
  }
  if (second.status === 'rejected') {
    throw second.reason;
  }
  return [first.value, second.value];
}

/** Runs `work` on every item, at most `limit` at a time; stops starting new ones after a failure. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };

  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) {
    throw failure.error;
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result;
}

interface ListedSecret {
  readonly arn: string | undefined;
  readonly name: string | undefined;
}

/** Lists every secret the filter matches, following NextToken. */
export async function listMatchingSecrets(
  run: FetchRun,
  filter: TagFilter,
): Promise<ListedSecret[]> {
  const input = { Filters: toBatchFilters(filter), MaxResults: LIST_PAGE_SIZE };
  const listed: ListedSecret[] = [];
  let nextToken: string | undefined;
  do {
    const page = await run.call('ListSecrets', (abortSignal) =>
      run.client.send(new ListSecretsCommand({ ...input, NextToken: nextToken }), { abortSignal }),
    );
    for (const entry of page.SecretList ?? []) {
      listed.push({ arn: entry.ARN, name: entry.Name });
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return listed;
}

/** Fetches listed secrets by ARN (by name when the ARN is missing), 20 per call, in parallel. */
export async function fetchListed(run: FetchRun, listed: readonly ListedSecret[]): Promise<void> {
  const ids = listed.flatMap(({ arn, name }) => {
    const id = arn ?? name;
    return id === undefined ? [] : [id];
  });
  await forEachLimited(chunks(ids, ID_BATCH_SIZE), MAX_PARALLEL_BATCHES, (SecretIdList) =>
    run.batch({ SecretIdList }),
  );
}

async function fetchListThenBatch(run: FetchRun, filter: TagFilter): Promise<void> {
  await fetchListed(run, await listMatchingSecrets(run, filter));
}

async function fetchAdaptive(run: FetchRun, filter: TagFilter): Promise<void> {
  const input = { Filters: toBatchFilters(filter), MaxResults: PAGE_SIZE };
  const first = await run.batch(input);
  if (!first.NextToken) {
    return;
  }

  const [second, listed] = await both(
    run.batch({ ...input, NextToken: first.NextToken }),
    listMatchingSecrets(run, filter),
  );
  if (!second.NextToken) {
    return;
  }

  // The filtered pages are not continued: every secret they have not returned yet is listed.
  const missing = listed.filter(({ arn, name }) => !run.has(arn) && !run.has(name));
  await fetchListed(run, missing);
}

const STRATEGIES: Readonly<
  Record<FetchStrategy, (run: FetchRun, filter: TagFilter) => Promise<void>>
> = {
  'filter-pages': fetchFilterPages,
  'list-then-batch': fetchListThenBatch,
  adaptive: fetchAdaptive,
};

/** A {@link SecretsFetcher} that always asks Secrets Manager through `client`. */
export function createSecretsFetcher(
  client: SecretsManagerClient,
  strategy: FetchStrategy = DEFAULT_FETCH_STRATEGY,
): SecretsFetcher {
  const fetchAll = STRATEGIES[strategy];
  return (filter, options) => runFetch(client, options, (run) => fetchAll(run, filter));
}
