/**
 * A stand-in for AWS Secrets Manager on 127.0.0.1: an HTTP server speaking the AWS JSON 1.1
 * protocol (`POST /`, `X-Amz-Target: secretsmanager.<Operation>`, a JSON body) so that the real
 * SDK client can run offline, against a fixed latency per call and an authorizer you supply.
 *
 * Modelled: ListSecrets, BatchGetSecretValue (Filters or SecretIdList) and GetSecretValue; the
 * `name`, `tag-key` and `tag-value` filters as case-sensitive, unpaired prefix matches; NextToken
 * pagination with the API's MaxResults caps (20 and 100), including empty pages that carry a
 * NextToken; the permission checks BatchGetSecretValue makes (BatchGetSecretValue, then
 * ListSecrets when filtering: a denial fails the whole call with HTTP 400; then GetSecretValue per
 * secret: a denial becomes an entry of `Errors` with HTTP 200); unknown secrets (an `Errors` entry
 * in a batch, HTTP 400 from GetSecretValue).
 *
 * NOTE: Not modelled, so a test passing here proves nothing about them: request signatures and
 * credentials (any are accepted); the other filter keys and negation (`!`) filters (rejected with
 * ValidationException); partial ARNs, versions and stages; SecretBinary; KMS decryption errors;
 * secrets scheduled for deletion; throttling and quotas; the real ordering of results (the stand-in
 * keeps the order it was given); and IAM's own rule that a denied caller cannot learn whether a
 * secret exists (GetSecretValue reports a missing secret before asking the authorizer).
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { StandInError } from './errors';
import {
  BATCH_PAGE_CAP,
  batchGetSecretValue,
  getSecretValue,
  LIST_PAGE_CAP,
  listSecrets,
  storeSecret,
  type OperationContext,
} from './operations';
import type { StandIn, StandInOptions } from './types';

export type {
  AuthorizationDecision,
  AuthorizationRequest,
  Authorizer,
  SecretsAction,
  StandIn,
  StandInCall,
  StandInOptions,
  StandInSecret,
} from './types';

const TARGET_PREFIX = 'secretsmanager.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';

type Operation = (context: OperationContext, input: Record<string, unknown>) => Promise<unknown>;

const OPERATIONS: Readonly<Record<string, Operation>> = {
  ListSecrets: listSecrets,
  BatchGetSecretValue: batchGetSecretValue,
  GetSecretValue: getSecretValue,
};

/** Settings a client needs to talk to the stand-in: its endpoint, a region and fake credentials. */
export function standInClientConfig(standIn: Pick<StandIn, 'endpoint'>): {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
} {
  return {
    endpoint: standIn.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIASTANDIN000000000', secretAccessKey: 'stand-in-not-a-secret' },
  };
}

function checkPageSize(maxPageSize: number | undefined): void {
  if (maxPageSize !== undefined && (!Number.isInteger(maxPageSize) || maxPageSize < 1)) {
    throw new Error(`maxPageSize must be a positive integer; received ${maxPageSize}`);
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseInput(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = text.length === 0 ? {} : JSON.parse(text);
  } catch {
    throw new StandInError('SerializationException', 'The request body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StandInError('SerializationException', 'The request body is not a JSON object');
  }
  return parsed as Record<string, unknown>;
}

function send(response: ServerResponse, statusCode: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(statusCode, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(text);
}

/** Starts the stand-in on a free loopback port. Call `stop()` when done. */
export async function startStandIn(options: StandInOptions): Promise<StandIn> {
  checkPageSize(options.maxPageSize);
  const latencyMs = options.latencyMs ?? 0;
  const context: OperationContext = {
    secrets: options.secrets.map(storeSecret),
    authorize: options.authorize ?? (() => ({ allowed: true })),
    batchPageSize: Math.min(options.maxPageSize ?? BATCH_PAGE_CAP, BATCH_PAGE_CAP),
    listPageSize: Math.min(options.maxPageSize ?? LIST_PAGE_CAP, LIST_PAGE_CAP),
    leadingEmptyBatchPages: options.leadingEmptyBatchPages ?? 0,
  };
  const calls: { operation: string; at: number; answeredAt?: number }[] = [];
  let connectionsOpened = 0;
  const stopping = new AbortController();
  // Every request waiting out its latency listens on this signal; many may wait at once.
  setMaxListeners(0, stopping.signal);

  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX)
      ? target.slice(TARGET_PREFIX.length)
      : target;
    const call: { operation: string; at: number; answeredAt?: number } = {
      operation,
      at: performance.now(),
    };
    calls.push(call);
    const text = await readBody(request);
    if (latencyMs > 0) {
      try {
        await sleep(latencyMs, undefined, { signal: stopping.signal });
      } catch {
        return; // stop() was called: the connection is gone, nobody waits for an answer.
      }
    }

    let statusCode = 200;
    let body: unknown;
    try {
      const run = OPERATIONS[operation];
      if (request.method !== 'POST' || request.url !== '/' || run === undefined) {
        throw new StandInError('UnknownOperationException', `Operation not served: ${operation}`);
      }
      body = await run(context, parseInput(text));
    } catch (error) {
      const failure =
        error instanceof StandInError
          ? error
          : new StandInError('InternalServiceError', 'The stand-in failed', 500);
      statusCode = failure.statusCode;
      body = failure.toBody();
    }
    call.answeredAt = performance.now();
    send(response, statusCode, body);
  };

  const server = createServer((request, response) => {
    void answer(request, response);
  });
  server.on('connection', () => {
    connectionsOpened += 1;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    get connectionsOpened() {
      return connectionsOpened;
    },
    resetCalls: () => {
      calls.length = 0;
      connectionsOpened = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        stopping.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
