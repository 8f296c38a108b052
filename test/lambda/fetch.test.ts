import { InternalServiceError, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';

import { SecretsFetchError } from '../../lambda/batch-get-secrets/errors';
import { fetchSecretsByTag, PAGE_SIZE, toBatchFilters } from '../../lambda/batch-get-secrets/fetch';
import { createSecretsFetcher } from '../../lambda/batch-get-secrets/fetch-strategies';
import { APP1, arnOf, credentialsSecret, secretError } from './support/fixtures';
import { answerWithPages, testClient } from './support/secrets-manager';

const secretsManager = mockClient(SecretsManagerClient);

const APP1_FILTERS = [
  { Key: 'tag-key', Values: ['app'] },
  { Key: 'tag-value', Values: ['app1'] },
];

beforeEach(() => {
  secretsManager.reset();
});

describe('toBatchFilters', () => {
  it('filters on the tag key and the tag value, one value each', () => {
    // Act
    const filters = toBatchFilters(APP1);

    // Assess
    expect(filters).toEqual(APP1_FILTERS);
  });
});

describe('fetchSecretsByTag', () => {
  it('asks for full pages of 20 with the tag filters', async () => {
    // Prepare
    const requests = answerWithPages(secretsManager, [{ SecretValues: [] }]);

    // Act
    await fetchSecretsByTag(testClient(), APP1);

    // Assess
    expect(PAGE_SIZE).toBe(20);
    expect(requests).toEqual([{ Filters: APP1_FILTERS, MaxResults: 20 }]);
  });

  it('keys secrets by name and keeps their ARN, whatever order they come in', async () => {
    // Prepare
    const queue = credentialsSecret('app1-queue');
    const db = credentialsSecret('app1-db');
    answerWithPages(secretsManager, [{ SecretValues: [queue, db] }]);

    // Act
    const fetched = await fetchSecretsByTag(testClient(), APP1);

    // Assess
    expect([...fetched.secrets.keys()].sort()).toEqual(['app1-db', 'app1-queue']);
    expect(fetched.secrets.get('app1-db')).toEqual({
      name: 'app1-db',
      arn: arnOf('app1-db'),
      secretString: db.SecretString,
      secretBinary: undefined,
    });
  });

  it('follows NextToken through an empty page and counts one call per page', async () => {
    // Prepare
    const requests = answerWithPages(secretsManager, [
      { SecretValues: [credentialsSecret('app1-db')], NextToken: 'token-1' },
      { SecretValues: [], NextToken: 'token-2' },
      { SecretValues: [credentialsSecret('app1-queue')] },
    ]);

    // Act
    const fetched = await fetchSecretsByTag(testClient(), APP1);

    // Assess
    expect(requests.map((request) => request.NextToken)).toEqual([undefined, 'token-1', 'token-2']);
    expect(
      requests.every((request) => JSON.stringify(request.Filters) === JSON.stringify(APP1_FILTERS)),
    ).toBe(true);
    expect([...fetched.secrets.keys()].sort()).toEqual(['app1-db', 'app1-queue']);
    expect(fetched.apiCalls).toBe(3);
  });

  it('collects the per-secret Errors of every page', async () => {
    // Prepare
    answerWithPages(secretsManager, [
      { Errors: [secretError('app2-db')], NextToken: 'token-1' },
      { Errors: [secretError('app2-queue', 'DecryptionFailure')] },
    ]);

    // Act
    const fetched = await fetchSecretsByTag(testClient(), APP1);

    // Assess
    expect(fetched.errors.map(({ secretId, errorCode }) => ({ secretId, errorCode }))).toEqual([
      { secretId: arnOf('app2-db'), errorCode: 'AccessDeniedException' },
      { secretId: arnOf('app2-queue'), errorCode: 'DecryptionFailure' },
    ]);
    expect(fetched.secrets.size).toBe(0);
  });

  it('fills in an error that lacks its secret id, code or message', async () => {
    // Prepare
    answerWithPages(secretsManager, [{ Errors: [{}] }]);

    // Act
    const fetched = await fetchSecretsByTag(testClient(), APP1);

    // Assess
    expect(fetched.errors).toEqual([
      { secretId: 'unknown', errorCode: 'UnknownError', message: 'UnknownError' },
    ]);
  });

  it('throws SecretsFetchError wrapping a whole-call failure, with the calls made', async () => {
    // Prepare
    const failure = new InternalServiceError({ message: 'service failed', $metadata: {} });
    answerWithPages(secretsManager, [{ NextToken: 'token-1' }], failure);

    // Act
    const fetching = fetchSecretsByTag(testClient(), APP1);

    // Assess
    await expect(fetching).rejects.toBeInstanceOf(SecretsFetchError);
    await expect(fetching).rejects.toMatchObject({
      errorName: 'InternalServiceError',
      apiCalls: 2,
      cause: failure,
    });
  });
});

describe('createSecretsFetcher', () => {
  it('returns a fetcher a cache can wrap, asking Secrets Manager on every call', async () => {
    // Prepare
    const requests = answerWithPages(secretsManager, [{}, {}]);
    const fetchSecrets = createSecretsFetcher(testClient());

    // Act
    await fetchSecrets(APP1);
    const second = await fetchSecrets(APP1);

    // Assess
    expect(requests).toHaveLength(2);
    expect(second.apiCalls).toBe(1);
  });
});
