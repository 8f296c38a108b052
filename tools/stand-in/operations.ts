/**
 * ListSecrets, BatchGetSecretValue and GetSecretValue over an in-memory list of secrets, with the
 * inputs, pagination, authorization order and error shapes Secrets Manager documents.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_BatchGetSecretValue.html
 */
import { createHash } from 'node:crypto';

import { StandInError } from './errors';
import { matchesFilters, parseFilters, type ParsedFilter } from './filters';
import type { Authorizer, SecretsAction, StandInSecret } from './types';

/** A served secret, with the fields Secrets Manager would have generated. */
export interface StoredSecret extends StandInSecret {
  readonly arn: string;
  readonly versionId: string;
}

/** API caps on MaxResults. */
export const BATCH_PAGE_CAP = 20;
export const LIST_PAGE_CAP = 100;
export const SECRET_ID_LIST_MAX = 20;

/** When the stand-in's secrets were "created", in epoch seconds, as the API returns dates. */
const CREATED_DATE = 1_700_000_000;

export interface OperationContext {
  readonly secrets: readonly StoredSecret[];
  readonly authorize: Authorizer;
  readonly batchPageSize: number;
  readonly listPageSize: number;
  readonly leadingEmptyBatchPages: number;
}

type Json = Record<string, unknown>;

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Fills in the ARN (with the 6-character suffix Secrets Manager appends) and a version id. */
export function storeSecret(secret: StandInSecret): StoredSecret {
  const hash = digest(secret.name);
  const arn =
    secret.arn ??
    `arn:aws:secretsmanager:us-east-1:111122223333:secret:${secret.name}-${hash.slice(0, 6)}`;
  const versionId = `${hash.slice(0, 8)}-${hash.slice(8, 12)}-${hash.slice(12, 16)}-${hash.slice(16, 20)}-${hash.slice(20, 32)}`;
  return { ...secret, arn, versionId };
}

async function check(
  context: OperationContext,
  action: SecretsAction,
  secret?: StoredSecret,
): Promise<string | undefined> {
  const decision = await context.authorize(secret ? { action, secret } : { action });
  if (decision.allowed) {
    return undefined;
  }
  const resource = secret ? ` on resource: ${secret.arn}` : '';
  return decision.explanation ?? `Not authorized to perform: ${action}${resource}`;
}

async function requireAllowed(context: OperationContext, action: SecretsAction): Promise<void> {
  const denied = await check(context, action);
  if (denied !== undefined) {
    throw new StandInError('AccessDeniedException', denied);
  }
}

function pageSize(requested: unknown, cap: number, configured: number): number {
  if (requested === undefined) {
    return configured;
  }
  if (
    typeof requested !== 'number' ||
    !Number.isInteger(requested) ||
    requested < 1 ||
    requested > cap
  ) {
    throw StandInError.validation(`MaxResults must be an integer from 1 to ${cap}`);
  }
  return Math.min(requested, configured);
}

/** Where a paginated query stands; the token is opaque to callers, as Secrets Manager's is. */
interface Cursor {
  readonly query: string;
  readonly offset: number;
  readonly emptyPages: number;
}

function encodeToken(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeToken(token: unknown, query: string): Cursor {
  if (token === undefined) {
    return { query, offset: 0, emptyPages: 0 };
  }
  try {
    const text = typeof token === 'string' ? Buffer.from(token, 'base64url').toString() : '';
    const cursor = JSON.parse(text) as Cursor;
    if (cursor.query === query && Number.isInteger(cursor.offset)) {
      return cursor;
    }
  } catch {
    // Falls through to the same answer as a token from another query.
  }
  throw new StandInError(
    'InvalidNextTokenException',
    'The NextToken is not valid for this request',
  );
}

function queryOf(operation: string, filters: readonly ParsedFilter[]): string {
  return digest(`${operation}:${JSON.stringify(filters)}`).slice(0, 16);
}

function valueEntry(secret: StoredSecret): Json {
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: secret.versionId,
    SecretString: secret.secretString,
    VersionStages: ['AWSCURRENT'],
    CreatedDate: CREATED_DATE,
  };
}

function errorEntry(secretId: string, errorCode: string, message: string): Json {
  return { SecretId: secretId, ErrorCode: errorCode, Message: message };
}

function findSecret(context: OperationContext, secretId: unknown): StoredSecret | undefined {
  return context.secrets.find((secret) => secret.name === secretId || secret.arn === secretId);
}

