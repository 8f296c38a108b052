import {
  BatchGetSecretValueCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  paginateBatchGetSecretValue,
} from '@aws-sdk/client-secrets-manager';

import type { AuthorizationRequest } from '../../tools/stand-in/secrets-manager-server';
import { numbered, secret, standIn, start, stopStandIn, tag } from './support/stand-in';

afterEach(async () => {
  await stopStandIn();
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
    expect(standIn().endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(standIn().calls.map((call) => call.operation)).toEqual([
      'ListSecrets',
      'GetSecretValue',
    ]);
    expect(standIn().calls.every((call) => (call.answeredAt ?? -1) >= call.at)).toBe(true);
  });

  it('forgets calls on resetCalls', async () => {
    // Prepare
    const client = await start({ secrets: [] });
    await client.send(new ListSecretsCommand({}));

    // Act
    standIn().resetCalls();

    // Assess
    expect(standIn().calls).toEqual([]);
    expect(standIn().connectionsOpened).toBe(0);
  });

  it('answers an operation it does not serve with UnknownOperationException', async () => {
    // Prepare
    await start({ secrets: [] });

    // Act
    const response = await fetch(standIn().endpoint, {
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
