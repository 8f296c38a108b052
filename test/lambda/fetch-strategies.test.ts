import {
  BatchGetSecretValueCommand,
  InternalServiceError,
  ListSecretsCommand,
  SecretsManagerClient,
  type BatchGetSecretValueCommandInput,
  type SecretValueEntry,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';

import { SecretsFetchError } from '../../lambda/batch-get-secrets/errors';
import {
  createSecretsFetcher,
  MAX_PARALLEL_BATCHES,
} from '../../lambda/batch-get-secrets/fetch-strategies';
import { APP1, arnOf, credentialsSecret, secretError } from './support/fixtures';
import { answerByOperation, listed, testClient } from './support/secrets-manager';

const secretsManager = mockClient(SecretsManagerClient);

const APP1_FILTERS = [
  { Key: 'tag-key', Values: ['app'] },
  { Key: 'tag-value', Values: ['app1'] },
];

function secretsNamed(prefix: string, count: number): SecretValueEntry[] {
  return Array.from({ length: count }, (_, i) =>
    credentialsSecret(`${prefix}-${String(i).padStart(3, '0')}`),
  );
}

/** Answers a SecretIdList request from `catalogue`, by ARN or name, in the order asked. */
function byIdsFrom(catalogue: readonly SecretValueEntry[]) {
  return (ids: readonly string[]) => ({
    SecretValues: ids.flatMap((id) => catalogue.filter((s) => s.ARN === id || s.Name === id)),
  });
}

beforeEach(() => {
  secretsManager.reset();
});

describe('createSecretsFetcher, adaptive', () => {
  const fetchAdaptive = () => createSecretsFetcher(testClient(), 'adaptive');

  it('makes one call and lists nothing when the first filtered page is the last', async () => {
    // Prepare
    const secrets = secretsNamed('app1', 20);
    const requests = answerByOperation(secretsManager, {
      filterPages: [{ SecretValues: secrets }],
    });

    // Act
    const fetched = await fetchAdaptive()(APP1);

    // Assess
    expect(fetched.apiCalls).toBe(1);
    expect(fetched.secrets.size).toBe(20);
    expect(requests.filterRequests).toEqual([{ Filters: APP1_FILTERS, MaxResults: 20 }]);
    expect(requests.listRequests).toEqual([]);
  });

  it('asks for the second page and the listing, and stops when that page is the last', async () => {
    // Prepare
    const secrets = secretsNamed('app1', 30);
    const requests = answerByOperation(secretsManager, {
      filterPages: [
        { SecretValues: secrets.slice(0, 20), NextToken: 'token-1' },
        { SecretValues: secrets.slice(20) },
      ],
      listPages: [listed(secrets)],
    });

    // Act
    const fetched = await fetchAdaptive()(APP1);

    // Assess
    expect(requests.filterRequests.map((r) => r.NextToken)).toEqual([undefined, 'token-1']);
    expect(requests.listRequests).toEqual([{ Filters: APP1_FILTERS, MaxResults: 100 }]);
    expect(requests.idRequests).toEqual([]);
    expect(fetched.secrets.size).toBe(30);
    expect(fetched.apiCalls).toBe(3);
  });

  it('sends the second page and the listing before either is answered', async () => {
    // Prepare
    const events: string[] = [];
    const answerLater = async <T>(label: string, answer: T): Promise<T> => {
      events.push(`${label} sent`);
      await new Promise((resolve) => setImmediate(resolve));
      events.push(`${label} answered`);
      return answer;
    };
    secretsManager
      .on(BatchGetSecretValueCommand)
      .callsFake((input: BatchGetSecretValueCommandInput) =>
        input.NextToken === undefined
          ? answerLater('page 1', { NextToken: 'token-1' })
          : answerLater('page 2', {}),
      );
    secretsManager.on(ListSecretsCommand).callsFake(() => answerLater('list', { SecretList: [] }));

    // Act
    await fetchAdaptive()(APP1);

    // Assess
    expect(events.slice(2, 4).sort()).toEqual(['list sent', 'page 2 sent']);
  });

  it('beyond two pages, fetches by ARN, 20 per call, only the listed secrets it does not have', async () => {
    // Prepare
    const secrets = secretsNamed('app1', 100);
    const requests = answerByOperation(secretsManager, {
      filterPages: [
        { SecretValues: secrets.slice(0, 20), NextToken: 'token-1' },
        { SecretValues: secrets.slice(20, 40), NextToken: 'token-2' },
      ],
      listPages: [listed(secrets)],
      byIds: byIdsFrom(secrets),
    });

    // Act
    const fetched = await fetchAdaptive()(APP1);

    // Assess
    expect(requests.filterRequests).toHaveLength(2);
    expect(requests.idRequests.map((ids) => ids.length)).toEqual([20, 20, 20]);
    expect(requests.idRequests.flat().sort()).toEqual(
      secrets
        .slice(40)
        .map((s) => s.ARN)
        .sort(),
    );
    expect([...fetched.secrets.keys()].sort()).toEqual(secrets.map((s) => s.Name).sort());
    expect(fetched.apiCalls).toBe(1 + 1 + 1 + 3);
  });

  it('does not fetch again a secret a filtered page reported as denied', async () => {
    // Prepare
    const secrets = secretsNamed('app1', 45);
    const deniedOnPage = secrets[5]!;
    const pageOne = secrets.slice(0, 20).filter((s) => s !== deniedOnPage);
    const requests = answerByOperation(secretsManager, {
      filterPages: [
        { SecretValues: pageOne, Errors: [secretError(deniedOnPage.Name!)], NextToken: 'token-1' },
        { SecretValues: secrets.slice(20, 40), NextToken: 'token-2' },
      ],
      listPages: [listed(secrets)],
      byIds: byIdsFrom(secrets),
    });

    // Act
    const fetched = await fetchAdaptive()(APP1);

    // Assess
    expect(requests.idRequests.flat()).not.toContain(deniedOnPage.ARN);
    expect(requests.idRequests.flat()).toHaveLength(5);
    expect(fetched.errors.map((e) => e.secretId)).toEqual([arnOf(deniedOnPage.Name!)]);
  });

  it('reports the per-secret Errors of the calls by ID, and keys secrets by name', async () => {
    // Prepare
    const secrets = secretsNamed('app1', 41);
    const last = secrets[40]!;
    answerByOperation(secretsManager, {
      filterPages: [
        { SecretValues: secrets.slice(0, 20), NextToken: 'token-1' },
        { SecretValues: secrets.slice(20, 40), NextToken: 'token-2' },
      ],
      listPages: [listed(secrets)],
      byIds: () => ({ SecretValues: [], Errors: [secretError(last.Name!)] }),
    });

    // Act
    const fetched = await fetchAdaptive()(APP1);

    // Assess
    expect(fetched.errors).toEqual([
      {
        secretId: last.ARN,
        errorCode: 'AccessDeniedException',
        message: `User is not authorized to perform: secretsmanager:GetSecretValue on ${last.Name}`,
      },
    ]);
    expect(fetched.secrets.has(secrets[0]!.Name!)).toBe(true);
    expect(fetched.secrets.has(last.Name!)).toBe(false);
  });

  it('follows ListSecrets pages', async () => {
    // Prepare
    const secrets = secretsNamed('app1', 150);
    const requests = answerByOperation(secretsManager, {
      filterPages: [
        { SecretValues: secrets.slice(0, 20), NextToken: 'token-1' },
        { SecretValues: secrets.slice(20, 40), NextToken: 'token-2' },
      ],
      listPages: [
        { ...listed(secrets.slice(0, 100)), NextToken: 'list-1' },
        listed(secrets.slice(100)),
      ],
      byIds: byIdsFrom(secrets),
    });

    // Act
    const fetched = await fetchAdaptive()(APP1);

    // Assess
    expect(requests.listRequests.map((r) => r.NextToken)).toEqual([undefined, 'list-1']);
    expect(fetched.secrets.size).toBe(150);
  });

  it.each([
    ['ListSecrets', { listFails: true, idFails: false }, 3],
    ['BatchGetSecretValue', { listFails: false, idFails: true }, 4],
  ])(
    'fails with SecretsFetchError naming %s, counting every call sent',
    async (operation, { listFails, idFails }, apiCalls) => {
      // Prepare
      const failure = new InternalServiceError({ message: 'service failed', $metadata: {} });
      const secrets = secretsNamed('app1', 60);
      answerByOperation(secretsManager, {
        filterPages: [
          { SecretValues: secrets.slice(0, 20), NextToken: 'token-1' },
          { SecretValues: secrets.slice(20, 40), NextToken: 'token-2' },
        ],
        listPages: listFails ? [] : [listed(secrets)],
        byIds: () => {
          if (idFails) {
            throw failure;
          }
          return { SecretValues: [] };
        },
      });

      // Act
      const fetching = fetchAdaptive()(APP1);

      // Assess
      await expect(fetching).rejects.toBeInstanceOf(SecretsFetchError);
      await expect(fetching).rejects.toMatchObject({ operation, apiCalls });
    },
  );
});

describe('createSecretsFetcher, list-then-batch', () => {
  it('lists first, then fetches by ID, never more than MAX_PARALLEL_BATCHES at once', async () => {
    // Prepare
    const secrets = secretsNamed('app1', 140);
    let inFlight = 0;
    let mostInFlight = 0;
    const requests = answerByOperation(secretsManager, {
      listPages: [
        { ...listed(secrets.slice(0, 100)), NextToken: 'list-1' },
        listed(secrets.slice(100)),
      ],
      byIds: async (ids) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        return byIdsFrom(secrets)(ids);
      },
    });

    // Act
    const fetched = await createSecretsFetcher(testClient(), 'list-then-batch')(APP1);

    // Assess
    expect(requests.filterRequests).toEqual([]);
    expect(requests.idRequests).toHaveLength(7);
    expect(mostInFlight).toBe(MAX_PARALLEL_BATCHES);
    expect(fetched.secrets.size).toBe(140);
    expect(fetched.apiCalls).toBe(2 + 7);
  });

  it('makes one ListSecrets call and nothing else when nothing matches', async () => {
    // Prepare
    const requests = answerByOperation(secretsManager, { listPages: [{ SecretList: [] }] });

    // Act
    const fetched = await createSecretsFetcher(testClient(), 'list-then-batch')(APP1);

    // Assess
    expect(fetched).toMatchObject({ apiCalls: 1, errors: [] });
    expect(requests.idRequests).toEqual([]);
  });
});

describe('createSecretsFetcher, filter-pages', () => {
  it('reports a refresh as such, and a plain fetch as a miss', async () => {
    // Prepare
    answerByOperation(secretsManager, { filterPages: [{}, {}] });
    const fetchSecrets = createSecretsFetcher(testClient(), 'filter-pages');

    // Act
    const plain = await fetchSecrets(APP1);
    const refreshed = await fetchSecrets(APP1, { refresh: true });

    // Assess
    expect([plain.cache, refreshed.cache]).toEqual(['miss', 'refresh']);
  });
});
