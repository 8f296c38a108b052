/**
 * The handler through the real SDK client and the module-scope client settings, against the local
 * Secrets Manager stand-in: the adaptive fetch, denials, and the invocation deadline.
 */
import { createSecretsManagerClient } from '../../lambda/batch-get-secrets/client';
import { createHandler, type HandlerDependencies } from '../../lambda/batch-get-secrets/handler';
import type { ResultBody } from '../../lambda/batch-get-secrets/result';
import {
  standInClientConfig,
  startStandIn,
  type StandIn,
  type StandInOptions,
  type StandInSecret,
} from '../../tools/stand-in/secrets-manager-server';
import { captureLogs, expectNoLeak, fakeValue, markersIn, REQUEST_ID } from './support/fixtures';

let standIn: StandIn | undefined;

afterEach(async () => {
  await standIn?.stop();
  standIn = undefined;
});

function credentials(name: string, tags: Record<string, string>): StandInSecret {
  return { name, tags, secretString: JSON.stringify({ user: fakeValue(), password: fakeValue() }) };
}

function numbered(prefix: string, count: number, tags: Record<string, string>): StandInSecret[] {
  return Array.from({ length: count }, (_, i) => credentials(`${prefix}-${i}`, tags));
}

/** The role's rule from the walkthrough: GetSecretValue only where the secret's app tag is app1. */
const roleTaggedApp1: StandInOptions['authorize'] = ({ action, secret }) =>
  action !== 'secretsmanager:GetSecretValue' || secret?.tags.app === 'app1'
    ? { allowed: true }
    : { allowed: false, explanation: 'app tag does not match the principal tag' };

async function run(
  options: StandInOptions,
  event: unknown,
  dependencies: Partial<HandlerDependencies> = {},
  remainingMs?: number,
) {
  standIn = await startStandIn(options);
  const logs = captureLogs();
  const client = createSecretsManagerClient(standInClientConfig(standIn));
  const handler = createHandler({ client, logger: logs.logger, ...dependencies });
  const context = {
    awsRequestId: REQUEST_ID,
    ...(remainingMs === undefined ? {} : { getRemainingTimeInMillis: () => remainingMs }),
  };
  const result = await handler(event, context);
  return { result, body: JSON.parse(result.body) as ResultBody, logs, standIn };
}

describe('Handler: batch-get-secrets, against the stand-in', () => {
  it('fetches 100 secrets in 6 calls: two filtered pages, one listing, three batches by ID', async () => {
    // Prepare
    const secrets = [
      ...numbered('app1', 100, { app: 'app1' }),
      ...numbered('other', 30, { app: 'app2' }),
    ];

    // Act
    const {
      result,
      body,
      logs,
      standIn: server,
    } = await run({ secrets }, { TagKey: 'app', TagValue: 'app1' });

    // Assess
    expect(result.statusCode).toBe(200);
    expect(body.counts).toEqual({
      matched: 100,
      retrieved: 100,
      failed: 0,
      denied: 0,
      apiCalls: 6,
    });
    expect(server.calls.map((call) => call.operation).sort()).toEqual([
      'BatchGetSecretValue',
      'BatchGetSecretValue',
      'BatchGetSecretValue',
      'BatchGetSecretValue',
      'BatchGetSecretValue',
      'ListSecrets',
    ]);
    expectNoLeak(markersIn(secrets.map((secret) => secret.secretString)), result, logs.lines);
  });

  it('reports secrets the prefix match selects but the role may not read, across every path', async () => {
    // Prepare: tag-value app1 is a prefix of app10, so app10's secrets match and are denied.
    const secrets = [
      ...numbered('app1', 45, { app: 'app1' }),
      ...numbered('app10', 15, { app: 'app10' }),
    ];

    // Act
    const { result, body } = await run(
      { secrets, authorize: roleTaggedApp1 },
      { TagKey: 'app', TagValue: 'app1' },
    );

    // Assess
    expect(result.statusCode).toBe(403);
    expect(body.counts).toMatchObject({ matched: 60, retrieved: 45, failed: 15, denied: 15 });
    expect(body.failed.every((failure) => failure.errorCode === 'AccessDeniedException')).toBe(
      true,
    );
    expect(body.failed.every((failure) => failure.secretId.includes(':secret:app10-'))).toBe(true);
  });

  it('answers 502 instead of timing out when Secrets Manager is slower than the time left', async () => {
    // Prepare: 1.1 s left, less the 1 s margin, against a 2 s response.
    const secrets = numbered('app1', 2, { app: 'app1' });

    // Act
    const { result, body } = await run(
      { secrets, latencyMs: 2_000 },
      { TagKey: 'app', TagValue: 'app1' },
      {},
      1_100,
    );

    // Assess
    expect(result.statusCode).toBe(502);
    expect(body.errorName).toBe('AbortError');
  });
});
