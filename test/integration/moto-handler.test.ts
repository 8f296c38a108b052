/**
 * The real handler, with the real SDK client, against moto's Secrets Manager-compatible server:
 * every page, every fetch strategy, the cache, the body and the log lines; everything but IAM.
 *
 * NOTE: the server enforces no IAM, so every secret the tag filters select is retrieved, including
 * the decoys that Secrets Manager would deny under the ABAC policy (tagged app=app10,
 * application=app1, or app=x with owner=app1). Against Secrets Manager the same event answers 403
 * and lists those as denied; here it answers 200. Who may read what is evaluated from the
 * synthesized policies in test/iam.
 */

import {
  createHandler,
  type HandlerDependencies,
  type HandlerResult,
  type ResultBody,
} from '../../lambda/batch-get-secrets';
import {
  FETCH_STRATEGIES,
  type FetchStrategy,
} from '../../lambda/batch-get-secrets/fetch-strategies';
import { createLogger } from '../../lambda/batch-get-secrets/log';
import { describeWithMotoServer } from './moto-server';
import { ALL_SECRETS, DECOY, MATCHING_APP_APP1, useSeededMotoServer } from './seed';

const APP1 = { TagKey: 'app', TagValue: 'app1' };

/**
 * Requests each strategy sends for the 53 matching secrets, from the costs its module documents:
 * filter-pages ceil(53/20) = 3; list-then-batch ceil(53/100) + ceil(53/20) = 4; adaptive pages 1
 * and 2 (40 secrets) with one listing alongside, then the other 13 by ID in one batch = 4.
 */
const EXPECTED_API_CALLS: Record<FetchStrategy, number> = {
  'filter-pages': 3,
  'list-then-batch': 4,
  adaptive: 4,
};

interface Invocation extends HandlerResult {
  readonly parsed: ResultBody;
  readonly logs: readonly string[];
}

describeWithMotoServer('batch-get-secrets handler against the moto server', () => {
  const moto = useSeededMotoServer();

  /** A handler with its own (empty) cache and a log capture. */
  function handlerWithLogs(options: Omit<HandlerDependencies, 'client' | 'logger'> = {}) {
    const logs: string[] = [];
    const logger = createLogger({}, (line) => logs.push(line));
    const handler = createHandler({ client: moto.client, logger, ...options });

    return async (event: unknown): Promise<Invocation> => {
      const result = await handler(event, { awsRequestId: 'integration-test' });
      return { ...result, parsed: JSON.parse(result.body) as ResultBody, logs: [...logs] };
    };
  }

  describe.each(FETCH_STRATEGIES)('with the %s strategy', (fetchStrategy) => {
    let invocation: Invocation;

    beforeAll(async () => {
      invocation = await handlerWithLogs({ fetchStrategy })(APP1);
    });

    it('answers 200 with every secret matching app/app1', () => {
      expect(invocation.statusCode).toBe(200);
      expect(invocation.parsed.retrieved).toEqual(MATCHING_APP_APP1);
      expect(invocation.parsed.failed).toEqual([]);
    });

    it(`counts ${EXPECTED_API_CALLS[fetchStrategy]} requests to the server`, () => {
      expect(invocation.parsed.counts).toEqual({
        matched: MATCHING_APP_APP1.length,
        retrieved: MATCHING_APP_APP1.length,
        failed: 0,
        denied: 0,
        apiCalls: EXPECTED_API_CALLS[fetchStrategy],
      });
    });

    it('puts no secret value in the body or the log lines', () => {
      const output = [invocation.body, ...invocation.logs].join('\n');

      expect(invocation.logs.length).toBeGreaterThan(0);
      for (const secret of ALL_SECRETS) {
        expect(output).not.toContain(secret.password);
      }
      expect(output).not.toContain('"password"');
    });
  });

  it('retrieves the decoys too, since the server does not apply IAM', async () => {
    const { parsed } = await handlerWithLogs()(APP1);

    expect(parsed.retrieved).toEqual(
      expect.arrayContaining([DECOY.valuePrefix.name, DECOY.keyPrefix.name, DECOY.unpaired.name]),
    );
  });

  it('logs JSON lines with the request id and the retrieved names', async () => {
    const { logs } = await handlerWithLogs()(APP1);
    const lines = logs.map((line) => JSON.parse(line) as Record<string, unknown>);

    expect(lines.every((line) => line.requestId === 'integration-test')).toBe(true);
    expect(lines).toContainEqual(
      expect.objectContaining({ message: 'Fetched secrets', secretNames: MATCHING_APP_APP1 }),
    );
  });

  it('answers a repeated request from its cache, without calling the server', async () => {
    const invoke = handlerWithLogs();

    const first = await invoke(APP1);
    const second = await invoke(APP1);

    expect(first.parsed.cache).toBe('miss');
    expect(second.parsed.cache).toBe('hit');
    expect(second.parsed.counts.apiCalls).toBe(0);
    expect(second.parsed.retrieved).toEqual(MATCHING_APP_APP1);
  });

  it('answers 404 after one request when no secret carries the tag', async () => {
    const { statusCode, parsed } = await handlerWithLogs()({ TagKey: 'app', TagValue: 'app3' });

    expect(statusCode).toBe(404);
    expect(parsed.counts.apiCalls).toBe(1);
  });
});
