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

/** A BatchGetSecretValue call failed as a whole, after the SDK's own retries. */
export class SecretsFetchError extends Error {
  /** Name of the underlying error, e.g. `ThrottlingException` or `InternalServiceError`. */
  public readonly errorName: string;

  /** Requests sent before and including the one that failed (SDK retries not counted). */
  public readonly apiCalls: number;

  public constructor(options: { readonly cause: unknown; readonly apiCalls: number }) {
    const errorName = errorNameOf(options.cause);
    super(`BatchGetSecretValue failed with ${errorName}`, { cause: options.cause });
    this.name = 'SecretsFetchError';
    this.errorName = errorName;
    this.apiCalls = options.apiCalls;
  }
}
