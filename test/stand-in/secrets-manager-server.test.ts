import {
  BatchGetSecretValueCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  paginateBatchGetSecretValue,
  paginateListSecrets,
  SecretsManagerClient,
  type Filter,
} from '@aws-sdk/client-secrets-manager';

import {
  standInClientConfig,
  startStandIn,
  type AuthorizationRequest,
  type StandIn,
  type StandInOptions,
  type StandInSecret,
} from '../../tools/stand-in/secrets-manager-server';

let standIn: StandIn | undefined;

afterEach(async () => {
  await standIn?.stop();
  standIn = undefined;
});

function secret(name: string, tags: Record<string, string>): StandInSecret {
  return { name, tags, secretString: JSON.stringify({ user: name, password: `pw-${name}` }) };
}

function numbered(prefix: string, count: number, tags: Record<string, string>): StandInSecret[] {
  return Array.from({ length: count }, (_, i) => secret(`${prefix}-${i}`, tags));
}

async function start(options: StandInOptions): Promise<SecretsManagerClient> {
  standIn = await startStandIn(options);
  return new SecretsManagerClient({ ...standInClientConfig(standIn), maxAttempts: 1 });
}

const tag = (key: string, value: string): Filter[] => [
  { Key: 'tag-key', Values: [key] },
  { Key: 'tag-value', Values: [value] },
];

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

describe('Stand-in: BatchGetSecretValue with Filters', () => {
  it('pages 20 at most, following NextToken to the end', async () => {
    // Prepare
    const client = await start({ secrets: numbered('s', 45, { app: 'app1' }) });

    // Act
    const sizes: number[] = [];
    const pages = paginateBatchGetSecretValue(
      { client },
      { Filters: tag('app', 'app1'), MaxResults: 20 },
    );
    for await (const page of pages) {
      sizes.push(page.SecretValues?.length ?? 0);
    }

    // Assess
    expect(sizes).toEqual([20, 20, 5]);
  });

  it('rejects MaxResults above 20', async () => {
    // Prepare
    const client = await start({ secrets: [] });

    // Act
    const batch = client.send(
      new BatchGetSecretValueCommand({ Filters: tag('app', 'app1'), MaxResults: 21 }),
    );

    // Assess
    await expect(batch).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('can serve empty pages that still carry a NextToken', async () => {
    // Prepare
    const client = await start({
      secrets: numbered('s', 3, { app: 'app1' }),
      leadingEmptyBatchPages: 2,
    });

    // Act
    const pages: { values: number; next: boolean }[] = [];
    for await (const page of paginateBatchGetSecretValue(
      { client },
      { Filters: tag('app', 'app1') },
    )) {
      pages.push({ values: page.SecretValues?.length ?? 0, next: page.NextToken !== undefined });
    }

    // Assess
    expect(pages).toEqual([
      { values: 0, next: true },
      { values: 0, next: true },
      { values: 3, next: false },
    ]);
  });

  it('returns values with name, ARN and SecretString', async () => {
    // Prepare
    const stored = secret('db', { app: 'app1' });
    const client = await start({ secrets: [stored] });

    // Act
    const page = await client.send(new BatchGetSecretValueCommand({ Filters: tag('app', 'app1') }));

    // Assess
    const [value] = page.SecretValues ?? [];
    expect(page.SecretValues).toHaveLength(1);
    expect(value).toMatchObject({ Name: 'db', SecretString: stored.secretString });
    expect(value?.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:111122223333:secret:db-\w{6}$/);
  });

  it('asks for BatchGetSecretValue, then ListSecrets, then GetSecretValue per matching secret', async () => {
    // Prepare
    const requests: AuthorizationRequest[] = [];
    const client = await start({
      secrets: [secret('a', { app: 'app1' }), secret('b', { app: 'app2' })],
      authorize: async (request) => {
        requests.push(request);
        return Promise.resolve({ allowed: true });
      },
    });

    // Act
    await client.send(new BatchGetSecretValueCommand({ Filters: tag('app', 'app1') }));

    // Assess
    expect(requests.map(({ action, secret: s }) => [action, s?.name])).toEqual([
      ['secretsmanager:BatchGetSecretValue', undefined],
      ['secretsmanager:ListSecrets', undefined],
      ['secretsmanager:GetSecretValue', 'a'],
    ]);
    expect(requests[2]?.secret?.arn).toMatch(/:secret:a-\w{6}$/);
  });

  it.each(['secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets'])(
    'fails the whole call with HTTP 400 AccessDeniedException when %s is denied',
    async (denied) => {
      // Prepare
      const client = await start({
        secrets: [secret('a', { app: 'app1' })],
        authorize: ({ action }) => ({ allowed: action !== denied }),
      });

      // Act
      const batch = client.send(new BatchGetSecretValueCommand({ Filters: tag('app', 'app1') }));

      // Assess
      await expect(batch).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: `Not authorized to perform: ${denied}`,
        $metadata: { httpStatusCode: 400 },
      });
    },
  );

  it('puts secrets denied GetSecretValue in Errors, with HTTP 200', async () => {
    // Prepare
    const client = await start({
      secrets: [secret('mine', { app: 'app1' }), secret('theirs', { app: 'app10' })],
      authorize: ({ secret: s }) =>
        s === undefined || s.tags.app === 'app1'
          ? { allowed: true }
          : { allowed: false, explanation: 'tag mismatch' },
    });

    // Act
    const page = await client.send(new BatchGetSecretValueCommand({ Filters: tag('app', 'app1') }));

    // Assess
    expect(page.$metadata.httpStatusCode).toBe(200);
    expect(page.SecretValues?.map((value) => value.Name)).toEqual(['mine']);
    const [error] = page.Errors ?? [];
    expect(page.Errors).toHaveLength(1);
    expect(error).toMatchObject({ ErrorCode: 'AccessDeniedException', Message: 'tag mismatch' });
    expect(error?.SecretId).toMatch(/:secret:theirs-\w{6}$/);
  });
});

