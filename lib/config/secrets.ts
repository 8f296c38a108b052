/** The secrets of the walkthrough, and the rules a configured secret must follow. */
import { ConfigError, type ContextReader, isRecord, readJson } from './errors';

/** One secret of the walkthrough: its name (before the stack's prefix), description and tags. */
export interface SecretSpec {
  readonly name: string;
  readonly description: string;
  readonly tags: Readonly<Record<string, string>>;
}

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

// Secret names: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]+$/;
const SECRET_NAME_MAX = 512;
// Tags: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_Tag.html
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TAG_KEY_MAX = 128;
const TAG_VALUE_MAX = 256;
const TAGS_PER_SECRET_MAX = 50;
const DESCRIPTION_MAX = 2048;

/** Reads the list of secrets at `key`, or `fallback` when it is not set. */
export function readSecrets(
  read: ContextReader,
  key: string,
  namePrefix: string,
  fallback: readonly SecretSpec[],
): readonly SecretSpec[] {
  const raw = readJson(read, key, 'expected a JSON array of { name, description, tags }');
  if (raw === undefined) return fallback;
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
  const checked: Record<string, string> = {};
  for (const [tagKey, tagValue] of entries) {
    checkTagKey(`${path}.tags`, tagKey);
    checked[tagKey] = checkTagValue(`${path}.tags.${tagKey}`, tagValue);
  }
  return { name, description, tags: checked };
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

/** Checks a tag value (also used for the principal tags the stack sets); returns it typed. */
export function checkTagValue(path: string, tagValue: unknown): string {
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
  return tagValue;
}
