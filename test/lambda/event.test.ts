import {
  checkFilterValue,
  FILTER_VALUE_MAX_LENGTH,
  TAG_KEY_MAX_LENGTH,
  TAG_VALUE_MAX_LENGTH,
  validateEvent,
} from '../../lambda/batch-get-secrets/event';
import { APP1, APP1_EVENT, fakeValue, PRODUCTION_EVENT } from './support/fixtures';

describe('validateEvent', () => {
  it.each([
    ['the app1 event', APP1_EVENT, { tagKey: 'app', tagValue: 'app1' }],
    ['the production event', PRODUCTION_EVENT, { tagKey: 'environment', tagValue: 'production' }],
  ])('accepts %s from the AWS blog', (_label, event, filter) => {
    // Act
    const validation = validateEvent(event);

    // Assess
    expect(validation).toEqual({ valid: true, filter, refresh: false });
  });

  it('ignores fields other than TagKey and TagValue, keeping them out of the filter', () => {
    // Prepare
    const event = { ...APP1_EVENT, note: fakeValue() };

    // Act
    const validation = validateEvent(event);

    // Assess
    expect(validation).toEqual({
      valid: true,
      filter: { tagKey: 'app', tagValue: 'app1' },
      refresh: false,
    });
  });

  it.each([
    ['true', true],
    ['false', false],
  ])('reads Refresh: %s', (_label, refresh) => {
    // Act
    const validation = validateEvent({ ...APP1_EVENT, Refresh: refresh });

    // Assess
    expect(validation).toEqual({ valid: true, filter: APP1, refresh });
  });

  it.each([
    ['the string "true"', 'true'],
    ['the number 1', 1],
    ['null', null],
    ['an object', { value: true }],
  ])('rejects a Refresh that is %s, naming the field', (_label, refresh) => {
    // Act
    const validation = validateEvent({ ...APP1_EVENT, Refresh: refresh });

    // Assess
    expect(validation).toEqual({
      valid: false,
      field: 'Refresh',
      reason: 'must be true or false when given',
    });
  });

  it.each([
    ['a string', 'app1'],
    ['null', null],
    ['undefined', undefined],
    ['an array', [APP1_EVENT]],
    ['a number', 42],
  ])('rejects an event that is %s, naming the event', (_label, event) => {
    // Act
    const validation = validateEvent(event);

    // Assess
    expect(validation).toEqual({
      valid: false,
      field: 'event',
      reason: 'must be a JSON object with string fields TagKey and TagValue',
    });
  });

  it.each([
    ['TagKey is missing', { TagValue: 'app1' }, 'TagKey', 'is required'],
    ['TagValue is missing', { TagKey: 'app' }, 'TagValue', 'is required'],
    ['TagKey is a number', { TagKey: 1, TagValue: 'app1' }, 'TagKey', 'must be a string'],
    ['TagValue is null', { TagKey: 'app', TagValue: null }, 'TagValue', 'must be a string'],
    ['TagKey is empty', { TagKey: '', TagValue: 'app1' }, 'TagKey', 'must not be empty'],
    ['TagValue is empty', { TagKey: 'app', TagValue: '' }, 'TagValue', 'must not be empty'],
  ])('rejects an event where %s', (_label, event, field, reason) => {
    // Act
    const validation = validateEvent(event);

    // Assess
    expect(validation).toEqual({ valid: false, field, reason });
  });

  it('reports TagKey first when both fields are wrong', () => {
    // Act
    const validation = validateEvent({ TagKey: 7, TagValue: 7 });

    // Assess
    expect(validation).toMatchObject({ valid: false, field: 'TagKey' });
  });
});

describe('checkFilterValue', () => {
  it.each([
    ['a tag key at the tag limit', 'k'.repeat(TAG_KEY_MAX_LENGTH), TAG_KEY_MAX_LENGTH],
    ['a tag value at the tag limit', 'v'.repeat(TAG_VALUE_MAX_LENGTH), TAG_VALUE_MAX_LENGTH],
    ['every allowed character', 'aZ09 :_@/+=.-!', TAG_VALUE_MAX_LENGTH],
    ['a "!" that is not leading', 'app!1', TAG_VALUE_MAX_LENGTH],
    ['a value of spaces', '  ', TAG_VALUE_MAX_LENGTH],
  ])('accepts %s', (_label, value, maxLength) => {
    // Act
    const check = checkFilterValue(value, maxLength);

    // Assess
    expect(check).toEqual({ ok: true, value });
  });

  it.each([
    ['a tag key one past the tag limit', TAG_KEY_MAX_LENGTH],
    ['a tag value one past the tag limit', TAG_VALUE_MAX_LENGTH],
  ])('rejects %s, stating the limit', (_label, maxLength) => {
    // Act
    const check = checkFilterValue('x'.repeat(maxLength + 1), maxLength);

    // Assess
    expect(check).toEqual({ ok: false, reason: `must be at most ${maxLength} characters` });
  });

  it('never allows more than the Filter limit, whatever the tag limit', () => {
    // Act
    const check = checkFilterValue('x'.repeat(FILTER_VALUE_MAX_LENGTH + 1), 10_000);

    // Assess
    expect(check).toEqual({
      ok: false,
      reason: `must be at most ${FILTER_VALUE_MAX_LENGTH} characters`,
    });
  });

  it('rejects a leading "!", which Secrets Manager would read as a negation', () => {
    // Act
    const check = checkFilterValue('!app1', TAG_VALUE_MAX_LENGTH);

    // Assess
    expect(check).toEqual({
      ok: false,
      reason: 'must not start with "!" (negation filters are not supported)',
    });
  });

  it.each([
    ['a shell metacharacter', 'app1;'],
    ['a wildcard', 'app*'],
    ['a quote', 'app"1'],
    ['a non-ASCII letter', 'äpp'],
    ['a newline', 'app\n1'],
    ['a tab', 'app\t1'],
  ])('rejects %s, listing the allowed characters', (_label, value) => {
    // Act
    const check = checkFilterValue(value, TAG_VALUE_MAX_LENGTH);

    // Assess
    expect(check).toEqual({
      ok: false,
      reason: 'may only contain letters a-z and A-Z, digits, spaces and : _ @ / + = . - !',
    });
  });

  it('never quotes the value it rejects', () => {
    // Prepare
    const value = `${fakeValue()};`;

    // Act
    const check = checkFilterValue(value, TAG_VALUE_MAX_LENGTH);

    // Assess
    expect(check.ok).toBe(false);
    expect(JSON.stringify(check)).not.toContain(value.slice(0, -1));
  });
});
