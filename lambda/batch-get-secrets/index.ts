/**
 * Lambda entry point: fetches every Secrets Manager secret tagged as the event names, e.g.
 * `{ "TagKey": "app", "TagValue": "app1" }`, and returns `{ statusCode, body }`.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

import { createHandler } from './handler';

export { createHandler, type BatchGetSecretsHandler, type HandlerDependencies } from './handler';
export type { HandlerResult, ResultBody } from './result';

// Created once per execution environment, so warm invocations reuse its connections.
const client = new SecretsManagerClient({});

export const handler = createHandler({ client });
