/**
 * Lambda entry point: fetches every Secrets Manager secret tagged as the event names, e.g.
 * `{ "TagKey": "app", "TagValue": "app1" }`, and returns `{ statusCode, body }`.
 */
import { createSecretsManagerClient } from './client';
import { createHandler } from './handler';
import { createLogger } from './log';
import { readSettings } from './settings';

export { createHandler, type BatchGetSecretsHandler, type HandlerDependencies } from './handler';
export type { HandlerResult, ResultBody } from './result';

const logger = createLogger();
const { settings, problems } = readSettings(process.env);
for (const { variable, reason } of problems) {
  logger.warn('Ignored an environment variable', { field: variable, reason });
}

// Created once per execution environment, so warm invocations reuse its connections and cache.
const client = createSecretsManagerClient();

export const handler = createHandler({
  client,
  logger,
  cache: { ttlSeconds: settings.cacheTtlSeconds },
});
