/**
 * The handler's flow: event → validation → fetch → check values → result. Each step is a pure
 * function of its own module; this file only wires them and logs one line per step.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context } from 'aws-lambda';

import { errorNameOf, SecretsFetchError } from './errors';
import { validateEvent, type TagFilter } from './event';
import { createSecretsFetcher, type FetchedSecrets, type SecretsFetcher } from './fetch';
import { createLogger, type Logger } from './log';
import { countsOf, toHandlerResult, type HandlerResult, type Outcome } from './result';
import { inspectSecrets } from './secret-value';

/** Logged when Lambda gives no request id, e.g. in an offline walkthrough. */
export const UNKNOWN_REQUEST_ID = 'unknown';

export type BatchGetSecretsHandler = (
  event: unknown,
  context?: Pick<Context, 'awsRequestId'>,
) => Promise<HandlerResult>;

export interface HandlerDependencies {
  /** Client used for BatchGetSecretValue; point it at a stand-in to run offline. */
  readonly client: SecretsManagerClient;
  /**
   * Where log lines go.
   * @default a logger writing JSON lines to stdout
   */
  readonly logger?: Logger;
}

async function fetchOutcome(
  fetchSecrets: SecretsFetcher,
  filter: TagFilter,
  log: Logger,
): Promise<Outcome> {
  let fetched: FetchedSecrets;
  try {
    fetched = await fetchSecrets(filter);
  } catch (error) {
    if (!(error instanceof SecretsFetchError)) {
      throw error;
    }
    const { errorName, apiCalls } = error;
    log.error('Secrets Manager call failed', { filter, errorName, counts: { apiCalls } });
    return { kind: 'fetch-failed', filter, errorName, apiCalls };
  }

  const { ready, malformed } = inspectSecrets(fetched.secrets.values());
  const failed = [...fetched.errors, ...malformed];
  log.info('Fetched secrets', {
    filter,
    counts: { matched: fetched.secrets.size + fetched.errors.length, apiCalls: fetched.apiCalls },
    secretNames: [...fetched.secrets.keys()].sort(),
  });

  if (ready.length > 0) {
    log.info('Resources ready', { filter, secretNames: ready });
  }
  if (failed.length > 0) {
    log.warn('Some secrets could not be used', { filter, failed });
  }

  return { kind: 'fetched', filter, retrieved: ready, failed, apiCalls: fetched.apiCalls };
}

/** Builds a handler around an injected client and logger; never throws. */
export function createHandler(dependencies: HandlerDependencies): BatchGetSecretsHandler {
  const logger = dependencies.logger ?? createLogger();
  const fetchSecrets = createSecretsFetcher(dependencies.client);

  return async (event, context) => {
    const log = logger.child({ requestId: context?.awsRequestId ?? UNKNOWN_REQUEST_ID });
    let outcome: Outcome;

    try {
      const validation = validateEvent(event);
      if (validation.valid) {
        log.info('Fetching secrets by tag', { filter: validation.filter });
        outcome = await fetchOutcome(fetchSecrets, validation.filter, log);
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
