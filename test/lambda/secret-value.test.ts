import type { SecretValueEntry } from '@aws-sdk/client-secrets-manager';

import type { FetchedSecret } from '../../lambda/batch-get-secrets/fetch';
import {
  checkSecretValue,
  inspectSecrets,
  MALFORMED_SECRET_VALUE,
} from '../../lambda/batch-get-secrets/secret-value';
import {
  binaryOnlySecret,
  credentialsSecret,
  expectNoLeak,
  fakeValue,
  leakMarkers,
  stringSecret,
} from './support/fixtures';

function asFetched(entry: SecretValueEntry): FetchedSecret {
  return {
    name: entry.Name ?? 'unnamed',
    arn: entry.ARN,
    secretString: entry.SecretString,
    secretBinary: entry.SecretBinary,
  };
}

describe('checkSecretValue', () => {
  it('accepts JSON with string user and password', () => {
    // Prepare
    const entry = credentialsSecret('app1-db');

    // Act
    const check = checkSecretValue(asFetched(entry));

    // Assess
    expect(check).toEqual({ wellFormed: true });
  });

  it.each<[string, () => SecretValueEntry, string]>([
    ['text that is not JSON', () => stringSecret('s', fakeValue()), 'not a JSON object'],
    ['unterminated JSON', () => stringSecret('s', `{"password":"${fakeValue()}`), 'not a JSON'],
    ['a JSON string', () => stringSecret('s', JSON.stringify(fakeValue())), 'not a JSON object'],
    ['a JSON array', () => stringSecret('s', JSON.stringify([fakeValue()])), 'not a JSON object'],
    [
      'JSON without password',
      () => stringSecret('s', JSON.stringify({ user: fakeValue() })),
      'no string field "password"',
    ],
    [
      'JSON whose user is a number',
      () => stringSecret('s', JSON.stringify({ user: 7, password: fakeValue() })),
      'no string field "user"',
    ],
    ['only SecretBinary', () => binaryOnlySecret('s'), 'only SecretBinary'],
  ])('rejects %s with a reason that quotes none of it', (_label, makeEntry, reasonPart) => {
    // Prepare
    const entry = makeEntry();

    // Act
    const check = checkSecretValue(asFetched(entry));

    // Assess
    const reason = check.wellFormed ? 'none: the value was accepted' : check.reason;
    expect(reason).toContain(reasonPart);
    expectNoLeak(leakMarkers([entry]), check);
  });

  it('rejects a secret with no value at all', () => {
    // Act
    const check = checkSecretValue({
      name: 's',
      arn: undefined,
      secretString: undefined,
      secretBinary: undefined,
    });

    // Assess
    expect(check).toEqual({ wellFormed: false, reason: 'Secret has no value' });
  });
});

describe('inspectSecrets', () => {
  it('lists well-formed secrets as ready, sorted, and malformed ones as failures', () => {
    // Prepare
    const entries = [
      credentialsSecret('app1-queue'),
      stringSecret('app1-cache', fakeValue()),
      credentialsSecret('app1-db'),
    ];

    // Act
    const inspected = inspectSecrets(entries.map(asFetched));

    // Assess
    expect(inspected).toEqual({
      ready: ['app1-db', 'app1-queue'],
      malformed: [
        {
          secretId: 'app1-cache',
          errorCode: MALFORMED_SECRET_VALUE,
          message: 'SecretString is not a JSON object',
        },
      ],
    });
    expectNoLeak(leakMarkers(entries), inspected);
  });
});
