import {
  ListSecretsCommand,
  paginateListSecrets,
  type Filter,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

import { numbered, secret, start, stopStandIn, tag } from './support/stand-in';

afterEach(async () => {
  await stopStandIn();
});

async function namesMatching(client: SecretsManagerClient, filters: Filter[]): Promise<string[]> {
  const page = await client.send(new ListSecretsCommand({ Filters: filters }));
  return (page.SecretList ?? []).map((entry) => entry.Name ?? '');
}

describe('Stand-in: filters', () => {
  it('matches tag keys and tag values as separate, unpaired prefixes', async () => {
    // Prepare
    const client = await start({
      secrets: [
        secret('exact', { app: 'app1' }),
        secret('longer-value', { app: 'app10' }),
        secret('unpaired', { app: 'x', owner: 'app1' }),
        secret('longer-key', { application: 'app1' }),
        secret('no-key', { owner: 'app1' }),
        secret('no-value', { app: 'app2' }),
      ],
    });

    // Act
    const names = await namesMatching(client, tag('app', 'app1'));

    // Assess
    expect(names).toEqual(['exact', 'longer-value', 'unpaired', 'longer-key']);
  });

  it('matches case-sensitively', async () => {
    // Prepare
    const client = await start({
      secrets: [secret('upper-key', { App: 'app1' }), secret('upper-value', { app: 'App1' })],
    });

    // Act
    const names = await namesMatching(client, tag('app', 'app1'));

    // Assess
    expect(names).toEqual([]);
  });

  it('matches names by case-sensitive prefix, and ORs the values of one filter', async () => {
    // Prepare
    const client = await start({
      secrets: [secret('db-1', {}), secret('DB-2', {}), secret('queue-1', {}), secret('cache', {})],
    });

    // Act
    const names = await namesMatching(client, [{ Key: 'name', Values: ['db', 'queue'] }]);

    // Assess
    expect(names).toEqual(['db-1', 'queue-1']);
  });

  it.each([
    ['a filter key it does not model', [{ Key: 'description', Values: ['x'] }]],
    ['a negation', [{ Key: 'tag-key', Values: ['!app'] }]],
    ['a key Secrets Manager does not have', [{ Key: 'colour', Values: ['x'] }]],
    ['a value outside the Filter pattern', [{ Key: 'name', Values: ['a*'] }]],
  ])('rejects %s with ValidationException', async (_label, filters) => {
    // Prepare
    const client = await start({ secrets: [] });

    // Act
    const listing = client.send(new ListSecretsCommand({ Filters: filters as Filter[] }));

    // Assess
    await expect(listing).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
  });
});

describe('Stand-in: ListSecrets', () => {
  it('pages by NextToken, 100 at most, or maxPageSize', async () => {
    // Prepare
    const client = await start({ secrets: numbered('s', 25, { app: 'app1' }), maxPageSize: 10 });

    // Act
    const sizes: number[] = [];
    for await (const page of paginateListSecrets({ client }, { MaxResults: 100 })) {
      sizes.push(page.SecretList?.length ?? 0);
    }

    // Assess
    expect(sizes).toEqual([10, 10, 5]);
  });

  it('rejects MaxResults above 100', async () => {
    // Prepare
    const client = await start({ secrets: [] });

    // Act
    const listing = client.send(new ListSecretsCommand({ MaxResults: 101 }));

    // Assess
    await expect(listing).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('rejects a NextToken from another query', async () => {
    // Prepare
    const client = await start({ secrets: numbered('s', 3, { app: 'app1' }) });
    const first = await client.send(new ListSecretsCommand({ MaxResults: 1 }));

    // Act
    const listing = client.send(
      new ListSecretsCommand({ MaxResults: 1, NextToken: first.NextToken, Filters: tag('a', 'b') }),
    );

    // Assess
    await expect(listing).rejects.toMatchObject({ name: 'InvalidNextTokenException' });
  });

  it('answers HTTP 400 AccessDeniedException when ListSecrets is denied', async () => {
    // Prepare
    const client = await start({
      secrets: [],
      authorize: () => ({ allowed: false, explanation: 'no identity-based policy allows it' }),
    });

    // Act
    const listing = client.send(new ListSecretsCommand({}));

    // Assess
    await expect(listing).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: 'no identity-based policy allows it',
      $metadata: { httpStatusCode: 400 },
    });
  });
});
