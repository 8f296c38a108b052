/**
 * The ways to fetch tagged secrets without BatchGetSecretValue, to compare the handler against:
 * list the matching secrets (ListSecrets, 100 per page), then GetSecretValue each of them.
 */
import {
  GetSecretValueCommand,
  paginateListSecrets,
  type Filter,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

async function listArns(client: SecretsManagerClient, filters: Filter[]): Promise<string[]> {
  const arns: string[] = [];
  for await (const page of paginateListSecrets({ client }, { Filters: filters, MaxResults: 100 })) {
    for (const entry of page.SecretList ?? []) {
      if (entry.ARN !== undefined) {
        arns.push(entry.ARN);
      }
    }
  }
  return arns;
}

/** ListSecrets, then one GetSecretValue after another. Returns the number of values received. */
export async function listThenGetOneByOne(
  client: SecretsManagerClient,
  filters: Filter[],
): Promise<number> {
  let retrieved = 0;
  for (const arn of await listArns(client, filters)) {
    const value = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    retrieved += value.SecretString === undefined ? 0 : 1;
  }
  return retrieved;
}

/** ListSecrets, then every GetSecretValue at once (the client's socket pool bounds them). */
export async function listThenGetInParallel(
  client: SecretsManagerClient,
  filters: Filter[],
): Promise<number> {
  const arns = await listArns(client, filters);
  const values = await Promise.all(
    arns.map((arn) => client.send(new GetSecretValueCommand({ SecretId: arn }))),
  );
  return values.filter((value) => value.SecretString !== undefined).length;
}
