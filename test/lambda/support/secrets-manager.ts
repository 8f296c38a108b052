/**
 * A mocked Secrets Manager that answers BatchGetSecretValue with prepared pages.
 */
import {
  BatchGetSecretValueCommand,
  SecretsManagerClient,
  type BatchGetSecretValueCommandInput,
  type BatchGetSecretValueResponse,
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
