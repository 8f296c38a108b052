import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';

import { handler } from '../../lambda/batch-get-secrets/index';
import {
  credentialsSecret,
  expectNoLeak,
  leakMarkers,
  PRODUCTION_EVENT,
  REQUEST_ID,
} from './support/fixtures';
import { answerWithPages, batchCalls } from './support/secrets-manager';

const secretsManager = mockClient(SecretsManagerClient);

beforeEach(() => {
  secretsManager.reset();
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('Lambda entry point', () => {
  it('answers the production event through its module-scope client, logging JSON to stdout', async () => {
    // Prepare
    const stdout: string[] = [];
    jest.spyOn(console, 'log').mockImplementation((line: string) => {
      stdout.push(line);
    });
    const secrets = [credentialsSecret('production-db')];
    answerWithPages(secretsManager, [{ SecretValues: secrets }]);

    // Act
    const result = await handler(PRODUCTION_EVENT, { awsRequestId: REQUEST_ID });

    // Assess
    expect(result.statusCode).toBe(200);
    expect(stdout.length).toBeGreaterThan(0);
    expect(stdout.map((line) => (JSON.parse(line) as { requestId: string }).requestId)).toEqual(
      stdout.map(() => REQUEST_ID),
    );
    expectNoLeak(leakMarkers(secrets), result, stdout);
  });

  it('keeps its cache between invocations: a warm repeat makes no call', async () => {
    // Prepare
    answerWithPages(secretsManager, [{ SecretValues: [credentialsSecret('app1-db')] }]);
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const event = { TagKey: 'app', TagValue: 'warm-test' };

    // Act
    await handler(event, { awsRequestId: REQUEST_ID });
    const warm = await handler(event, { awsRequestId: REQUEST_ID });

    // Assess
    expect(batchCalls(secretsManager)).toBe(1);
    expect(JSON.parse(warm.body)).toMatchObject({ cache: 'hit' });
  });

  it('logs a warning naming CACHE_TTL_SECONDS when its value is unusable, and still loads', () => {
    // Prepare
    const stdout: string[] = [];
    jest.spyOn(console, 'log').mockImplementation((line: string) => {
      stdout.push(line);
    });
    const previous = process.env.CACHE_TTL_SECONDS;
    process.env.CACHE_TTL_SECONDS = 'five minutes';

    // Act
    let fresh: typeof handler | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module instance reads the environment again
      fresh = (require('../../lambda/batch-get-secrets/index') as { handler: typeof handler })
        .handler;
    });
    process.env.CACHE_TTL_SECONDS = previous;

    // Assess
    expect(JSON.parse(stdout[0] ?? '{}')).toMatchObject({
      level: 'warn',
      message: 'Ignored an environment variable',
      field: 'CACHE_TTL_SECONDS',
      reason: 'must be a whole number of seconds from 0 to 300; using 300',
    });
    expect(stdout.join('\n')).not.toContain('five minutes');
    expect(typeof fresh).toBe('function');
  });
});
