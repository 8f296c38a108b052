/**
 * Checks that each retrieved secret holds the credentials an application connects with:
 * a JSON SecretString with string `user` and `password` fields.
 *
 * Reasons returned here are fixed sentences. They never quote the value, nor a JSON.parse error
 * message, which can include a snippet of the text it failed to parse.
 */
import type { FetchedSecret, SecretFailure } from './fetch';

/** Error code reported for a retrieved secret whose value is not usable credentials. */
export const MALFORMED_SECRET_VALUE = 'MalformedSecretValue';

/** Fields a credentials secret must hold as strings. */
export const REQUIRED_FIELDS = ['user', 'password'] as const;

/** Whether a secret's value is usable, and if not, why (in words that hold no part of it). */
export type SecretValueCheck =
  { readonly wellFormed: true } | { readonly wellFormed: false; readonly reason: string };

/** Secrets split into those ready to use and those that cannot be used. */
export interface InspectedSecrets {
  /** Names of secrets holding well-formed credentials, sorted. */
  readonly ready: readonly string[];
  /** One failure per malformed secret, with errorCode {@link MALFORMED_SECRET_VALUE}. */
  readonly malformed: readonly SecretFailure[];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The parse error is dropped on purpose: its message can quote the secret value.
    return undefined;
  }
}

/** Checks one secret's value without revealing it. */
export function checkSecretValue(secret: FetchedSecret): SecretValueCheck {
  if (secret.secretString === undefined) {
    const reason =
      secret.secretBinary === undefined
        ? 'Secret has no value'
        : 'Secret holds only SecretBinary; expected a JSON SecretString';
    return { wellFormed: false, reason };
  }

  const parsed = parseJson(secret.secretString);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { wellFormed: false, reason: 'SecretString is not a JSON object' };
  }

  const fields = parsed as Record<string, unknown>;
  for (const field of REQUIRED_FIELDS) {
    if (typeof fields[field] !== 'string') {
      return { wellFormed: false, reason: `SecretString has no string field "${field}"` };
    }
  }

  return { wellFormed: true };
}

/**
 * Checks every secret. A well-formed one is where a real application would open its connection;
 * here its resource is reported ready.
 */
export function inspectSecrets(secrets: Iterable<FetchedSecret>): InspectedSecrets {
  const ready: string[] = [];
  const malformed: SecretFailure[] = [];

  for (const secret of secrets) {
    const check = checkSecretValue(secret);
    if (check.wellFormed) {
      ready.push(secret.name);
    } else {
      malformed.push({
        secretId: secret.name,
        errorCode: MALFORMED_SECRET_VALUE,
        message: check.reason,
      });
    }
  }

  return { ready: ready.sort(), malformed };
}
