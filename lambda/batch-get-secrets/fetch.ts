/**
 * Fetches, in bulk, every secret matching a tag filter with BatchGetSecretValue.
 *
 * Knows nothing of HTTP statuses: it reports what Secrets Manager returned, keyed by secret name.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_BatchGetSecretValue.html
 */
import {
  paginateBatchGetSecretValue,
  type BatchGetSecretValueCommandInput,
  type BatchGetSecretValueResponse,
  type Filter,
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

/** Everything one filtered fetch returned. */
export interface FetchedSecrets {
  /** Retrieved secrets keyed by name: the order of `SecretValues` is not documented. */
  readonly secrets: ReadonlyMap<string, FetchedSecret>;
  /** Per-secret failures from the `Errors` of every page. */
  readonly errors: readonly SecretFailure[];
  /** Requests sent to Secrets Manager, one per page (SDK retries not counted). */
  readonly apiCalls: number;
}

/**
 * Fetches every secret tagged as `filter` says. Throws {@link SecretsFetchError} only when a
 * whole call fails; per-secret failures are returned in `errors`.
 *
 * This is the seam for a per-filter cache: a cache is a `SecretsFetcher` wrapping another.
 */
export type SecretsFetcher = (filter: TagFilter) => Promise<FetchedSecrets>;

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

/**
 * Fetches every page for `filter`, following NextToken to the end (the SDK paginator keeps going
 * while a NextToken comes back, even after a page with no values).
 */
export async function fetchSecretsByTag(
  client: SecretsManagerClient,
  filter: TagFilter,
): Promise<FetchedSecrets> {
  const input: BatchGetSecretValueCommandInput = {
    Filters: toBatchFilters(filter),
    MaxResults: PAGE_SIZE,
  };
  const secrets = new Map<string, FetchedSecret>();
  const errors: SecretFailure[] = [];
  let apiCalls = 0;

  try {
    // Each page is the answer to one request; the paginator asks for the next one lazily.
    for await (const page of paginateBatchGetSecretValue({ client }, input)) {
      apiCalls += 1;
      collectPage(page, secrets, errors);
    }
  } catch (error) {
    // The request that failed counts too.
    throw new SecretsFetchError({ cause: error, apiCalls: apiCalls + 1 });
  }

  return { secrets, errors, apiCalls };
}

/** A {@link SecretsFetcher} that always asks Secrets Manager through `client`. */
export function createSecretsFetcher(client: SecretsManagerClient): SecretsFetcher {
  return (filter) => fetchSecretsByTag(client, filter);
}
