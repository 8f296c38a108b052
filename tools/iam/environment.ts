/**
 * The fake AWS environment a template is evaluated in. Nothing here is real: the account, region
 * and organization only give the template's ARNs and the request context concrete values.
 */
export interface SimulatedEnvironment {
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
  /**
   * The AWS Organizations ID of the account, sent as `aws:PrincipalOrgID` for its principals.
   * @default undefined (the account belongs to no organization, so AWS sends no such key)
   */
  readonly organizationId?: string;
}

/** The documentation account and region AWS uses in its own examples. */
export const DEFAULT_ENVIRONMENT: SimulatedEnvironment = {
  partition: 'aws',
  accountId: '123456789012',
  region: 'us-east-1',
  organizationId: 'o-a1b2c3d4e5',
};

/** Another account, in another organization: the outsider of the perimeter checks. */
export const OUTSIDE_ACCOUNT = { accountId: '210987654321', organizationId: 'o-z9y8x7w6v5' };

/** A fixed request time, so that reports and tests do not change from one run to the next. */
export const REQUEST_TIME = new Date('2024-01-15T12:00:00Z');
