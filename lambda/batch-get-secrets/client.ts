/**
 * The Secrets Manager client, created once per execution environment so that warm invocations
 * reuse its open connections.
 *
 * What the SDK (client 3.1178, @smithy/node-http-handler 4.14) already does, and what is set here:
 * - Keep-alive: the SDK's own agents keep connections alive (50 sockets). It is set explicitly
 *   so that the choice is visible and tested, not inherited.
 *   https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/node-reusing-connections.html
 * - Timeouts: the SDK sets none by default, and since node-http-handler 4.4 a `requestTimeout`
 *   only logs a warning unless `throwOnRequestTimeout` is set. Without both, a stalled request
 *   would hold the invocation until Lambda kills it, with no result and no log line.
 * - Retries: `standard` mode, 3 attempts, with the SDK's exponential backoff with jitter.
 *
 * {@link worstCaseCallMs} is what one call can take with these settings; a test keeps it inside
 * the function's timeout. Several sequential calls can still exceed it, so the handler also gives
 * each fetch an abort signal that fires shortly before the invocation times out.
 */
import * as http from 'node:http';
import * as https from 'node:https';

import {
  SecretsManagerClient,
  type SecretsManagerClientConfig,
} from '@aws-sdk/client-secrets-manager';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface ClientSettings {
  /** Attempts per call, the first included. */
  readonly maxAttempts: number;
  /** Longest wait for a TCP (and TLS) connection, per attempt. */
  readonly connectionTimeoutMs: number;
  /** Longest wait for a whole response, per attempt, the connection included. */
  readonly requestTimeoutMs: number;
  /** Open connections per origin. */
  readonly maxSockets: number;
}

export const CLIENT_SETTINGS: ClientSettings = {
  maxAttempts: 3,
  connectionTimeoutMs: 1_000,
  // A batch of 20 secrets usually answers in well under a second; 3 s leaves room for a slow one.
  requestTimeoutMs: 3_000,
  maxSockets: 50,
};

/**
 * The largest backoff before retry `i` (0-based) in standard mode: the SDK draws a delay at random
 * below `base * 2^i`, with `base` 1 s for throttling errors (50 ms for others).
 */
const THROTTLING_BACKOFF_BASE_MS = 1_000;

/** Longest one call can take: every attempt timing out, with the longest backoff between them. */
export function worstCaseCallMs(settings: ClientSettings = CLIENT_SETTINGS): number {
  let backoff = 0;
  for (let retry = 0; retry < settings.maxAttempts - 1; retry += 1) {
    backoff += THROTTLING_BACKOFF_BASE_MS * 2 ** retry;
  }
  return settings.maxAttempts * settings.requestTimeoutMs + backoff;
}

/** The HTTP handler: keep-alive agents for both protocols and timeouts that raise errors. */
export function createRequestHandler(settings: ClientSettings = CLIENT_SETTINGS): NodeHttpHandler {
  const agentOptions = { keepAlive: true, maxSockets: settings.maxSockets };
  return new NodeHttpHandler({
    connectionTimeout: settings.connectionTimeoutMs,
    requestTimeout: settings.requestTimeoutMs,
    throwOnRequestTimeout: true,
    httpsAgent: new https.Agent(agentOptions),
    // Plain HTTP only reaches a local stand-in (benchmarks, walkthroughs); same settings.
    httpAgent: new http.Agent(agentOptions),
  });
}

/**
 * A client with {@link CLIENT_SETTINGS}; `config` adds to or overrides them (an endpoint, a region,
 * credentials for a stand-in).
 */
export function createSecretsManagerClient(
  config: SecretsManagerClientConfig = {},
  settings: ClientSettings = CLIENT_SETTINGS,
): SecretsManagerClient {
  return new SecretsManagerClient({
    maxAttempts: settings.maxAttempts,
    retryMode: 'standard',
    requestHandler: createRequestHandler(settings),
    ...config,
  });
}
