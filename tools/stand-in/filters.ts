/**
 * The Filters of ListSecrets and BatchGetSecretValue, matched as Secrets Manager documents them:
 * `name`, `tag-key` and `tag-value` are case-sensitive prefix matches. Filters are ANDed, the
 * values of one filter ORed, and `tag-key` and `tag-value` are not paired: a secret matches
 * `tag-key=app` and `tag-value=app1` when ANY of its tag keys starts with `app` and ANY of its tag
 * values starts with `app1`, whether or not they belong to the same tag.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_Filter.html
 */
import { StandInError } from './errors';

/** Filter keys the stand-in evaluates; Secrets Manager has more (see the module's NOTE). */
export const SUPPORTED_FILTER_KEYS = ['name', 'tag-key', 'tag-value'] as const;

export type FilterKey = (typeof SUPPORTED_FILTER_KEYS)[number];

/** What a filter is matched against. */
export interface Filterable {
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface ParsedFilter {
  readonly key: FilterKey;
  readonly values: readonly string[];
}

/** Every Secrets Manager filter key, so a valid but unmodelled key is told apart from a typo. */
const DOCUMENTED_FILTER_KEYS = new Set([
  'description',
  'name',
  'tag-key',
  'tag-value',
  'primary-region',
  'owning-service',
  'all',
]);

const FILTER_VALUE_PATTERN = /^!?[a-zA-Z0-9 :_@/+=.\-!]*$/;
const FILTER_VALUE_MAX_LENGTH = 512;
const FILTER_VALUES_MAX = 10;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSupportedKey(key: string): key is FilterKey {
  return (SUPPORTED_FILTER_KEYS as readonly string[]).includes(key);
}

function parseValues(key: string, values: unknown): string[] {
  if (!Array.isArray(values) || values.length === 0 || values.length > FILTER_VALUES_MAX) {
    throw StandInError.validation(`Filter ${key} needs 1 to ${FILTER_VALUES_MAX} Values`);
  }
  return values.map((value: unknown) => {
    if (
      typeof value !== 'string' ||
      value.length > FILTER_VALUE_MAX_LENGTH ||
      !FILTER_VALUE_PATTERN.test(value)
    ) {
      throw StandInError.validation(`Filter ${key} has a value that breaks the Filter pattern`);
    }
    if (value.startsWith('!')) {
      throw StandInError.validation('Negation filters ("!") are not modelled by the stand-in');
    }
    return value;
  });
}

/** Checks the `Filters` of a request; rejects what Secrets Manager would, and what is not modelled. */
export function parseFilters(filters: unknown): ParsedFilter[] {
  if (!Array.isArray(filters)) {
    throw StandInError.validation('Filters must be a list');
  }
  return filters.map((filter: unknown) => {
    if (!isRecord(filter) || typeof filter.Key !== 'string') {
      throw StandInError.validation('Each filter needs a Key and Values');
    }
    const key = filter.Key;
    if (!DOCUMENTED_FILTER_KEYS.has(key)) {
      throw StandInError.validation(`Filter key ${key} is not a Secrets Manager filter key`);
    }
    if (!isSupportedKey(key)) {
      throw StandInError.validation(`Filter key ${key} is not modelled by the stand-in`);
    }
    return { key, values: parseValues(key, filter.Values) };
  });
}

function matchesOne(secret: Filterable, key: FilterKey, value: string): boolean {
  switch (key) {
    case 'name':
      return secret.name.startsWith(value);
    case 'tag-key':
      return Object.keys(secret.tags).some((tagKey) => tagKey.startsWith(value));
    case 'tag-value':
      return Object.values(secret.tags).some((tagValue) => tagValue.startsWith(value));
  }
}

/** Whether `secret` passes every filter (and, within one filter, any of its values). */
export function matchesFilters(secret: Filterable, filters: readonly ParsedFilter[]): boolean {
  return filters.every(({ key, values }) => values.some((value) => matchesOne(secret, key, value)));
}
