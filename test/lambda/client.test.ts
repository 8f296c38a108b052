import * as https from 'node:https';

import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { NodeHttpHandler } from '@smithy/node-http-handler';

import {
  CLIENT_SETTINGS,
  createRequestHandler,
  createSecretsManagerClient,
  worstCaseCallMs,
  type ClientSettings,
} from '../../lambda/batch-get-secrets/client';
import { FUNCTION_TIMEOUT } from '../../lib/constructs/batch-secrets-function';
import {
  standInClientConfig,
  startStandIn,
  type StandIn,
} from '../../tools/stand-in/secrets-manager-server';

let standIn: StandIn | undefined;

afterEach(async () => {
  await standIn?.stop();
  standIn = undefined;
});

describe('createSecretsManagerClient', () => {
  it('retries in standard mode, 3 attempts per call', async () => {
    // Act
    const client = createSecretsManagerClient({ region: 'us-east-1' });

    // Assess
    const strategy = (await client.config.retryStrategy()) as { mode?: string };
    expect(await client.config.maxAttempts()).toBe(3);
    expect(strategy.mode).toBe('standard');
    expect(client.config.requestHandler).toBeInstanceOf(NodeHttpHandler);
  });

  it('sets timeouts that raise errors and keep-alive agents with 50 sockets', async () => {
    // Prepare
    standIn = await startStandIn({ secrets: [] });
    const handler = createRequestHandler();
    const client = createSecretsManagerClient({
      ...standInClientConfig(standIn),
      requestHandler: handler,
    });

    // Act: the handler resolves its configuration on its first request.
    await client.send(new ListSecretsCommand({}));
    const config = handler.httpHandlerConfigs();

    // Assess
    expect(config).toMatchObject({
      connectionTimeout: 1_000,
      requestTimeout: 3_000,
      throwOnRequestTimeout: true,
    });
    const httpsAgent = config.httpsAgent as https.Agent & { keepAlive?: boolean };
    expect(httpsAgent).toBeInstanceOf(https.Agent);
    expect(httpsAgent.keepAlive).toBe(true);
    expect(httpsAgent.maxSockets).toBe(50);
  });

  it('reuses one connection for calls made one after another', async () => {
    // Prepare
    standIn = await startStandIn({ secrets: [] });
    const client = createSecretsManagerClient(standInClientConfig(standIn));

    // Act
    for (let call = 0; call < 3; call += 1) {
      await client.send(new ListSecretsCommand({}));
    }

    // Assess
    expect(standIn.calls).toHaveLength(3);
    expect(standIn.connectionsOpened).toBe(1);
  });

  it('gives up on a request that outlives requestTimeout, after maxAttempts attempts', async () => {
    // Prepare: a server slower than the request timeout.
    standIn = await startStandIn({ secrets: [], latencyMs: 1_000 });
    const fast: ClientSettings = { ...CLIENT_SETTINGS, requestTimeoutMs: 50 };
    const client = createSecretsManagerClient(standInClientConfig(standIn), fast);

    // Act
    const sending = client.send(new ListSecretsCommand({}));

    // Assess
    await expect(sending).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(standIn.calls.map((call) => call.operation)).toEqual([
      'ListSecrets',
      'ListSecrets',
      'ListSecrets',
    ]);
  });
});

describe('worstCaseCallMs', () => {
  it('adds every attempt timing out and the longest throttling backoff between them', () => {
    // Act
    const worst = worstCaseCallMs({ ...CLIENT_SETTINGS, maxAttempts: 3, requestTimeoutMs: 3_000 });

    // Assess: 3 attempts of 3 s, then backoffs below 1 s and 2 s.
    expect(worst).toBe(12_000);
  });

  it('keeps one call, retries included, inside the function timeout', () => {
    // Act
    const worst = worstCaseCallMs(CLIENT_SETTINGS);

    // Assess
    expect(worst).toBeLessThan(FUNCTION_TIMEOUT.toMilliseconds());
  });
});
