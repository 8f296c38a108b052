/**
 * The secrets the integration tests create: the walkthrough's six, enough more tagged app=app1 to
 * need several pages, and decoys that show how the tag filters match.
 */
import { randomUUID } from 'node:crypto';

import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

import { startMotoServer, type MotoServer } from './moto-server';

export interface PlannedSecret {
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Random per test run, so a leak in a body or a log line is found by searching for it. */
  readonly password: string;
}

/** Secrets tagged app=app1 beyond the walkthrough's five: with them, 53 secrets match app/app1. */
export const BULK_APP1_COUNT = 45;

function planned(name: string, tags: Record<string, string>): PlannedSecret {
  return { name, tags, password: randomUUID() };
}

const blog = [1, 2, 3, 4, 5, 6].map((n) =>
  planned(`MyTestSecret${n}`, { app: n === 6 ? 'app2' : 'app1', environment: 'production' }),
);

const bulk = Array.from({ length: BULK_APP1_COUNT }, (_, i) =>
  planned(`BulkApp1Secret${String(i + 1).padStart(2, '0')}`, {
    app: 'app1',
    environment: 'staging',
  }),
);

/** Each decoy is named for the filter behaviour it exposes. */
export const DECOY = {
  /** Value app10 starts with app1. */
  valuePrefix: planned('DecoyValuePrefixApp10', { app: 'app10', environment: 'production' }),
  /** Key application starts with app. */
  keyPrefix: planned('DecoyKeyPrefixApplication', { application: 'app1' }),
  /** Has a tag with key app and another with value app1, but not app=app1. */
  unpaired: planned('DecoyUnpairedOwnerApp1', { app: 'x', owner: 'app1' }),
  /** Same words, other case. */
  otherCase: planned('DecoyOtherCaseApp1', { App: 'App1' }),
} as const;

const unrelated = [
  planned('UnrelatedTeamSecret', { team: 'payments' }),
  planned('UntaggedSecret', {}),
];

export const ALL_SECRETS: readonly PlannedSecret[] = [
  ...blog,
  ...bulk,
  ...Object.values(DECOY),
  ...unrelated,
];

/** Names Secrets Manager's tag-key `app` + tag-value `app1` filters select, sorted. */
export const MATCHING_APP_APP1: readonly string[] = [
  ...blog.filter((secret) => secret.tags.app === 'app1').map((secret) => secret.name),
  ...bulk.map((secret) => secret.name),
  DECOY.valuePrefix.name,
  DECOY.keyPrefix.name,
  DECOY.unpaired.name,
].sort();

export function secretValueOf(secret: PlannedSecret): string {
  return JSON.stringify({ user: 'username', password: secret.password });
}

export function createTestClient(endpoint: string): SecretsManagerClient {
  return new SecretsManagerClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    // A local server either answers or is broken: retries would only slow a failure down.
    maxAttempts: 1,
  });
}

/** Creates the secrets one by one, so the server holds them in this order. */
export async function seedSecrets(
  client: SecretsManagerClient,
  secrets: readonly PlannedSecret[] = ALL_SECRETS,
): Promise<void> {
  for (const secret of secrets) {
    await client.send(
      new CreateSecretCommand({
        Name: secret.name,
        SecretString: secretValueOf(secret),
        Tags: Object.entries(secret.tags).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
  }
}

/** The seeded server of one describe block; `client` is set once its beforeAll has run. */
export interface SeededMotoServer {
  readonly client: SecretsManagerClient;
}

/**
 * Call inside a describe block: starts a moto server before its tests, seeds it with
 * {@link ALL_SECRETS}, and stops it after them, whatever happened.
 */
export function useSeededMotoServer(): SeededMotoServer {
  let server: MotoServer | undefined;
  let client: SecretsManagerClient | undefined;

  beforeAll(async () => {
    server = await startMotoServer();
    client = createTestClient(server.endpoint);
    await seedSecrets(client);
  });

  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  return {
    get client(): SecretsManagerClient {
      if (client === undefined)
        throw new Error('The moto server is used before its beforeAll ran.');
      return client;
    },
  };
}
