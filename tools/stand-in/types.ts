/** The stand-in's public types; `secrets-manager-server.ts` re-exports them. */

/** A secret the stand-in serves. Give `arn` to fix it; otherwise one is made from the name. */
export interface StandInSecret {
  readonly name: string;
  readonly secretString: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly arn?: string;
}

/** The IAM actions the stand-in asks the authorizer about. */
export type SecretsAction =
  | 'secretsmanager:ListSecrets'
  | 'secretsmanager:BatchGetSecretValue'
  | 'secretsmanager:GetSecretValue';

/**
 * One question to the authorizer. `secret` is set for GetSecretValue, including the per-secret
 * checks inside BatchGetSecretValue; its `arn` is always filled in.
 */
export interface AuthorizationRequest {
  readonly action: SecretsAction;
  readonly secret?: StandInSecret;
}

export interface AuthorizationDecision {
  readonly allowed: boolean;
  /** Becomes the `message` of the AccessDeniedException, so a reader learns why. */
  readonly explanation?: string;
}

export type Authorizer = (
  request: AuthorizationRequest,
) => AuthorizationDecision | Promise<AuthorizationDecision>;

export interface StandInOptions {
  readonly secrets: readonly StandInSecret[];
  /**
   * Delay before each response, standing in for the network and service time of one round trip.
   * @default 0
   */
  readonly latencyMs?: number;
  /** @default allow everything */
  readonly authorize?: Authorizer;
  /**
   * Most entries on one page, below the API's own caps (20 for BatchGetSecretValue, 100 for
   * ListSecrets); a smaller value forces pagination with few secrets.
   * @default the API's caps
   */
  readonly maxPageSize?: number;
  /**
   * Empty BatchGetSecretValue pages (no values, no errors, a NextToken) served before the first
   * real page of each filtered query, as Secrets Manager may do.
   * @default 0
   */
  readonly leadingEmptyBatchPages?: number;
}

/** One request received. Times are `performance.now()` milliseconds of this process. */
export interface StandInCall {
  readonly operation: string;
  /** When the request arrived. */
  readonly at: number;
  /** When the response was sent; undefined while the request is being answered. */
  readonly answeredAt?: number;
}

export interface StandIn {
  /** Base URL for the SDK client's `endpoint`, e.g. `http://127.0.0.1:40123`. */
  readonly endpoint: string;
  readonly calls: readonly StandInCall[];
  /** TCP connections accepted, to see whether a client reuses its connections. */
  readonly connectionsOpened: number;
  /** Forgets the calls and connections counted so far. */
  resetCalls(): void;
  /** Closes the server and every open connection. */
  stop(): Promise<void>;
}
