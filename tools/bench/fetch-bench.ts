/**
 * Fetching N matching secrets, every approach through the real SDK client (with the handler's
 * client settings) against the local stand-in, which adds a fixed latency to every call.
 *
 * API calls and round trips are counted by the stand-in, not by the code under test. A round trip
 * is one step of the longest chain of calls where each was sent after the previous one was
 * answered: calls in flight together share a round trip.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

import { createSecretsManagerClient } from '../../lambda/batch-get-secrets/client';
import type { TagFilter } from '../../lambda/batch-get-secrets/event';
import { toBatchFilters } from '../../lambda/batch-get-secrets/fetch';
import {
  DEFAULT_FETCH_STRATEGY,
  type FetchStrategy,
} from '../../lambda/batch-get-secrets/fetch-strategies';
import { createHandler } from '../../lambda/batch-get-secrets/handler';
import { createLogger } from '../../lambda/batch-get-secrets/log';
import type { ResultBody } from '../../lambda/batch-get-secrets/result';
import {
  standInClientConfig,
  startStandIn,
  type StandIn,
  type StandInCall,
  type StandInSecret,
} from '../stand-in/secrets-manager-server';
import { listThenGetInParallel, listThenGetOneByOne } from './baselines';
import { median } from './stats';

export const FILTER: TagFilter = { tagKey: 'app', tagValue: 'app1' };

/** Secrets tagged for another app, so that the filters have something to leave out. */
const OTHER_SECRETS = 25;

export type ApproachId =
  | 'loop'
  | 'parallel-get'
  | 'handler:filter-pages'
  | 'handler:list-then-batch'
  | 'handler:adaptive'
  | 'handler:warm';

export interface Approach {
  readonly id: ApproachId;
  readonly label: string;
  /** Prepares one run (not measured) and returns the measured part: it resolves to N on success. */
  setup(client: SecretsManagerClient): Promise<() => Promise<number>>;
}

const silent = createLogger({}, () => undefined);

/** Invokes a handler and returns how many secrets it retrieved, failing unless it answered 200. */
async function invoke(handler: ReturnType<typeof createHandler>): Promise<number> {
  const result = await handler({ TagKey: FILTER.tagKey, TagValue: FILTER.tagValue });
  const body = JSON.parse(result.body) as ResultBody;
  if (result.statusCode !== 200) {
    throw new Error(`The handler answered ${result.statusCode}: ${body.message}`);
  }
  return body.counts.retrieved;
}

function handlerApproach(strategy: FetchStrategy): Approach {
  const isDefault = strategy === DEFAULT_FETCH_STRATEGY ? ', the default' : '';
  return {
    id: `handler:${strategy}`,
    label: `handler, ${strategy}${isDefault}`,
    setup: (client) => {
      // No cache: every run fetches, as a cold or expired invocation does.
      const handler = createHandler({
        client,
        logger: silent,
        fetchStrategy: strategy,
        cache: { ttlSeconds: 0 },
      });
      return Promise.resolve(() => invoke(handler));
    },
  };
}

export const APPROACHES: Readonly<Record<ApproachId, Approach>> = {
  loop: {
    id: 'loop',
    label: 'ListSecrets + GetSecretValue one by one',
    setup: (client) => Promise.resolve(() => listThenGetOneByOne(client, toBatchFilters(FILTER))),
  },
  'parallel-get': {
    id: 'parallel-get',
    label: 'ListSecrets + parallel GetSecretValue',
    setup: (client) => Promise.resolve(() => listThenGetInParallel(client, toBatchFilters(FILTER))),
  },
  'handler:filter-pages': handlerApproach('filter-pages'),
  'handler:list-then-batch': handlerApproach('list-then-batch'),
  'handler:adaptive': handlerApproach('adaptive'),
  'handler:warm': {
    id: 'handler:warm',
    label: `handler, warm (cache hit, ${DEFAULT_FETCH_STRATEGY})`,
    setup: async (client) => {
      const handler = createHandler({ client, logger: silent });
      await invoke(handler);
      return () => invoke(handler);
    },
  },
};

export interface Sample {
  readonly wallMs: number;
  readonly apiCalls: number;
  readonly roundTrips: number;
  readonly connections: number;
}

export interface FetchResult {
  readonly n: number;
  readonly approach: ApproachId;
  readonly samples: readonly Sample[];
  readonly medianMs: number;
}

/** The length of the longest chain of calls each sent after the previous one was answered. */
export function roundTrips(calls: readonly StandInCall[]): number {
  const sorted = [...calls].sort((a, b) => a.at - b.at);
  const depth: number[] = [];
  sorted.forEach((call, i) => {
    let before = 0;
    for (let j = 0; j < i; j += 1) {
      const previous = sorted[j] as StandInCall;
      if (previous.answeredAt !== undefined && previous.answeredAt <= call.at) {
        before = Math.max(before, depth[j] as number);
      }
    }
    depth.push(before + 1);
  });
  return Math.max(0, ...depth);
}

function secretsFor(n: number): StandInSecret[] {
  const credentials = (name: string) => JSON.stringify({ user: name, password: `bench-${name}` });
  const matching = Array.from({ length: n }, (_, i) => {
    const name = `bench-app1-${String(i).padStart(3, '0')}`;
    return { name, secretString: credentials(name), tags: { app: 'app1', environment: 'bench' } };
  });
  const others = Array.from({ length: OTHER_SECRETS }, (_, i) => {
    const name = `bench-app2-${String(i).padStart(3, '0')}`;
    return { name, secretString: credentials(name), tags: { app: 'app2', environment: 'bench' } };
  });
  return [...matching, ...others];
}

async function sample(standIn: StandIn, run: () => Promise<number>, n: number): Promise<Sample> {
  standIn.resetCalls();
  const started = performance.now();
  const retrieved = await run();
  const wallMs = performance.now() - started;
  if (retrieved !== n) {
    throw new Error(`Expected ${n} secrets, received ${retrieved}`);
  }
  const calls = [...standIn.calls];
  return {
    wallMs,
    apiCalls: calls.length,
    roundTrips: roundTrips(calls),
    connections: standIn.connectionsOpened,
  };
}

/**
 * Measures every approach for N secrets: one discarded warm-up run each, then `repeats` runs,
 * taking the approaches in turn within each repeat so that drift affects them alike.
 */
export async function measureFetch(
  n: number,
  approaches: readonly ApproachId[],
  options: { readonly latencyMs: number; readonly repeats: number },
): Promise<FetchResult[]> {
  const standIn = await startStandIn({ secrets: secretsFor(n), latencyMs: options.latencyMs });
  try {
    const clients = new Map(
      approaches.map((id) => [id, createSecretsManagerClient(standInClientConfig(standIn))]),
    );
    const samples = new Map<ApproachId, Sample[]>(approaches.map((id) => [id, []]));

    for (let repeat = -1; repeat < options.repeats; repeat += 1) {
      for (const id of approaches) {
        const run = await APPROACHES[id].setup(clients.get(id) as SecretsManagerClient);
        const measured = await sample(standIn, run, n);
        if (repeat >= 0) {
          samples.get(id)?.push(measured);
        }
      }
    }

    clients.forEach((client) => client.destroy());
    return approaches.map((id) => {
      const taken = samples.get(id) ?? [];
      return { n, approach: id, samples: taken, medianMs: median(taken.map((s) => s.wallMs)) };
    });
  } finally {
    await standIn.stop();
  }
}
