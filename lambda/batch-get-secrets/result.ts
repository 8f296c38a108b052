/**
 * The one place that turns an outcome into the handler's `{ statusCode, body }`.
 *
 * Status precedence, first match wins:
 *
 * | status | when |
 * | --- | --- |
 * | 400 | the event is invalid (Secrets Manager was not called) |
 * | 502 | a BatchGetSecretValue call failed as a whole, after the SDK's retries |
 * | 500 | anything else went wrong in this function (a bug, not an expected outcome) |
 * | 403 | any matched secret was denied (`AccessDeniedException`), whatever else failed |
 * | 502 | any other failure: another per-secret ErrorCode (e.g. `DecryptionFailure`) or a malformed value |
 * | 404 | nothing matched: no values and no errors |
 * | 200 | every matched secret was retrieved and well formed |
 *
 * A denial wins over other per-secret failures because it is the caller's to fix (tags, policy),
 * and the body still lists every failure. The other failures are 502: what Secrets Manager
 * returned, or what the secret holds, is unusable. Any entry in `failed` means a status other
 * than 200, and `retrieved` lists only the secrets that are usable.
 */
import type { EventField, TagFilter } from './event';
import type { CacheStatus, SecretFailure } from './fetch';

/** The per-secret ErrorCode that makes the whole result a 403. */
export const ACCESS_DENIED = 'AccessDeniedException';

export const STATUS = {
  ok: 200,
  badRequest: 400,
  forbidden: 403,
  notFound: 404,
  internalError: 500,
  badGateway: 502,
} as const;

export interface HandlerResult {
  readonly statusCode: number;
  /** {@link ResultBody} as JSON. */
  readonly body: string;
}

/** What happened in one invocation: everything the status and body are derived from. */
export type Outcome =
  | { readonly kind: 'invalid-event'; readonly field: EventField; readonly reason: string }
  | {
      readonly kind: 'fetched';
      readonly filter: TagFilter;
      /** Secrets retrieved and well formed. */
      readonly retrieved: readonly string[];
      /** Secrets denied, otherwise not returned, or malformed. */
      readonly failed: readonly SecretFailure[];
      readonly apiCalls: number;
      readonly cache: CacheStatus;
    }
  | {
      readonly kind: 'fetch-failed';
      readonly filter: TagFilter;
      readonly errorName: string;
      readonly apiCalls: number;
      readonly cache: CacheStatus;
    }
  | { readonly kind: 'internal-error'; readonly errorName: string };

export interface ResultCounts {
  /** Secrets the filter selected: retrieved plus failed. */
  readonly matched: number;
  readonly retrieved: number;
  readonly failed: number;
  readonly denied: number;
  /** Requests sent to Secrets Manager (SDK retries not counted). */
  readonly apiCalls: number;
}

export interface ResultBody {
  readonly message: string;
  /** The tag asked for, named as in the event; absent when the event was invalid. */
  readonly filter?: { readonly TagKey: string; readonly TagValue: string };
  /** The event field at fault, for a 400. */
  readonly field?: EventField;
  /** Name of the error behind a 500 or a whole-call 502; never its message. */
  readonly errorName?: string;
  /** Names of the secrets retrieved and well formed, sorted. */
  readonly retrieved: readonly string[];
  /** Sorted by secretId, then errorCode. */
  readonly failed: readonly SecretFailure[];
  readonly counts: ResultCounts;
  /**
   * Whether the secrets came from this environment's cache (`hit`) or from Secrets Manager
   * (`miss`, or `refresh` when the event asked for it); absent when nothing was fetched.
   */
  readonly cache?: CacheStatus;
}

function isDenial(failure: SecretFailure): boolean {
  return failure.errorCode === ACCESS_DENIED;
}

/** The status for an outcome, following the precedence documented above. */
export function statusOf(outcome: Outcome): number {
  switch (outcome.kind) {
    case 'invalid-event':
      return STATUS.badRequest;
    case 'fetch-failed':
      return STATUS.badGateway;
    case 'internal-error':
      return STATUS.internalError;
    case 'fetched':
      if (outcome.failed.some(isDenial)) {
        return STATUS.forbidden;
      }
      if (outcome.failed.length > 0) {
        return STATUS.badGateway;
      }
      return outcome.retrieved.length === 0 ? STATUS.notFound : STATUS.ok;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function describeTag(filter: TagFilter): string {
  return `tagged ${filter.tagKey}=${filter.tagValue}`;
}

/** A one-sentence summary for the body's `message`. */
export function describeOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'invalid-event':
      return `Invalid event: ${outcome.field} ${outcome.reason}`;
    case 'fetch-failed':
      return `Secrets Manager request failed (${outcome.errorName})`;
    case 'internal-error':
      return `Internal error (${outcome.errorName})`;
    case 'fetched': {
      const tag = describeTag(outcome.filter);
      const matched = outcome.retrieved.length + outcome.failed.length;
      const denied = outcome.failed.filter(isDenial).length;
      if (denied > 0) {
        return `Access denied to ${denied} of ${plural(matched, 'secret')} ${tag}`;
      }
      if (outcome.failed.length > 0) {
        return `${outcome.failed.length} of ${plural(matched, 'secret')} ${tag} could not be used`;
      }
      if (matched === 0) {
        return `No secrets ${tag} were found`;
      }
      return `Retrieved ${plural(matched, 'secret')} ${tag}; every resource is ready`;
    }
  }
}

/** Orders by UTF-16 code units, as `Array.prototype.sort` does: the same in every locale. */
function compareText(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

function compareFailures(a: SecretFailure, b: SecretFailure): number {
  return compareText(a.secretId, b.secretId) || compareText(a.errorCode, b.errorCode);
}

/** The counts reported in the body (and logged by the handler). */
export function countsOf(outcome: Outcome): ResultCounts {
  if (outcome.kind === 'fetched') {
    return {
      matched: outcome.retrieved.length + outcome.failed.length,
      retrieved: outcome.retrieved.length,
      failed: outcome.failed.length,
      denied: outcome.failed.filter(isDenial).length,
      apiCalls: outcome.apiCalls,
    };
  }
  const apiCalls = outcome.kind === 'fetch-failed' ? outcome.apiCalls : 0;
  return { matched: 0, retrieved: 0, failed: 0, denied: 0, apiCalls };
}

/** The body for an outcome, before serialisation. */
export function toResultBody(outcome: Outcome): ResultBody {
  const fetched = outcome.kind === 'fetched' ? outcome : undefined;
  const retrieved = [...(fetched?.retrieved ?? [])].sort(compareText);
  const failed = [...(fetched?.failed ?? [])].sort(compareFailures);
  const withFilter = outcome.kind === 'fetched' || outcome.kind === 'fetch-failed';

  return {
    message: describeOutcome(outcome),
    filter: withFilter
      ? { TagKey: outcome.filter.tagKey, TagValue: outcome.filter.tagValue }
      : undefined,
    field: outcome.kind === 'invalid-event' ? outcome.field : undefined,
    errorName:
      outcome.kind === 'fetch-failed' || outcome.kind === 'internal-error'
        ? outcome.errorName
        : undefined,
    retrieved,
    failed,
    counts: countsOf(outcome),
    cache: withFilter ? outcome.cache : undefined,
  };
}

/** The handler's return value for an outcome. */
export function toHandlerResult(outcome: Outcome): HandlerResult {
  return { statusCode: statusOf(outcome), body: JSON.stringify(toResultBody(outcome)) };
}
