/**
 * Typed configuration of the app, read from CDK context (`cdk.json`, or `-c key=value` on the
 * command line) and validated before any construct is created.
 *
 * Every key lives under the `abac:` namespace so it cannot collide with CDK's own feature flags.
 * The defaults reproduce the AWS Security Blog walkthrough exactly.
 */

/** One secret of the walkthrough: its name (before the stack's prefix), description and tags. */
export interface SecretSpec {
  readonly name: string;
  readonly description: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface AppConfig {
  /** Prepended to every physical name (secrets, the ABAC policy) so a second copy can deploy. */
  readonly namePrefix: string;
  /** The value of the `app` tag carried by the function's role; it decides which secrets it reads. */
  readonly appTagValue: string;
  /** The secrets to create, in order. */
  readonly secrets: readonly SecretSpec[];
}

/** Reads one context value; `undefined` when the key is not set. */
export type ContextReader = (key: string) => unknown;

export const CONTEXT_KEYS = {
  namePrefix: 'abac:namePrefix',
  appTagValue: 'abac:appTagValue',
  secrets: 'abac:secrets',
} as const;

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

/** The blog's six secrets: five for app1, one for app2, all in production. */
export const BLOG_SECRETS: readonly SecretSpec[] = [
  ...ORDINALS.map((ordinal, i) => ({
    name: `MyTestSecret${i + 1}`,
    description: `My ${ordinal} test secret created with the CLI for resource ${i + 1}.`,
    tags: { app: 'app1', environment: 'production' },
  })),
  {
    name: 'MyTestSecret6',
    description: 'My test secret created with the CLI.',
    tags: { app: 'app2', environment: 'production' },
  },
];

export const DEFAULT_CONFIG: AppConfig = {
  namePrefix: '',
  appTagValue: 'app1',
  secrets: BLOG_SECRETS,
};

/** Thrown when a context value is invalid; the message names the key and the value received. */
export class ConfigError extends Error {
  constructor(key: string, received: unknown, expectation: string) {
    super(`Invalid context value '${key}': received ${show(received)}; ${expectation}.`);
    this.name = 'ConfigError';
  }
}

// Secret names: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]+$/;
const SECRET_NAME_MAX = 512;
// The prefix also starts the stack's name, so it takes the stack name's rules, which fit secret
// names and IAM policy names too.
const NAME_PREFIX = /^(?:[A-Za-z][A-Za-z0-9-]*)?$/;
const NAME_PREFIX_MAX = 32;
// Tags: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_Tag.html
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TAG_KEY_MAX = 128;
const TAG_VALUE_MAX = 256;
const TAGS_PER_SECRET_MAX = 50;
const DESCRIPTION_MAX = 2048;

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

  const secrets = readSecrets(read, namePrefix);
  return { namePrefix, appTagValue, secrets };
}

function readString(read: ContextReader, key: string, fallback: string): string {
  const value = read(key);
  if (value === undefined) return fallback;
  if (typeof value !== 'string') throw new ConfigError(key, value, 'expected a string');
  return value;
}

function readSecrets(read: ContextReader, namePrefix: string): readonly SecretSpec[] {
  const key = CONTEXT_KEYS.secrets;
  let raw = read(key);
  if (raw === undefined) return DEFAULT_CONFIG.secrets;
  // `-c abac:secrets='[...]'` arrives as a string.
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw) as unknown;
    } catch {
      throw new ConfigError(key, raw, 'expected a JSON array of { name, description, tags }');
    }
  }
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new ConfigError(key, raw, 'expected a non-empty array of { name, description, tags }');
  }

  const seen = new Set<string>();
  return raw.map((entry: unknown, i) => {
    const spec = readSecret(`${key}[${i}]`, entry, namePrefix);
    if (seen.has(spec.name)) {
      throw new ConfigError(`${key}[${i}].name`, spec.name, 'expected each secret name once');
    }
    seen.add(spec.name);
    return spec;
  });
}

function readSecret(path: string, entry: unknown, namePrefix: string): SecretSpec {
  if (!isRecord(entry)) {
    throw new ConfigError(path, entry, 'expected an object { name, description, tags }');
  }

  const { name, description, tags } = entry;
  const maxName = SECRET_NAME_MAX - namePrefix.length;
  if (
    typeof name !== 'string' ||
    name.length === 0 ||
    name.length > maxName ||
    !SECRET_NAME.test(name)
  ) {
    throw new ConfigError(
      `${path}.name`,
      name,
      `expected 1 to ${maxName} characters from A-Z a-z 0-9 / _ + = . @ -`,
    );
  }
  if (typeof description !== 'string' || description.length > DESCRIPTION_MAX) {
    throw new ConfigError(
      `${path}.description`,
      description,
      `expected a string of at most ${DESCRIPTION_MAX} characters`,
    );
  }
  if (!isRecord(tags)) {
    throw new ConfigError(`${path}.tags`, tags, 'expected an object of tag key to tag value');
  }

  const entries = Object.entries(tags);
  if (entries.length > TAGS_PER_SECRET_MAX) {
    throw new ConfigError(`${path}.tags`, tags, `expected at most ${TAGS_PER_SECRET_MAX} tags`);
  }
  for (const [tagKey, tagValue] of entries) {
    checkTagKey(`${path}.tags`, tagKey);
    checkTagValue(`${path}.tags.${tagKey}`, tagValue);
  }
  return { name, description, tags: { ...(tags as Record<string, string>) } };
}

function checkTagKey(path: string, tagKey: string): void {
  if (tagKey.length === 0 || tagKey.length > TAG_KEY_MAX || !TAG_CHARS.test(tagKey)) {
    throw new ConfigError(
      path,
      tagKey,
      `expected tag keys of 1 to ${TAG_KEY_MAX} letters, digits, spaces or _ . : / = + - @`,
    );
  }
  if (tagKey.toLowerCase().startsWith('aws:')) {
    throw new ConfigError(path, tagKey, "expected no tag key starting with 'aws:' (reserved)");
  }
}

function checkTagValue(path: string, tagValue: unknown): void {
  if (
    typeof tagValue !== 'string' ||
    tagValue.length > TAG_VALUE_MAX ||
    !TAG_CHARS.test(tagValue)
  ) {
    throw new ConfigError(
      path,
      tagValue,
      `expected a string of at most ${TAG_VALUE_MAX} letters, digits, spaces or _ . : / = + - @`,
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
