/**
 * Fetches, in bulk, every secret matching a tag filter with BatchGetSecretValue.
 *
 * Knows nothing of HTTP statuses: it reports what Secrets Manager returned, keyed by secret name.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_BatchGetSecretValue.html
 */
import {
  BatchGetSecretValueCommand,
  type BatchGetSecretValueCommandInput,
  type BatchGetSecretValueResponse,
  type Filter,
  paginateBatchGetSecretValue,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

import { SecretsFetchError } from './errors';
import type { TagFilter } from './event';

/** Most secrets BatchGetSecretValue returns in one page (the documented maximum of MaxResults). */
export const PAGE_SIZE = 20;

/** Stand-in for an identifier Secrets Manager left out of a response. */
export const UNKNOWN_SECRET_ID = 'unknown';

/** Stand-in for an error code Secrets Manager left out of a response. */
export const UNKNOWN_ERROR_CODE = 'UnknownError';

/**
 * One retrieved secret. Holds the secret value: pass it on, never log or return it.
 */
export interface FetchedSecret {
  readonly name: string;
  readonly arn: string | undefined;
  readonly secretString: string | undefined;
  readonly secretBinary: Uint8Array | undefined;
}

/** A secret Secrets Manager matched but did not return, or that this function cannot use. */
export interface SecretFailure {
  /** Name or ARN, as Secrets Manager reported it. */
  readonly secretId: string;
  /** For example `AccessDeniedException`, `DecryptionFailure` or `MalformedSecretValue`. */
  readonly errorCode: string;
  readonly message: string;
}

/**
 * Where a result came from: `hit` from memory, without calling Secrets Manager; `miss` from
 * Secrets Manager because nothing usable was cached; `refresh` from Secrets Manager because the
 * caller asked for fresh values.
 */
export type CacheStatus = 'hit' | 'miss' | 'refresh';

/** Everything one filtered fetch returned. */
export interface FetchedSecrets {
  /** Retrieved secrets keyed by name: the order of `SecretValues` is not documented. */
  readonly secrets: ReadonlyMap<string, FetchedSecret>;
  /** Per-secret failures from the `Errors` of every page. */
  readonly errors: readonly SecretFailure[];
  /** Requests sent to Secrets Manager (SDK retries not counted); 0 for a cache hit. */
  readonly apiCalls: number;
  /** How this result was obtained. */
  readonly cache: CacheStatus;
}

export interface FetchOptions {
  /** Skip any cached result and ask Secrets Manager. */
  readonly refresh?: boolean;
  /** Aborts requests still running when the invocation is about to time out. */
  readonly abortSignal?: AbortSignal;
}

/**
 * Fetches every secret tagged as `filter` says. Throws {@link SecretsFetchError} only when a
 * whole call fails; per-secret failures are returned in `errors`.
 *
 * This is the seam for a per-filter cache: a cache is a `SecretsFetcher` wrapping another.
 */
export type SecretsFetcher = (filter: TagFilter, options?: FetchOptions) => Promise<FetchedSecrets>;

/**
 * The Filters sent for a tag.
 *
 * NOTE: `tag-key` and `tag-value` are separate, case-sensitive prefix matches. A secret matches
 * when any of its tags has a key starting with TagKey and any has a value starting with TagValue,
 * not necessarily the same tag: `app`/`app1` also selects secrets tagged `app`/`app10`. The
 * response does not carry tags, so this function cannot narrow the match; the role's tag-based
 * policy decides what is readable, and anything wrongly selected comes back as a denial.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_Filter.html
 */
export function toBatchFilters(filter: TagFilter): Filter[] {
  return [
    { Key: 'tag-key', Values: [filter.tagKey] },
    { Key: 'tag-value', Values: [filter.tagValue] },
  ];
}

/** Adds one page's values and errors to the running totals. */
export function collectPage(
  page: BatchGetSecretValueResponse,
  secrets: Map<string, FetchedSecret>,
  errors: SecretFailure[],
): void {
  for (const entry of page.SecretValues ?? []) {
    const name = entry.Name ?? entry.ARN ?? UNKNOWN_SECRET_ID;
    secrets.set(name, {
      name,
      arn: entry.ARN,
      secretString: entry.SecretString,
      secretBinary: entry.SecretBinary,
    });
  }

  for (const error of page.Errors ?? []) {
    const errorCode = error.ErrorCode ?? UNKNOWN_ERROR_CODE;
    errors.push({
      secretId: error.SecretId ?? UNKNOWN_SECRET_ID,
      errorCode,
      message: error.Message ?? errorCode,
    });
  }
}

/** A whole call that failed, remembered with the operation's name until the fetch gives up. */
class CallFailure extends Error {
  public constructor(
    public readonly operation: string,
    cause: unknown,
  ) {
    super(`${operation} failed`, { cause });
    this.name = 'CallFailure';
  }
}

/**
 * The running state of one fetch: what was collected, how many requests were sent, and the
 * abort signal every request carries. Each strategy drives one.
 */
export class FetchRun {
  public readonly secrets = new Map<string, FetchedSecret>();
  public readonly errors: SecretFailure[] = [];
  public apiCalls = 0;
  /** Names and ARNs of the secrets retrieved, and the ids of those reported as failed. */
  private readonly seen = new Set<string>();

  public constructor(
    public readonly client: SecretsManagerClient,
    public readonly abortSignal: AbortSignal | undefined,
  ) {}

  /** Sends one request, counting it whether or not it succeeds. */
  public async call<T>(operation: string, send: (abortSignal?: AbortSignal) => Promise<T>) {
    this.apiCalls += 1;
    try {
      return await send(this.abortSignal);
    } catch (error) {
      throw new CallFailure(operation, error);
    }
  }

  /** One BatchGetSecretValue request; its values and errors are collected. */
  public async batch(input: BatchGetSecretValueCommandInput): Promise<BatchGetSecretValueResponse> {
    const page = await this.call('BatchGetSecretValue', (abortSignal) =>
      this.client.send(new BatchGetSecretValueCommand(input), { abortSignal }),
    );
    this.collect(page);
    return page;
  }

  /**
   * Every page of a paginator, one request each; a request that fails is counted and ends the run.
   */
  public async batchPages(pages: AsyncIterable<BatchGetSecretValueResponse>): Promise<void> {
    try {
      for await (const page of pages) {
        this.apiCalls += 1;
        this.collect(page);
      }
    } catch (error) {
      this.apiCalls += 1;
      throw new CallFailure('BatchGetSecretValue', error);
    }
  }

  private collect(page: BatchGetSecretValueResponse): void {
    collectPage(page, this.secrets, this.errors);
    for (const entry of page.SecretValues ?? []) {
      [entry.Name, entry.ARN].forEach((id) => id !== undefined && this.seen.add(id));
    }
    for (const error of page.Errors ?? []) {
      if (error.SecretId !== undefined) {
        this.seen.add(error.SecretId);
      }
    }
  }

  /** Whether a secret, by name or ARN, was already retrieved or reported as failed. */
  public has(id: string | undefined): boolean {
    return id !== undefined && this.seen.has(id);
  }
}

/**
 * Runs a strategy and returns what it collected. A failed call becomes a
 * {@link SecretsFetchError} counting every request sent, the failed one included.
 */
export async function runFetch(
  client: SecretsManagerClient,
  options: FetchOptions | undefined,
  strategy: (run: FetchRun) => Promise<void>,
): Promise<FetchedSecrets> {
  const run = new FetchRun(client, options?.abortSignal);
  try {
    await strategy(run);
  } catch (error) {
    if (!(error instanceof CallFailure)) {
      throw error;
    }
    throw new SecretsFetchError({
      cause: error.cause,
      apiCalls: run.apiCalls,
      operation: error.operation,
    });
  }
  const cache: CacheStatus = options?.refresh === true ? 'refresh' : 'miss';
  return { secrets: run.secrets, errors: run.errors, apiCalls: run.apiCalls, cache };
}

/**
 * Follows the filtered pages one after another with the SDK's paginator until no NextToken comes
 * back, even after a page with no values: ceil(N / 20) requests for N matching secrets, each
 * waiting for the one before.
 */
export async function fetchFilterPages(run: FetchRun, filter: TagFilter): Promise<void> {
  const pages = paginateBatchGetSecretValue(
    { client: run.client, pageSize: PAGE_SIZE },
    { Filters: toBatchFilters(filter) },
    { abortSignal: run.abortSignal },
  );
  await run.batchPages(pages);
}

/** Fetches every page for `filter`, one after another (see {@link fetchFilterPages}). */
export function fetchSecretsByTag(
  client: SecretsManagerClient,
  filter: TagFilter,
  options?: FetchOptions,
): Promise<FetchedSecrets> {
  return runFetch(client, options, (run) => fetchFilterPages(run, filter));
}
