/**
 * Typed errors of the batch-get-secrets handler.
 *
 * Expected outcomes (bad input, denied secrets, no match, malformed values) are results, not
 * errors. Only a failure that stops the whole fetch is thrown, and it is caught by the handler.
 */

/** Fallback name when a thrown value carries no usable name. */
export const UNKNOWN_ERROR_NAME = 'UnknownError';

/**
 * The name of a thrown value, safe to return to a caller and to log.
 *
 * Only the name is read: SDK error messages can echo request details, so they stay in `cause`.
 */
export function errorNameOf(error: unknown): string {
  if (error instanceof Error && error.name.length > 0) {
    return error.name;
  }
  return UNKNOWN_ERROR_NAME;
}

/** A Secrets Manager call failed as a whole, after the SDK's own retries. */
export class SecretsFetchError extends Error {
  /** Name of the underlying error, e.g. `ThrottlingException` or `InternalServiceError`. */
  public readonly errorName: string;

  /** Requests sent by the fetch, the one that failed included (SDK retries not counted). */
  public readonly apiCalls: number;

  /** The operation that failed, e.g. `BatchGetSecretValue` or `ListSecrets`. */
  public readonly operation: string;

  public constructor(options: {
    readonly cause: unknown;
    readonly apiCalls: number;
    /** @default 'BatchGetSecretValue' */
    readonly operation?: string;
  }) {
    const errorName = errorNameOf(options.cause);
    const operation = options.operation ?? 'BatchGetSecretValue';
    super(`${operation} failed with ${errorName}`, { cause: options.cause });
    this.name = 'SecretsFetchError';
    this.errorName = errorName;
    this.apiCalls = options.apiCalls;
    this.operation = operation;
  }
}
