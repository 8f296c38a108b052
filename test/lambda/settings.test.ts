import { readSettings } from '../../lambda/batch-get-secrets/settings';

describe('readSettings', () => {
  it.each([
    ['unset', undefined, 300],
    ['empty', '', 300],
    ['0, which turns the cache off', '0', 0],
    ['a whole number of seconds', '60', 60],
    ['the maximum, 300', '300', 300],
  ])('reads CACHE_TTL_SECONDS %s without complaint', (_label, raw, seconds) => {
    // Act
    const read = readSettings({ CACHE_TTL_SECONDS: raw });

    // Assess
    expect(read).toEqual({ settings: { cacheTtlSeconds: seconds }, problems: [] });
  });

  it.each([
    ['above the maximum', '301'],
    ['negative', '-1'],
    ['a fraction', '1.5'],
    ['not a number', 'five'],
    ['a number with a unit', '300s'],
    ['padded with spaces', ' 60'],
  ])('falls back to 300 and names the variable when the value is %s', (_label, raw) => {
    // Act
    const read = readSettings({ CACHE_TTL_SECONDS: raw });

    // Assess
    expect(read.settings.cacheTtlSeconds).toBe(300);
    expect(read.problems).toEqual([
      {
        variable: 'CACHE_TTL_SECONDS',
        reason: 'must be a whole number of seconds from 0 to 300; using 300',
      },
    ]);
  });
});
