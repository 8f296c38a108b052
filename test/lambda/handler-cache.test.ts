import {
  SecretsManagerClient,
  SecretsManagerServiceException,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';

import { createHandler, type HandlerDependencies } from '../../lambda/batch-get-secrets/handler';
import type { ResultBody } from '../../lambda/batch-get-secrets/result';
import {
  APP1_EVENT,
  captureLogs,
  credentialsSecret,
  expectNoLeak,
  fakeValue,
  leakMarkers,
  REQUEST_ID,
  secretError,
  stringSecret,
} from './support/fixtures';
import { answerWithPages, batchCalls, testClient } from './support/secrets-manager';

const secretsManager = mockClient(SecretsManagerClient);

beforeEach(() => {
  secretsManager.reset();
});

/** One handler, so one cache, invoked several times as warm invocations would be. */
function warmHandler(dependencies: Partial<HandlerDependencies> = {}) {
  const logs = captureLogs();
  const handler = createHandler({ client: testClient(), logger: logs.logger, ...dependencies });
  const invoke = async (event: unknown) => {
    const result = await handler(event, { awsRequestId: REQUEST_ID });
    return { result, body: JSON.parse(result.body) as ResultBody };
  };
  return { invoke, logs };
}

describe('Handler: batch-get-secrets, cache', () => {
  it('answers a warm repeat from memory: zero API calls, and says so in body and logs', async () => {
    // Prepare
    const secrets = [credentialsSecret('app1-db'), credentialsSecret('app1-queue')];
    answerWithPages(secretsManager, [{ SecretValues: secrets }]);
    const { invoke, logs } = warmHandler();

    // Act
    const cold = await invoke(APP1_EVENT);
    const warm = await invoke(APP1_EVENT);

    // Assess
    expect(batchCalls(secretsManager)).toBe(1);
    expect(cold.body).toMatchObject({ cache: 'miss', counts: { apiCalls: 1 } });
    expect(warm.result.statusCode).toBe(200);
    expect(warm.body).toMatchObject({
      cache: 'hit',
      retrieved: ['app1-db', 'app1-queue'],
      counts: { matched: 2, retrieved: 2, apiCalls: 0 },
    });
    expect(logs.records()).toContainEqual(
      expect.objectContaining({ message: 'Fetched secrets', cache: 'hit' }),
    );
    expectNoLeak(leakMarkers(secrets), cold.result, warm.result, logs.lines);
  });

  it('asks Secrets Manager again when the event says Refresh: true, and reports a refresh', async () => {
    // Prepare
    answerWithPages(secretsManager, [
      { SecretValues: [credentialsSecret('app1-db')] },
      { SecretValues: [credentialsSecret('app1-db'), credentialsSecret('app1-new')] },
    ]);
    const { invoke } = warmHandler();

    // Act
    await invoke(APP1_EVENT);
    const refreshed = await invoke({ ...APP1_EVENT, Refresh: true });
    const warm = await invoke(APP1_EVENT);

    // Assess
    expect(batchCalls(secretsManager)).toBe(2);
    expect(refreshed.body).toMatchObject({ cache: 'refresh', counts: { apiCalls: 1 } });
    expect(warm.body).toMatchObject({ cache: 'hit', retrieved: ['app1-db', 'app1-new'] });
  });

  it.each([
    [
      'a denied secret (403)',
      () => ({ SecretValues: [credentialsSecret('app1-db')], Errors: [secretError('app2-db')] }),
      403,
    ],
    [
      'a malformed value (502)',
      () => ({ SecretValues: [stringSecret('app1-db', fakeValue())] }),
      502,
    ],
    [
      'a per-secret error (502)',
      () => ({ Errors: [secretError('app1-db', 'DecryptionFailure')] }),
      502,
    ],
    ['no match (404)', () => ({ SecretValues: [] }), 404],
  ])(
    'does not cache a result with %s: the next invocation asks again',
    async (_label, page, status) => {
      // Prepare
      answerWithPages(secretsManager, [page(), page()]);
      const { invoke } = warmHandler();

      // Act
      const first = await invoke(APP1_EVENT);
      const second = await invoke(APP1_EVENT);

      // Assess
      expect([first.result.statusCode, second.result.statusCode]).toEqual([status, status]);
      expect(second.body.cache).toBe('miss');
      expect(batchCalls(secretsManager)).toBe(2);
    },
  );

  it('does not cache a failed call, and reports the miss in the 502', async () => {
    // Prepare
    const failure = new SecretsManagerServiceException({
      name: 'ThrottlingException',
      $fault: 'client',
      $metadata: {},
      message: 'Rate exceeded',
    });
    answerWithPages(secretsManager, [], failure);
    const { invoke } = warmHandler();

    // Act
    const first = await invoke(APP1_EVENT);
    const second = await invoke({ ...APP1_EVENT, Refresh: true });

    // Assess
    expect(first.result.statusCode).toBe(502);
    expect(first.body.cache).toBe('miss');
    expect(second.body.cache).toBe('refresh');
    expect(batchCalls(secretsManager)).toBe(2);
  });

  it('with a TTL of 0, asks Secrets Manager on every invocation', async () => {
    // Prepare
    const page = () => ({ SecretValues: [credentialsSecret('app1-db')] });
    answerWithPages(secretsManager, [page(), page()]);
    const { invoke } = warmHandler({ cache: { ttlSeconds: 0 } });

    // Act
    await invoke(APP1_EVENT);
    const second = await invoke(APP1_EVENT);

    // Assess
    expect(second.body.cache).toBe('miss');
    expect(batchCalls(secretsManager)).toBe(2);
  });

  it('expires entries after the TTL, on the clock it is given', async () => {
    // Prepare
    let now = 0;
    const page = () => ({ SecretValues: [credentialsSecret('app1-db')] });
    answerWithPages(secretsManager, [page(), page()]);
    const { invoke } = warmHandler({ cache: { ttlSeconds: 300, now: () => now } });

    // Act
    await invoke(APP1_EVENT);
    now = 299_000;
    const within = await invoke(APP1_EVENT);
    now = 300_000;
    const after = await invoke(APP1_EVENT);

    // Assess
    expect([within.body.cache, after.body.cache]).toEqual(['hit', 'miss']);
    expect(batchCalls(secretsManager)).toBe(2);
  });
});
