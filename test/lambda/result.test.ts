import type { SecretFailure } from '../../lambda/batch-get-secrets/fetch';
import {
  countsOf,
  statusOf,
  toHandlerResult,
  toResultBody,
  type Outcome,
  type ResultBody,
} from '../../lambda/batch-get-secrets/result';
import { APP1 } from './support/fixtures';

const denied: SecretFailure = {
  secretId: 'app1-db',
  errorCode: 'AccessDeniedException',
  message: 'not authorized',
};
const malformed: SecretFailure = {
  secretId: 'app1-cache',
  errorCode: 'MalformedSecretValue',
  message: 'SecretString is not a JSON object',
};
const undecryptable: SecretFailure = {
  secretId: 'app1-queue',
  errorCode: 'DecryptionFailure',
  message: 'cannot decrypt',
};

function fetched(retrieved: string[], failed: SecretFailure[]): Outcome {
  return { kind: 'fetched', filter: APP1, retrieved, failed, apiCalls: 1, cache: 'miss' };
}

describe('statusOf', () => {
  it.each<[string, Outcome, number]>([
    ['every matched secret was retrieved', fetched(['a', 'b'], []), 200],
    ['nothing matched', fetched([], []), 404],
    ['a secret was denied', fetched(['a'], [denied]), 403],
    ['every secret was denied', fetched([], [denied]), 403],
    ['a denial comes with a malformed value', fetched(['a'], [malformed, denied]), 403],
    ['a value is malformed', fetched(['a'], [malformed]), 502],
    ['another per-secret error occurred', fetched([], [undecryptable]), 502],
    [
      'the event is invalid',
      { kind: 'invalid-event', field: 'TagKey', reason: 'is required' },
      400,
    ],
    [
      'a whole call failed',
      {
        kind: 'fetch-failed',
        filter: APP1,
        errorName: 'ThrottlingException',
        apiCalls: 1,
        cache: 'miss',
      },
      502,
    ],
    ['something unexpected failed', { kind: 'internal-error', errorName: 'TypeError' }, 500],
  ])('answers %s with %i', (_label, outcome, status) => {
    // Act
    const statusCode = statusOf(outcome);

    // Assess
    expect(statusCode).toBe(status);
  });

  it('never answers 200 when any secret failed', () => {
    // Prepare
    const failures = [denied, malformed, undecryptable];

    // Act
    const statuses = failures.map((failure) => statusOf(fetched(['a'], [failure])));

    // Assess
    expect(statuses).not.toContain(200);
  });
});

describe('toResultBody', () => {
  it('sorts retrieved names and failures, and counts them', () => {
    // Prepare
    const outcome = fetched(['b', 'a'], [undecryptable, denied, malformed]);

    // Act
    const body = toResultBody(outcome);

    // Assess
    expect(body).toEqual<ResultBody>({
      message: 'Access denied to 1 of 5 secrets tagged app=app1',
      filter: { TagKey: 'app', TagValue: 'app1' },
      retrieved: ['a', 'b'],
      failed: [malformed, denied, undecryptable],
      counts: { matched: 5, retrieved: 2, failed: 3, denied: 1, apiCalls: 1 },
      cache: 'miss',
    });
  });

  it.each<[string, Outcome, string]>([
    ['every secret retrieved', fetched(['a'], []), 'Retrieved 1 secret tagged app=app1'],
    ['nothing matched', fetched([], []), 'No secrets tagged app=app1 were found'],
    ['a malformed value', fetched(['a'], [malformed]), '1 of 2 secrets tagged app=app1 could'],
  ])('summarises %s in the message', (_label, outcome, start) => {
    // Act
    const body = toResultBody(outcome);

    // Assess
    expect(body.message.startsWith(start)).toBe(true);
  });

  it('names the field of an invalid event, without a filter', () => {
    // Act
    const body = toResultBody({ kind: 'invalid-event', field: 'TagValue', reason: 'is required' });

    // Assess
    expect(body).toEqual({
      message: 'Invalid event: TagValue is required',
      field: 'TagValue',
      retrieved: [],
      failed: [],
      counts: { matched: 0, retrieved: 0, failed: 0, denied: 0, apiCalls: 0 },
    });
  });

  it('names the error of a whole-call failure and counts the calls made', () => {
    // Prepare
    const outcome: Outcome = {
      kind: 'fetch-failed',
      filter: APP1,
      errorName: 'InternalServiceError',
      apiCalls: 3,
      cache: 'refresh',
    };

    // Act
    const body = toResultBody(outcome);

    // Assess
    expect(body).toMatchObject({
      message: 'Secrets Manager request failed (InternalServiceError)',
      errorName: 'InternalServiceError',
      retrieved: [],
      counts: { apiCalls: 3 },
      cache: 'refresh',
    });
  });
});

describe('countsOf', () => {
  it('counts nothing for an outcome without a fetch', () => {
    // Act
    const counts = countsOf({ kind: 'internal-error', errorName: 'TypeError' });

    // Assess
    expect(counts).toEqual({ matched: 0, retrieved: 0, failed: 0, denied: 0, apiCalls: 0 });
  });
});

describe('toHandlerResult', () => {
  it('returns the status and the body as a JSON string', () => {
    // Prepare
    const outcome = fetched(['a'], []);

    // Act
    const result = toHandlerResult(outcome);

    // Assess
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual(toResultBody(outcome));
  });
});
