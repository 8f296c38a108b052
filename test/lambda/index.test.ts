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
import { answerWithPages } from './support/secrets-manager';

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
});
