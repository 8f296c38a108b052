/**
 * Validates the invocation event and knows the rules Secrets Manager applies to filter values.
 *
 * The event names one tag, e.g. `{ "TagKey": "app", "TagValue": "app1" }`, and may add
 * `"Refresh": true` to skip values cached by an earlier invocation. Both strings become
 * `Filter.Values` of BatchGetSecretValue, so they must satisfy the Filter constraints:
 * at most 512 characters matching `^\!?[a-zA-Z0-9 :_@\/\+\=\.\-\!]*$`, where a leading `!` negates.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_Filter.html
 *
 * A tag key is at most 128 characters and a tag value at most 256, so a longer filter value can
 * never match (tag filters are prefix matches) and is rejected as invalid rather than answered 404.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_Tag.html
 */

/** The tag whose secrets the caller wants, after validation. */
export interface TagFilter {
  readonly tagKey: string;
  readonly tagValue: string;
}

/** Which part of the event was wrong: the event itself or one of its fields. */
export type EventField = 'event' | 'TagKey' | 'TagValue' | 'Refresh';

/** Either a usable request, or the first problem found: a field name and a reason, never a value. */
export type EventValidation =
  | { readonly valid: true; readonly filter: TagFilter; readonly refresh: boolean }
  | { readonly valid: false; readonly field: EventField; readonly reason: string };

/** Longest value a Secrets Manager Filter accepts. */
export const FILTER_VALUE_MAX_LENGTH = 512;

/** Longest tag key Secrets Manager stores. */
export const TAG_KEY_MAX_LENGTH = 128;

/** Longest tag value Secrets Manager stores. */
export const TAG_VALUE_MAX_LENGTH = 256;

/**
 * Characters Secrets Manager accepts in a filter value (the documented pattern without its
 * optional leading `!`, which {@link checkFilterValue} rejects on its own).
 */
const FILTER_VALUE_CHARACTERS = /^[a-zA-Z0-9 :_@/+=.\-!]+$/;

const ALLOWED_CHARACTERS_TEXT = 'letters a-z and A-Z, digits, spaces and : _ @ / + = . - !';

/** The outcome of checking one filter value: the value itself, or why it is unusable. */
export type FilterValueCheck =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

/** Checks one filter value against the Filter rules and the tag length limit `maxLength`. */
export function checkFilterValue(value: unknown, maxLength: number): FilterValueCheck {
  if (value === undefined) {
    return { ok: false, reason: 'is required' };
  }
  if (typeof value !== 'string') {
    return { ok: false, reason: 'must be a string' };
  }
  if (value.length === 0) {
    // An empty prefix matches every tag: the call would fetch every secret the role can read.
    return { ok: false, reason: 'must not be empty' };
  }
  const limit = Math.min(maxLength, FILTER_VALUE_MAX_LENGTH);
  if (value.length > limit) {
    return { ok: false, reason: `must be at most ${limit} characters` };
  }
  if (value.startsWith('!')) {
    // Secrets Manager reads a leading `!` as "does not match". The event names a tag to fetch,
    // so a negation would silently fetch every other secret the role can read.
    return { ok: false, reason: 'must not start with "!" (negation filters are not supported)' };
  }
  if (!FILTER_VALUE_CHARACTERS.test(value)) {
    return { ok: false, reason: `may only contain ${ALLOWED_CHARACTERS_TEXT}` };
  }
  return { ok: true, value };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates an invocation event without calling AWS.
 *
 * Extra fields are ignored. The result never echoes a received value, so it is safe to log.
 */
export function validateEvent(event: unknown): EventValidation {
  if (!isPlainObject(event)) {
    return {
      valid: false,
      field: 'event',
      reason: 'must be a JSON object with string fields TagKey and TagValue',
    };
  }

  const tagKey = checkFilterValue(event.TagKey, TAG_KEY_MAX_LENGTH);
  if (!tagKey.ok) {
    return { valid: false, field: 'TagKey', reason: tagKey.reason };
  }

  const tagValue = checkFilterValue(event.TagValue, TAG_VALUE_MAX_LENGTH);
  if (!tagValue.ok) {
    return { valid: false, field: 'TagValue', reason: tagValue.reason };
  }

  if (event.Refresh !== undefined && typeof event.Refresh !== 'boolean') {
    return { valid: false, field: 'Refresh', reason: 'must be true or false when given' };
  }

  return {
    valid: true,
    filter: { tagKey: tagKey.value, tagValue: tagValue.value },
    refresh: event.Refresh === true,
  };
}
