import {
  SecretsManagerClient,
  SecretsManagerServiceException,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';

import {
  APP1_EVENT,
  arnOf,
  binaryOnlySecret,
  credentialsSecret,
  expectNoLeak,
  fakeValue,
  leakMarkers,
  markersIn,
  REQUEST_ID,
  secretError,
  stringSecret,
} from './support/fixtures';
import { answerWithPages } from './support/secrets-manager';
import { runHandler } from './support/run-handler';

const secretsManager = mockClient(SecretsManagerClient);

/** A throttling error as the SDK raises it once its retries are spent. */
function throttling(message: string): SecretsManagerServiceException {
  return new SecretsManagerServiceException({
    name: 'ThrottlingException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message,
  });
}

const APP1_FILTERS = [
  { Key: 'tag-key', Values: ['app'] },
  { Key: 'tag-value', Values: ['app1'] },
];

beforeEach(() => {
  secretsManager.reset();
});

describe('Handler: batch-get-secrets', () => {
  it('returns 200 and every secret name, sorted, when one page holds all matching secrets', async () => {
    // Prepare
    const secrets = [credentialsSecret('app1-queue'), credentialsSecret('app1-db')];
    const requests = answerWithPages(secretsManager, [{ SecretValues: secrets }]);

    // Act
    const run = await runHandler(APP1_EVENT);

    // Assess
    expect(run.result.statusCode).toBe(200);
    expect(run.body).toEqual({
      message: 'Retrieved 2 secrets tagged app=app1; every resource is ready',
      filter: APP1_EVENT,
      retrieved: ['app1-db', 'app1-queue'],
      failed: [],
      counts: { matched: 2, retrieved: 2, failed: 0, denied: 0, apiCalls: 1 },
      cache: 'miss',
    });
    expect(requests).toEqual([{ Filters: APP1_FILTERS, MaxResults: 20 }]);
    expectNoLeak(leakMarkers(secrets), run.result, run.logLines);
  });

  it('with filter-pages, requests every page with the same filters, through an empty page with a NextToken', async () => {
    // Prepare
    const secrets = [
      credentialsSecret('app1-db'),
      credentialsSecret('app1-queue'),
      credentialsSecret('app1-cache'),
    ];
    const requests = answerWithPages(secretsManager, [
      { SecretValues: [secrets[0]!], NextToken: 'token-1' },
      { SecretValues: [], NextToken: 'token-2' },
      { SecretValues: [secrets[2]!, secrets[1]!] },
    ]);

    // Act
    const run = await runHandler(APP1_EVENT, { fetchStrategy: 'filter-pages' });

    // Assess
    expect(requests).toEqual([
      { Filters: APP1_FILTERS, MaxResults: 20, NextToken: undefined },
      { Filters: APP1_FILTERS, MaxResults: 20, NextToken: 'token-1' },
      { Filters: APP1_FILTERS, MaxResults: 20, NextToken: 'token-2' },
    ]);
    expect(run.result.statusCode).toBe(200);
    expect(run.body.retrieved).toEqual(['app1-cache', 'app1-db', 'app1-queue']);
    expect(run.body.counts.apiCalls).toBe(3);
    expectNoLeak(leakMarkers(secrets), run.result, run.logLines);
  });

  it('returns 403 listing the denied secret while still listing the retrieved ones', async () => {
    // Prepare
    const secrets = [credentialsSecret('app1-db')];
    answerWithPages(secretsManager, [{ SecretValues: secrets, Errors: [secretError('app2-db')] }]);

    // Act
    const run = await runHandler(APP1_EVENT);

    // Assess
    expect(run.result.statusCode).toBe(403);
    expect(run.body.retrieved).toEqual(['app1-db']);
    expect(run.body.failed).toEqual([
      {
        secretId: arnOf('app2-db'),
        errorCode: 'AccessDeniedException',
        message: 'User is not authorized to perform: secretsmanager:GetSecretValue on app2-db',
      },
    ]);
    expect(run.body.counts).toMatchObject({ matched: 2, retrieved: 1, failed: 1, denied: 1 });
    expectNoLeak(leakMarkers(secrets), run.result, run.logLines);
  });

  it('returns 404 when no secret matches the tag', async () => {
    // Prepare
    const stray = fakeValue();
    answerWithPages(secretsManager, [{ SecretValues: [], Errors: [] }]);

    // Act
    const run = await runHandler({ ...APP1_EVENT, note: stray });

    // Assess
    expect(run.result.statusCode).toBe(404);
    expect(run.body).toMatchObject({
      message: 'No secrets tagged app=app1 were found',
      retrieved: [],
      failed: [],
    });
    expectNoLeak(markersIn([stray]), run.result, run.logLines);
  });

  it('returns 502 naming the error, and nothing else of it, when the whole call fails', async () => {
    // Prepare
    const echoed = fakeValue();
    const failure = throttling(`Rate exceeded ${echoed}`);
    answerWithPages(secretsManager, [], failure);

    // Act
    const run = await runHandler(APP1_EVENT);

    // Assess
    expect(run.result.statusCode).toBe(502);
    expect(run.body).toMatchObject({
      message: 'Secrets Manager request failed (ThrottlingException)',
      errorName: 'ThrottlingException',
      retrieved: [],
      counts: { apiCalls: 1 },
    });
    expectNoLeak(markersIn([echoed]), run.result, run.logLines);
  });

  it('returns 502 without partial results when a later page fails', async () => {
    // Prepare
    const secrets = [credentialsSecret('app1-db')];
    const failure = throttling('Rate exceeded');
    answerWithPages(secretsManager, [{ SecretValues: secrets, NextToken: 'token-1' }], failure);

    // Act
    const run = await runHandler(APP1_EVENT, { fetchStrategy: 'filter-pages' });

    // Assess
    expect(run.result.statusCode).toBe(502);
    expect(run.body).toMatchObject({ retrieved: [], failed: [], counts: { apiCalls: 2 } });
    expectNoLeak(leakMarkers(secrets), run.result, run.logLines);
  });

  it.each([
    [
      'is not JSON',
      () => stringSecret('app1-cache', fakeValue()),
      'SecretString is not a JSON object',
    ],
    [
      'is JSON without password',
      () => stringSecret('app1-cache', JSON.stringify({ user: fakeValue() })),
      'SecretString has no string field "password"',
    ],
    [
      'is only SecretBinary',
      () => binaryOnlySecret('app1-cache'),
      'Secret holds only SecretBinary; expected a JSON SecretString',
    ],
  ])('returns 502 listing a secret whose value %s as malformed', async (_label, make, reason) => {
    // Prepare
    const secrets = [credentialsSecret('app1-db'), make()];
    answerWithPages(secretsManager, [{ SecretValues: secrets }]);

    // Act
    const run = await runHandler(APP1_EVENT);

    // Assess
    expect(run.result.statusCode).toBe(502);
    expect(run.body.retrieved).toEqual(['app1-db']);
    expect(run.body.failed).toEqual([
      { secretId: 'app1-cache', errorCode: 'MalformedSecretValue', message: reason },
    ]);
    expectNoLeak(leakMarkers(secrets), run.result, run.logLines);
  });

  it('returns 502 for a per-secret error other than a denial', async () => {
    // Prepare
    const secrets = [credentialsSecret('app1-db')];
    const errors = [secretError('app1-queue', 'DecryptionFailure')];
    answerWithPages(secretsManager, [{ SecretValues: secrets, Errors: errors }]);

    // Act
    const run = await runHandler(APP1_EVENT);

    // Assess
    expect(run.result.statusCode).toBe(502);
    expect(run.body.failed.map((failure) => failure.errorCode)).toEqual(['DecryptionFailure']);
    expectNoLeak(leakMarkers(secrets), run.result, run.logLines);
  });

  it('logs one JSON line per step with the request id, filter, counts and secret names', async () => {
    // Prepare
    const secrets = [credentialsSecret('app1-db'), stringSecret('app1-cache', fakeValue())];
    answerWithPages(secretsManager, [{ SecretValues: secrets, Errors: [secretError('app2-db')] }]);

    const stray = fakeValue();

    // Act
    const run = await runHandler({ ...APP1_EVENT, password: stray });

    // Assess
    const filter = { tagKey: 'app', tagValue: 'app1' };
    expect(run.logRecords).toEqual([
      expect.objectContaining({ level: 'info', message: 'Fetching secrets by tag', filter }),
      expect.objectContaining({
        message: 'Fetched secrets',
        counts: { matched: 3, apiCalls: 1 },
        secretNames: ['app1-cache', 'app1-db'],
      }),
      expect.objectContaining({ message: 'Resources ready', secretNames: ['app1-db'] }),
      expect.objectContaining({ level: 'warn', message: 'Some secrets could not be used' }),
      expect.objectContaining({ message: 'Returning result', statusCode: 403 }),
    ]);
    expect(run.logRecords.every((record) => record.requestId === REQUEST_ID)).toBe(true);
    expectNoLeak([...leakMarkers(secrets), ...markersIn([stray])], run.result, run.logLines);
  });
});
