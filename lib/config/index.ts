/**
 * Typed configuration of the app, read from CDK context (`cdk.json`, or `-c key=value` on the
 * command line) and validated before any construct is created.
 *
 * Every key lives under the `abac:` namespace so it cannot collide with CDK's own feature flags.
 * The defaults reproduce the AWS Security Blog walkthrough exactly.
 */
import { ConfigError, type ContextReader, readString } from './errors';
import { type GuardrailsConfig, GUARDRAIL_KEYS, readGuardrails } from './guardrails';
import { BLOG_SECRETS, checkTagValue, readSecrets, type SecretSpec } from './secrets';

export { BLOG_SECRETS, ConfigError, GUARDRAIL_KEYS };
export type { ContextReader, GuardrailsConfig, SecretSpec };

export interface AppConfig {
  /** Prepended to every physical name (stack, secrets, policies) so a second copy can deploy. */
  readonly namePrefix: string;
  /** The value of the `app` tag carried by the function's role; it decides which secrets it reads. */
  readonly appTagValue: string;
  /** The secrets to create, in order. */
  readonly secrets: readonly SecretSpec[];
  /** Seconds the function reuses a fetched result in a warm execution environment; 0 is off. */
  readonly cacheTtlSeconds: number;
  /** The optional guardrails; all off by default. */
  readonly guardrails: GuardrailsConfig;
}

export const CONTEXT_KEYS = {
  namePrefix: 'abac:namePrefix',
  appTagValue: 'abac:appTagValue',
  secrets: 'abac:secrets',
  cacheTtlSeconds: 'abac:cacheTtlSeconds',
  ...GUARDRAIL_KEYS,
} as const;

export const DEFAULT_CONFIG: AppConfig = {
  namePrefix: '',
  appTagValue: 'app1',
  secrets: BLOG_SECRETS,
  // The AWS Parameters and Secrets Lambda Extension's default (and its maximum).
  cacheTtlSeconds: 300,
  guardrails: {},
};

const CACHE_TTL_MAX_SECONDS = 300;

// The prefix also starts the stack's name, so it takes the stack name's rules, which fit secret
// names and IAM policy names too.
const NAME_PREFIX = /^(?:[A-Za-z][A-Za-z0-9-]*)?$/;
const NAME_PREFIX_MAX = 32;

/** Reads and validates the whole configuration; missing keys take the blog's defaults. */
export function loadConfig(read: ContextReader): AppConfig {
  const namePrefix = readString(read, CONTEXT_KEYS.namePrefix, DEFAULT_CONFIG.namePrefix);
  if (namePrefix.length > NAME_PREFIX_MAX || !NAME_PREFIX.test(namePrefix)) {
    throw new ConfigError(
      CONTEXT_KEYS.namePrefix,
      namePrefix,
      `expected at most ${NAME_PREFIX_MAX} letters, digits or hyphens, starting with a letter`,
    );
  }

  const appTagValue = readString(read, CONTEXT_KEYS.appTagValue, DEFAULT_CONFIG.appTagValue);
  checkTagValue(CONTEXT_KEYS.appTagValue, appTagValue);
  if (appTagValue.length === 0) {
    throw new ConfigError(CONTEXT_KEYS.appTagValue, appTagValue, 'expected a non-empty tag value');
  }

  const secrets = readSecrets(read, CONTEXT_KEYS.secrets, namePrefix, DEFAULT_CONFIG.secrets);
  const cacheTtlSeconds = readCacheTtl(read);
  const guardrails = readGuardrails(read);
  return { namePrefix, appTagValue, secrets, cacheTtlSeconds, guardrails };
}

function readCacheTtl(read: ContextReader): number {
  const key = CONTEXT_KEYS.cacheTtlSeconds;
  const raw = read(key);
  if (raw === undefined) return DEFAULT_CONFIG.cacheTtlSeconds;
  // `-c abac:cacheTtlSeconds=60` arrives as a string.
  const seconds = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (
    typeof seconds !== 'number' ||
    !Number.isInteger(seconds) ||
    seconds < 0 ||
    seconds > CACHE_TTL_MAX_SECONDS
  ) {
    throw new ConfigError(
      key,
      raw,
      `expected whole seconds from 0 to ${CACHE_TTL_MAX_SECONDS} (0 turns the cache off)`,
    );
  }
  return seconds;
}
