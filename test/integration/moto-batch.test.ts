/**
 * BatchGetSecretValue through the real SDK against moto's Secrets Manager-compatible server.
 *
 * What these tests pin down about the server, compared with Secrets Manager:
 * - tag-key and tag-value filters are case-sensitive PREFIX matches, and they are NOT paired: a
 *   secret matches when any tag key starts with the key and any tag value starts with the value.
 *   This is what Secrets Manager documents, so `app`/`app1` also selects app=app10 and a secret
 *   tagged app=x, owner=app1. https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_Filter.html
 * - unknown names in SecretIdList come back in Errors; the call itself succeeds.
 *
 * NOTE: what the server does not model, so these tests cannot show it:
 * - IAM. Every secret the filters select is returned; nothing is ever AccessDeniedException, so
 *   the decoys that the ABAC policy makes Secrets Manager deny are retrieved here.
 * - Page size. Secrets Manager returns at most 20 secrets a call and accepts MaxResults of 1 to 20;
 *   the server returns 100 by default and honours any MaxResults.
 * - Paging order. The server filters first and pages the matches, so no page is empty. Secrets
 *   Manager may return a page with no values and a NextToken "when you ask for a filtered view of a
 *   long list"; the handler's pagination must not stop there, and only its unit tests show it.
 */
import {
  BatchGetSecretValueCommand,
  paginateBatchGetSecretValue,
  paginateListSecrets,
  type BatchGetSecretValueResponse,
  type Filter,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

import { describeWithMotoServer } from './moto-server';
import { ALL_SECRETS, DECOY, MATCHING_APP_APP1, useSeededMotoServer, secretValueOf } from './seed';

function tagFilters(tagKey: string, tagValue: string): Filter[] {
  return [
    { Key: 'tag-key', Values: [tagKey] },
    { Key: 'tag-value', Values: [tagValue] },
  ];
}

async function collectPages(
  client: SecretsManagerClient,
  filters: Filter[],
  pageSize = 20,
): Promise<BatchGetSecretValueResponse[]> {
  const pages: BatchGetSecretValueResponse[] = [];
  for await (const page of paginateBatchGetSecretValue(
    { client, pageSize },
    { Filters: filters },
  )) {
    pages.push(page);
  }
  return pages;
}

function namesIn(pages: BatchGetSecretValueResponse[]): string[] {
  return pages.flatMap((page) => (page.SecretValues ?? []).map((value) => value.Name ?? '?'));
}

describeWithMotoServer('BatchGetSecretValue against the moto server', () => {
  const moto = useSeededMotoServer();

  it('holds at least 45 secrets, more than two pages of 20', async () => {
    let count = 0;
    for await (const page of paginateListSecrets({ client: moto.client }, {})) {
      count += page.SecretList?.length ?? 0;
    }

    expect(count).toBe(ALL_SECRETS.length);
    expect(count).toBeGreaterThanOrEqual(45);
  });

  it('returns every secret matching app/app1 across pages of at most 20', async () => {
    const pages = await collectPages(moto.client, tagFilters('app', 'app1'));

    expect(pages.map((page) => page.SecretValues?.length)).toEqual([20, 20, 13]);
    expect(pages.map((page) => page.NextToken !== undefined)).toEqual([true, true, false]);
    expect(pages.flatMap((page) => page.Errors ?? [])).toEqual([]);
    const names = namesIn(pages);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(MATCHING_APP_APP1);
  });

  it('returns each secret value exactly as it was stored', async () => {
    const pages = await collectPages(moto.client, tagFilters('app', 'app1'));
    const values = new Map(
      pages.flatMap((page) => page.SecretValues ?? []).map((v) => [v.Name, v.SecretString]),
    );

    for (const secret of ALL_SECRETS.filter((s) => MATCHING_APP_APP1.includes(s.name))) {
      expect(values.get(secret.name)).toBe(secretValueOf(secret));
    }
  });

  it('matches tag values by prefix: app1 selects app=app10', async () => {
    const names = namesIn(await collectPages(moto.client, tagFilters('app', 'app1')));

    expect(names).toContain(DECOY.valuePrefix.name);
  });

  it('matches tag keys by prefix: app selects application=app1', async () => {
    const names = namesIn(await collectPages(moto.client, tagFilters('app', 'app1')));

    expect(names).toContain(DECOY.keyPrefix.name);
  });

  it('does not pair the filters: app/app1 selects a secret tagged app=x, owner=app1', async () => {
    const names = namesIn(await collectPages(moto.client, tagFilters('app', 'app1')));

    expect(names).toContain(DECOY.unpaired.name);
  });

  it('matches case-sensitively: app/app1 skips App=App1, and App/App1 finds only it', async () => {
    const lower = namesIn(await collectPages(moto.client, tagFilters('app', 'app1')));
    const upper = namesIn(await collectPages(moto.client, tagFilters('App', 'App1')));

    expect(lower).not.toContain(DECOY.otherCase.name);
    expect(upper).toEqual([DECOY.otherCase.name]);
  });

  it('selects nothing for app/app3', async () => {
    const pages = await collectPages(moto.client, tagFilters('app', 'app3'));

    expect(namesIn(pages)).toEqual([]);
  });

  it('returns every match in one page when MaxResults is omitted (Secrets Manager: 20)', async () => {
    const page = await moto.client.send(
      new BatchGetSecretValueCommand({ Filters: tagFilters('app', 'app1') }),
    );

    expect(page.SecretValues).toHaveLength(MATCHING_APP_APP1.length);
    expect(page.NextToken).toBeUndefined();
  });

  it('accepts MaxResults above the documented maximum of 20', async () => {
    const pages = await collectPages(moto.client, tagFilters('app', 'app1'), 50);

    expect(pages.map((page) => page.SecretValues?.length)).toEqual([50, 3]);
  });

  it('reports an unknown name in Errors and still returns the known one', async () => {
    const page = await moto.client.send(
      new BatchGetSecretValueCommand({ SecretIdList: ['MyTestSecret1', 'NoSuchSecret'] }),
    );

    expect(page.SecretValues?.map((value) => value.Name)).toEqual(['MyTestSecret1']);
    expect(page.Errors).toEqual([
      expect.objectContaining({ SecretId: 'NoSuchSecret', ErrorCode: 'ResourceNotFoundException' }),
    ]);
  });
});
