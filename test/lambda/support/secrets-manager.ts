/**
 * A mocked Secrets Manager that answers BatchGetSecretValue and ListSecrets with prepared pages.
 */
import {
  BatchGetSecretValueCommand,
  ListSecretsCommand,
  SecretsManagerClient,
  type BatchGetSecretValueCommandInput,
  type BatchGetSecretValueResponse,
  type ListSecretsCommandInput,
  type ListSecretsResponse,
  type SecretValueEntry,
} from '@aws-sdk/client-secrets-manager';
import type { AwsClientStub } from 'aws-sdk-client-mock';

export type SecretsManagerMock = AwsClientStub<SecretsManagerClient>;

/** A client for the code under test; the mock intercepts its `send`, so nothing leaves the host. */
export function testClient(): SecretsManagerClient {
  return new SecretsManagerClient({ region: 'us-east-1' });
}

/**
 * Answers each BatchGetSecretValue request with the next page, or with `failure` once the pages
 * run out (when given). Returns the requests as they were when sent.
 *
 * Copies are needed because the SDK paginator reuses one input object and rewrites its NextToken,
 * so the inputs the mock records afterwards all show the last token.
 */
export function answerWithPages(
  mock: SecretsManagerMock,
  pages: readonly BatchGetSecretValueResponse[],
  failure?: Error,
): BatchGetSecretValueCommandInput[] {
  const requests: BatchGetSecretValueCommandInput[] = [];

  mock.on(BatchGetSecretValueCommand).callsFake((input: BatchGetSecretValueCommandInput) => {
    const page = pages[requests.length];
    requests.push(structuredClone(input));
    if (page === undefined) {
      throw failure ?? new Error(`The test prepared ${pages.length} pages; more were requested`);
    }
    return page;
  });

  return requests;
}

/** The mocked calls to BatchGetSecretValue so far. */
export function batchCalls(mock: SecretsManagerMock): number {
  return mock.commandCalls(BatchGetSecretValueCommand).length;
}

/** ListSecrets entries for secrets, as ListSecrets returns them (name, ARN, no values). */
export function listed(entries: readonly SecretValueEntry[]): ListSecretsResponse {
  return { SecretList: entries.map(({ Name, ARN }) => ({ Name, ARN })) };
}

export interface OperationAnswers {
  /** Answers to BatchGetSecretValue with Filters, one page per request, in order. */
  readonly filterPages?: readonly BatchGetSecretValueResponse[];
  /** Answers to ListSecrets, one page per request, in order. */
  readonly listPages?: readonly ListSecretsResponse[];
  /** The answer to BatchGetSecretValue with a SecretIdList. */
  readonly byIds?: (
    ids: readonly string[],
  ) => BatchGetSecretValueResponse | Promise<BatchGetSecretValueResponse>;
}

export interface RecordedRequests {
  readonly filterRequests: BatchGetSecretValueCommandInput[];
  readonly listRequests: ListSecretsCommandInput[];
  readonly idRequests: string[][];
}

/**
 * Answers BatchGetSecretValue (by filters or by IDs) and ListSecrets from prepared answers,
 * recording copies of the requests. A request with no prepared answer fails the fetch.
 */
export function answerByOperation(
  mock: SecretsManagerMock,
  answers: OperationAnswers,
): RecordedRequests {
  const recorded: RecordedRequests = { filterRequests: [], listRequests: [], idRequests: [] };

  mock.on(BatchGetSecretValueCommand).callsFake(async (input: BatchGetSecretValueCommandInput) => {
    if (input.SecretIdList !== undefined) {
      recorded.idRequests.push([...input.SecretIdList]);
      if (answers.byIds === undefined) {
        throw new Error('The test prepared no answer by IDs');
      }
      return answers.byIds(input.SecretIdList);
    }
    const page = answers.filterPages?.[recorded.filterRequests.length];
    recorded.filterRequests.push(structuredClone(input));
    if (page === undefined) {
      throw new Error('The test prepared fewer filtered pages than were requested');
    }
    return page;
  });

  mock.on(ListSecretsCommand).callsFake((input: ListSecretsCommandInput) => {
    const page = answers.listPages?.[recorded.listRequests.length];
    recorded.listRequests.push(structuredClone(input));
    if (page === undefined) {
      throw new Error('The test prepared fewer ListSecrets pages than were requested');
    }
    return page;
  });

  return recorded;
}
