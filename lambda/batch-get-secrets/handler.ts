/**
 * The handler's flow: event → validation → fetch (through the cache) → check values → result.
 * Each step is a function of its own module; this file only wires them and logs one line per step.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context } from 'aws-lambda';

import { createCachingFetcher, DEFAULT_CACHE_TTL_SECONDS, type CacheOptions } from './cache';
import { errorNameOf, SecretsFetchError } from './errors';
import { validateEvent, type TagFilter } from './event';
import type { FetchedSecrets, FetchOptions, SecretsFetcher } from './fetch';
import {
  createSecretsFetcher,
  DEFAULT_FETCH_STRATEGY,
  type FetchStrategy,
} from './fetch-strategies';
import { createLogger, type Logger } from './log';
import { countsOf, toHandlerResult, type HandlerResult, type Outcome } from './result';
import { inspectSecrets } from './secret-value';

/** Logged when Lambda gives no request id, e.g. in an offline walkthrough. */
export const UNKNOWN_REQUEST_ID = 'unknown';

/**
 * Time kept back from the invocation's remaining time: requests still running then are aborted,
 * leaving this long to answer 502 and log it before Lambda stops the function.
 */
export const DEADLINE_MARGIN_MS = 1_000;

export type BatchGetSecretsHandler = (
  event: unknown,
  context?: Pick<Context, 'awsRequestId'> & Partial<Pick<Context, 'getRemainingTimeInMillis'>>,
) => Promise<HandlerResult>;

export interface HandlerDependencies {
  /** Client used for Secrets Manager; point it at a stand-in to run offline. */
  readonly client: SecretsManagerClient;
  /**
   * Where log lines go.
   * @default a logger writing JSON lines to stdout
   */
  readonly logger?: Logger;
  /**
   * How the secrets are fetched.
   * @default DEFAULT_FETCH_STRATEGY
   */
  readonly fetchStrategy?: FetchStrategy;
  /**
   * The per-filter cache; `{ ttlSeconds: 0 }` turns it off.
   * @default { ttlSeconds: DEFAULT_CACHE_TTL_SECONDS }
   */
  readonly cache?: CacheOptions;
}

/**
 * Only a result that answers 200 is cached: secrets found, none failed, every value well formed.
 * Anything else is asked again, so a fixed tag or policy shows at the next invocation.
 */
export function isCacheable(fetched: FetchedSecrets): boolean {
  return (
    fetched.secrets.size > 0 &&
    fetched.errors.length === 0 &&
    inspectSecrets(fetched.secrets.values()).malformed.length === 0
  );
}

async function fetchOutcome(
  fetchSecrets: SecretsFetcher,
  filter: TagFilter,
  options: FetchOptions,
  log: Logger,
): Promise<Outcome> {
  let fetched: FetchedSecrets;
  try {
    fetched = await fetchSecrets(filter, options);
  } catch (error) {
    if (!(error instanceof SecretsFetchError)) {
      throw error;
    }
    const { errorName, apiCalls } = error;
    const cache = options.refresh === true ? 'refresh' : 'miss';
    log.error('Secrets Manager call failed', { filter, errorName, counts: { apiCalls }, cache });
    return { kind: 'fetch-failed', filter, errorName, apiCalls, cache };
  }

  const { ready, malformed } = inspectSecrets(fetched.secrets.values());
  const failed = [...fetched.errors, ...malformed];
  log.info('Fetched secrets', {
    filter,
    counts: { matched: fetched.secrets.size + fetched.errors.length, apiCalls: fetched.apiCalls },
    secretNames: [...fetched.secrets.keys()].sort(),
    cache: fetched.cache,
  });

  if (ready.length > 0) {
    log.info('Resources ready', { filter, secretNames: ready });
  }
  if (failed.length > 0) {
    log.warn('Some secrets could not be used', { filter, failed });
  }

  return {
    kind: 'fetched',
    filter,
    retrieved: ready,
    failed,
    apiCalls: fetched.apiCalls,
    cache: fetched.cache,
  };
}

/** An abort signal firing {@link DEADLINE_MARGIN_MS} before the invocation would time out. */
function deadlineOf(context: Parameters<BatchGetSecretsHandler>[1]): AbortSignal | undefined {
  const remaining = context?.getRemainingTimeInMillis?.();
  return remaining === undefined
    ? undefined
    : AbortSignal.timeout(Math.max(0, remaining - DEADLINE_MARGIN_MS));
}

/** Builds a handler around an injected client and logger; never throws. */
export function createHandler(dependencies: HandlerDependencies): BatchGetSecretsHandler {
  const logger = dependencies.logger ?? createLogger();
  const fetchSecrets = createCachingFetcher(
    createSecretsFetcher(dependencies.client, dependencies.fetchStrategy ?? DEFAULT_FETCH_STRATEGY),
    { isCacheable, ...(dependencies.cache ?? { ttlSeconds: DEFAULT_CACHE_TTL_SECONDS }) },
  );

  return async (event, context) => {
    const log = logger.child({ requestId: context?.awsRequestId ?? UNKNOWN_REQUEST_ID });
    let outcome: Outcome;

    try {
      const validation = validateEvent(event);
      if (validation.valid) {
        const { filter, refresh } = validation;
        log.info('Fetching secrets by tag', { filter });
        const options = { refresh, abortSignal: deadlineOf(context) };
        outcome = await fetchOutcome(fetchSecrets, filter, options, log);
      } else {
        const { field, reason } = validation;
        log.warn('Rejected invalid event', { field, reason });
        outcome = { kind: 'invalid-event', field, reason };
      }
    } catch (error) {
      const errorName = errorNameOf(error);
      log.error('Unexpected error', { errorName });
      outcome = { kind: 'internal-error', errorName };
    }

    const result = toHandlerResult(outcome);
    log.info('Returning result', { statusCode: result.statusCode, counts: countsOf(outcome) });
    return result;
  };
}
