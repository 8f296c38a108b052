/**
 * Starts the stand-in for one test and gives the real SDK client for it (fake static credentials,
 * no retries); `stopStandIn` in `afterEach` closes it.
 */
import { SecretsManagerClient, type Filter } from '@aws-sdk/client-secrets-manager';

import {
  standInClientConfig,
  startStandIn,
  type StandIn,
  type StandInOptions,
  type StandInSecret,
} from '../../../tools/stand-in/secrets-manager-server';

let current: StandIn | undefined;

/** The stand-in started by the running test. */
export function standIn(): StandIn {
  if (current === undefined) {
    throw new Error('No stand-in is running: call start() first');
  }
  return current;
}

export async function start(options: StandInOptions): Promise<SecretsManagerClient> {
  current = await startStandIn(options);
  return new SecretsManagerClient({ ...standInClientConfig(current), maxAttempts: 1 });
}

export async function stopStandIn(): Promise<void> {
  await current?.stop();
  current = undefined;
}

/** A secret holding a credentials JSON made from its name (no real value). */
export function secret(name: string, tags: Record<string, string>): StandInSecret {
  return { name, tags, secretString: JSON.stringify({ user: name, password: `pw-${name}` }) };
}

export function numbered(
  prefix: string,
  count: number,
  tags: Record<string, string>,
): StandInSecret[] {
  return Array.from({ length: count }, (_, i) => secret(`${prefix}-${i}`, tags));
}

/** The two Filters the handler sends for one tag. */
export function tag(key: string, value: string): Filter[] {
  return [
    { Key: 'tag-key', Values: [key] },
    { Key: 'tag-value', Values: [value] },
  ];
}