describe('Stand-in: BatchGetSecretValue with SecretIdList', () => {
  it('fetches by name or ARN, reports unknown and denied ones in Errors, needs no ListSecrets', async () => {
    // Prepare
    const client = await start({
      secrets: [
        secret('by-name', {}),
        { ...secret('by-arn', {}), arn: 'arn:aws:secretsmanager:eu-west-1:444455556666:secret:x' },
        secret('denied', {}),
      ],
      authorize: ({ action, secret: s }) => ({
        allowed: action !== 'secretsmanager:ListSecrets' && s?.name !== 'denied',
      }),
    });

    // Act
    const page = await client.send(
      new BatchGetSecretValueCommand({
        SecretIdList: [
          'by-name',
          'arn:aws:secretsmanager:eu-west-1:444455556666:secret:x',
          'denied',
          'missing',
        ],
      }),
    );

    // Assess
    expect(page.SecretValues?.map((value) => value.Name)).toEqual(['by-name', 'by-arn']);
    expect(page.Errors?.map(({ SecretId, ErrorCode }) => [SecretId, ErrorCode])).toEqual([
      ['denied', 'AccessDeniedException'],
      ['missing', 'ResourceNotFoundException'],
    ]);
  });

  it.each([
    ['more than 20 IDs', { SecretIdList: Array.from({ length: 21 }, (_, i) => `s-${i}`) }],
    ['no IDs', { SecretIdList: [] }],
    ['IDs and Filters together', { SecretIdList: ['a'], Filters: tag('app', 'app1') }],
    ['neither IDs nor Filters', {}],
    ['IDs with MaxResults', { SecretIdList: ['a'], MaxResults: 5 }],
  ])('rejects %s with ValidationException', async (_label, input) => {
    // Prepare
    const client = await start({ secrets: [secret('a', {})] });

    // Act
    const batch = client.send(new BatchGetSecretValueCommand(input));

    // Assess
    await expect(batch).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('Stand-in: GetSecretValue', () => {
  it('returns the value of a readable secret', async () => {
    // Prepare
    const stored = secret('db', {});
    const client = await start({ secrets: [stored] });

    // Act
    const value = await client.send(new GetSecretValueCommand({ SecretId: 'db' }));

    // Assess
    expect(value).toMatchObject({ Name: 'db', SecretString: stored.secretString });
  });

  it.each([
    ['an unknown secret', 'missing', 'ResourceNotFoundException'],
    ['a denied secret', 'db', 'AccessDeniedException'],
  ])('answers HTTP 400 for %s', async (_label, secretId, name) => {
    // Prepare
    const client = await start({
      secrets: [secret('db', {})],
      authorize: () => ({ allowed: false }),
    });

    // Act
    const getting = client.send(new GetSecretValueCommand({ SecretId: secretId }));

    // Assess
    await expect(getting).rejects.toMatchObject({ name, $metadata: { httpStatusCode: 400 } });
  });
});

describe('Stand-in: server', () => {
  it('listens on the loopback address only, and records each call by operation', async () => {
    // Prepare
    const client = await start({ secrets: [secret('db', {})] });

    // Act
    await client.send(new ListSecretsCommand({}));
    await client.send(new GetSecretValueCommand({ SecretId: 'db' }));

    // Assess
    expect(standIn?.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(standIn?.calls.map((call) => call.operation)).toEqual(['ListSecrets', 'GetSecretValue']);
    expect(standIn?.calls.every((call) => (call.answeredAt ?? -1) >= call.at)).toBe(true);
  });

  it('forgets calls on resetCalls', async () => {
    // Prepare
    const client = await start({ secrets: [] });
    await client.send(new ListSecretsCommand({}));

    // Act
    standIn?.resetCalls();

    // Assess
    expect(standIn?.calls).toEqual([]);
    expect(standIn?.connectionsOpened).toBe(0);
  });

  it('answers an operation it does not serve with UnknownOperationException', async () => {
    // Prepare
    await start({ secrets: [] });

    // Act
    const response = await fetch(standIn?.endpoint ?? '', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'secretsmanager.DeleteSecret',
      },
      body: '{}',
    });

    // Assess
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });
});
