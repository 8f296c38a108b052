/**
 * Runs the handler against the mocked client and a captured logger, and parses what it returns.
 */
import { createHandler, type HandlerDependencies } from '../../../lambda/batch-get-secrets/handler';
import type { HandlerResult, ResultBody } from '../../../lambda/batch-get-secrets/result';
import { captureLogs, REQUEST_ID } from './fixtures';
import { testClient } from './secrets-manager';

export interface HandlerRun {
  readonly result: HandlerResult;
  readonly body: ResultBody;
  /** Raw log lines, as they would reach CloudWatch Logs. */
  readonly logLines: readonly string[];
  readonly logRecords: readonly Record<string, unknown>[];
}

/** Runs a fresh handler (so an empty cache) once; `dependencies` override the defaults. */
export async function runHandler(
  event: unknown,
  dependencies: Partial<HandlerDependencies> = {},
): Promise<HandlerRun> {
  const logs = captureLogs();
  const handler = createHandler({ client: testClient(), logger: logs.logger, ...dependencies });

  const result = await handler(event, { awsRequestId: REQUEST_ID });

  return {
    result,
    body: JSON.parse(result.body) as ResultBody,
    logLines: logs.lines,
    logRecords: logs.records(),
  };
}