export async function listSecrets(context: OperationContext, input: Json): Promise<Json> {
  const filters = parseFilters(input.Filters ?? []);
  const size = pageSize(input.MaxResults, LIST_PAGE_CAP, context.listPageSize);
  const query = queryOf('ListSecrets', filters);
  const cursor = decodeToken(input.NextToken, query);
  await requireAllowed(context, 'secretsmanager:ListSecrets');

  const matched = context.secrets.filter((secret) => matchesFilters(secret, filters));
  const page = matched.slice(cursor.offset, cursor.offset + size);
  const next = cursor.offset + size;
  return {
    SecretList: page.map((secret) => ({
      ARN: secret.arn,
      Name: secret.name,
      Tags: Object.entries(secret.tags).map(([Key, Value]) => ({ Key, Value })),
      CreatedDate: CREATED_DATE,
    })),
    NextToken: next < matched.length ? encodeToken({ ...cursor, offset: next }) : undefined,
  };
}

async function batchByFilters(context: OperationContext, input: Json): Promise<Json> {
  const filters = parseFilters(input.Filters);
  const size = pageSize(input.MaxResults, BATCH_PAGE_CAP, context.batchPageSize);
  const query = queryOf('BatchGetSecretValue', filters);
  const cursor = decodeToken(input.NextToken, query);
  await requireAllowed(context, 'secretsmanager:BatchGetSecretValue');
  await requireAllowed(context, 'secretsmanager:ListSecrets');

  if (cursor.emptyPages < context.leadingEmptyBatchPages) {
    const token = encodeToken({ ...cursor, emptyPages: cursor.emptyPages + 1 });
    return { SecretValues: [], Errors: [], NextToken: token };
  }

  const matched = context.secrets.filter((secret) => matchesFilters(secret, filters));
  const page = matched.slice(cursor.offset, cursor.offset + size);
  const values: Json[] = [];
  const errors: Json[] = [];
  for (const secret of page) {
    const denied = await check(context, 'secretsmanager:GetSecretValue', secret);
    if (denied === undefined) {
      values.push(valueEntry(secret));
    } else {
      errors.push(errorEntry(secret.arn, 'AccessDeniedException', denied));
    }
  }
  const next = cursor.offset + size;
  const nextToken = next < matched.length ? encodeToken({ ...cursor, offset: next }) : undefined;
  return { SecretValues: values, Errors: errors, NextToken: nextToken };
}

async function batchByIds(context: OperationContext, input: Json): Promise<Json> {
  const ids = input.SecretIdList;
  if (
    !Array.isArray(ids) ||
    ids.length === 0 ||
    ids.length > SECRET_ID_LIST_MAX ||
    !ids.every((id) => typeof id === 'string' && id.length > 0)
  ) {
    throw StandInError.validation(`SecretIdList needs 1 to ${SECRET_ID_LIST_MAX} names or ARNs`);
  }
  if (input.MaxResults !== undefined || input.NextToken !== undefined) {
    throw StandInError.validation('MaxResults and NextToken need Filters, not SecretIdList');
  }
  await requireAllowed(context, 'secretsmanager:BatchGetSecretValue');

  const values: Json[] = [];
  const errors: Json[] = [];
  for (const id of ids as string[]) {
    const secret = findSecret(context, id);
    if (secret === undefined) {
      errors.push(
        errorEntry(
          id,
          'ResourceNotFoundException',
          "Secrets Manager can't find the specified secret.",
        ),
      );
      continue;
    }
    const denied = await check(context, 'secretsmanager:GetSecretValue', secret);
    if (denied === undefined) {
      values.push(valueEntry(secret));
    } else {
      errors.push(errorEntry(id, 'AccessDeniedException', denied));
    }
  }
  return { SecretValues: values, Errors: errors };
}

export async function batchGetSecretValue(context: OperationContext, input: Json): Promise<Json> {
  const hasFilters = input.Filters !== undefined;
  const hasIds = input.SecretIdList !== undefined;
  if (hasFilters === hasIds) {
    throw StandInError.validation('Specify either Filters or SecretIdList, but not both');
  }
  return hasFilters ? batchByFilters(context, input) : batchByIds(context, input);
}

export async function getSecretValue(context: OperationContext, input: Json): Promise<Json> {
  if (typeof input.SecretId !== 'string' || input.SecretId.length === 0) {
    throw StandInError.validation('SecretId is required');
  }
  const secret = findSecret(context, input.SecretId);
  if (secret === undefined) {
    throw new StandInError(
      'ResourceNotFoundException',
      "Secrets Manager can't find the specified secret.",
    );
  }
  const denied = await check(context, 'secretsmanager:GetSecretValue', secret);
  if (denied !== undefined) {
    throw new StandInError('AccessDeniedException', denied);
  }
  return valueEntry(secret);
}
