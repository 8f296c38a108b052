import { ConfigError, DEFAULT_CONFIG, loadConfig } from '../../lib/config';

const from = (context: Record<string, unknown>) => (key: string) => context[key];

describe('loadConfig', () => {
  it('reproduces the walkthrough when no key is set', () => {
    const config = loadConfig(from({}));

    expect(config).toEqual(DEFAULT_CONFIG);
    expect(config.secrets.map((s) => [s.name, s.tags.app, s.tags.environment])).toEqual([
      ['MyTestSecret1', 'app1', 'production'],
      ['MyTestSecret2', 'app1', 'production'],
      ['MyTestSecret3', 'app1', 'production'],
      ['MyTestSecret4', 'app1', 'production'],
      ['MyTestSecret5', 'app1', 'production'],
      ['MyTestSecret6', 'app2', 'production'],
    ]);
    expect(config.secrets[0]?.description).toBe(
      'My first test secret created with the CLI for resource 1.',
    );
    expect(config.secrets[5]?.description).toBe('My test secret created with the CLI.');
  });

  it('takes the secrets as a JSON string, as `-c` passes them', () => {
    const secrets = [{ name: 'Db', description: 'a database', tags: { app: 'billing' } }];

    const config = loadConfig(
      from({ 'abac:secrets': JSON.stringify(secrets), 'abac:appTagValue': 'billing' }),
    );

    expect(config.secrets).toEqual(secrets);
    expect(config.appTagValue).toBe('billing');
  });

  it('accepts a name prefix for a second copy of the stack', () => {
    expect(loadConfig(from({ 'abac:namePrefix': 'dev-' })).namePrefix).toBe('dev-');
  });

  it.each([
    [
      'abac:namePrefix',
      42,
      "Invalid context value 'abac:namePrefix': received 42; expected a string",
    ],
    ['abac:namePrefix', '1dev', '\'abac:namePrefix\': received "1dev"; expected at most 32'],
    ['abac:namePrefix', 'dev_', '\'abac:namePrefix\': received "dev_"'],
    ['abac:namePrefix', 'a'.repeat(33), "'abac:namePrefix'"],
    ['abac:appTagValue', '', '\'abac:appTagValue\': received ""; expected a non-empty tag value'],
    ['abac:appTagValue', 'app*', '\'abac:appTagValue\': received "app*"'],
    ['abac:appTagValue', 'a'.repeat(257), "'abac:appTagValue'"],
    ['abac:secrets', 'not json', '\'abac:secrets\': received "not json"; expected a JSON array'],
    ['abac:secrets', [], "'abac:secrets': received []; expected a non-empty array"],
    ['abac:secrets', [null], "'abac:secrets[0]': received null; expected an object"],
    [
      'abac:secrets',
      [{ name: 'a b', description: '', tags: {} }],
      '\'abac:secrets[0].name\': received "a b"',
    ],
    [
      'abac:secrets',
      [{ name: 'A', description: 7, tags: {} }],
      "'abac:secrets[0].description': received 7",
    ],
    [
      'abac:secrets',
      [{ name: 'A', description: '', tags: [] }],
      "'abac:secrets[0].tags': received []",
    ],
    [
      'abac:secrets',
      [{ name: 'A', description: '', tags: { 'aws:x': 'y' } }],
      "'abac:secrets[0].tags': received \"aws:x\"; expected no tag key starting with 'aws:'",
    ],
    [
      'abac:secrets',
      [{ name: 'A', description: '', tags: { app: 5 } }],
      "'abac:secrets[0].tags.app': received 5",
    ],
    [
      'abac:secrets',
      [
        { name: 'A', description: '', tags: { app: 'x' } },
        { name: 'A', description: '', tags: {} },
      ],
      '\'abac:secrets[1].name\': received "A"; expected each secret name once',
    ],
  ])('rejects %s = %j, naming the key and the value', (key, value, message) => {
    expect(() => loadConfig(from({ [key]: value }))).toThrow(ConfigError);
    expect(() => loadConfig(from({ [key]: value }))).toThrow(message);
  });

  it('turns every guardrail on from its key, as cdk.json or -c gives it', () => {
    const config = loadConfig(
      from({
        'abac:projectTag': 'alpha',
        'abac:privilegedRoleArnPatterns': '["arn:aws:iam::123456789012:role/Admin*"]',
        'abac:organizationId': 'o-a1b2c3d4e5',
      }),
    );

    expect(config.guardrails).toEqual({
      projectTag: 'alpha',
      privilegedRoleArnPatterns: ['arn:aws:iam::123456789012:role/Admin*'],
      organizationId: 'o-a1b2c3d4e5',
    });
  });

  it('leaves every guardrail off by default', () => {
    expect(loadConfig(from({})).guardrails).toEqual({
      projectTag: undefined,
      privilegedRoleArnPatterns: undefined,
      organizationId: undefined,
    });
  });

  it.each([
    ['abac:projectTag', '', '\'abac:projectTag\': received ""; expected a non-empty tag value'],
    ['abac:projectTag', 'a*b', '\'abac:projectTag\': received "a*b"'],
    [
      'abac:privilegedRoleArnPatterns',
      'arn:aws:iam::*:role/x',
      '\'abac:privilegedRoleArnPatterns\': received "arn:aws:iam::*:role/x"; expected a JSON array',
    ],
    [
      'abac:privilegedRoleArnPatterns',
      ['*'],
      '\'abac:privilegedRoleArnPatterns[0]\': received "*"; expected an IAM role or user ARN pattern',
    ],
    [
      'abac:privilegedRoleArnPatterns',
      ['arn:aws:s3:::bucket'],
      "'abac:privilegedRoleArnPatterns[0]'",
    ],
    [
      'abac:organizationId',
      '<my-org-id>',
      '\'abac:organizationId\': received "<my-org-id>"; expected an AWS Organizations ID',
    ],
    ['abac:organizationId', 12, "'abac:organizationId': received 12; expected a string"],
  ])('rejects guardrail key %s = %j', (key, value, message) => {
    expect(() => loadConfig(from({ [key]: value }))).toThrow(message);
  });

  it('reads the cache TTL as a number or as the string -c passes', () => {
    expect(loadConfig(from({})).cacheTtlSeconds).toBe(300);
    expect(loadConfig(from({ 'abac:cacheTtlSeconds': 0 })).cacheTtlSeconds).toBe(0);
    expect(loadConfig(from({ 'abac:cacheTtlSeconds': '60' })).cacheTtlSeconds).toBe(60);
  });

  it.each([301, -1, 1.5, '5m', true])('rejects abac:cacheTtlSeconds = %j', (value) => {
    expect(() => loadConfig(from({ 'abac:cacheTtlSeconds': value }))).toThrow(
      "Invalid context value 'abac:cacheTtlSeconds'",
    );
  });

  it('shortens a long value in the error message', () => {
    expect(() => loadConfig(from({ 'abac:secrets': 'x'.repeat(500) }))).toThrow(/\.\.\.; expected/);
  });
});
