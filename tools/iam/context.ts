/**
 * The request context AWS would send with a request, and why it would leave out a key.
 *
 * Every key a policy uses must be either sent or knowingly absent; a key this file does not know
 * about is an error, not an omission, because an absent key changes what a condition means.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import { REQUEST_TIME, type SimulatedEnvironment } from './environment';
import type { NamedPolicy } from './model';
import type { Principal } from './principals';

/** What a request acts on: a secret, or another resource such as a role. */
export interface RequestTarget {
  readonly name: string;
  readonly arn: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly resourcePolicy?: NamedPolicy;
}

export interface AccessRequest {
  readonly action: string;
  /**
   * The resource acted on.
   * @default undefined (the action is authorized on `*`, as BatchGetSecretValue and ListSecrets are)
   */
  readonly target?: RequestTarget;
  /**
   * Tags the request sets (TagResource, TagRole).
   * @default {}
   */
  readonly requestTags?: Readonly<Record<string, string>>;
  /**
   * Tag keys the request names (TagResource, UntagResource, TagRole, UntagRole).
   * @default []
   */
  readonly tagKeys?: readonly string[];
}

export interface RequestContext {
  readonly values: Readonly<Record<string, string | string[]>>;
  /** Why AWS sends no value for `key` in this request; `undefined` when it would send one. */
  absenceReason(key: string): string | undefined;
}

/** The account of an ARN (its fifth field). */
export function accountOfArn(arn: string): string {
  return arn.split(':')[4] ?? '';
}

function orgPath(organizationId: string): string {
  return `${organizationId}/r-ab12/`;
}

/** Keys AWS sends on every signed request of a role session, tags and organization included. */
function principalKeys(
  principal: Principal,
  environment: SimulatedEnvironment,
): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {
    'aws:PrincipalArn': principal.roleArn,
    'aws:PrincipalAccount': principal.accountId,
    'aws:PrincipalType': 'AssumedRole',
    'aws:userid': `${principal.roleId}:${principal.sessionName}`,
    'aws:PrincipalIsAWSService': 'false',
    'aws:ViaAWSService': 'false',
    'aws:SecureTransport': 'true',
    'aws:RequestedRegion': environment.region,
    'aws:CurrentTime': REQUEST_TIME.toISOString().replace('.000Z', 'Z'),
    'aws:EpochTime': String(REQUEST_TIME.getTime() / 1000),
  };
  for (const [key, value] of Object.entries(principal.tags)) {
    values[`aws:PrincipalTag/${key}`] = value;
  }
  if (principal.organizationId !== undefined) {
    values['aws:PrincipalOrgID'] = principal.organizationId;
    values['aws:PrincipalOrgPaths'] = [orgPath(principal.organizationId)];
  }
  return values;
}

/** Keys AWS sends about the resource acted on. */
function targetKeys(
  target: RequestTarget,
  environment: SimulatedEnvironment,
): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {
    'aws:ResourceAccount': accountOfArn(target.arn),
  };
  for (const [key, value] of Object.entries(target.tags)) {
    values[`aws:ResourceTag/${key}`] = value;
  }
  if (accountOfArn(target.arn) === environment.accountId && environment.organizationId) {
    values['aws:ResourceOrgID'] = environment.organizationId;
    values['aws:ResourceOrgPaths'] = [orgPath(environment.organizationId)];
  }
  if (target.arn.includes(':secretsmanager:')) {
    values['secretsmanager:SecretId'] = target.arn;
  }
  return values;
}

/** The request context of `request` made by `principal`. */
export function requestContext(
  principal: Principal,
  request: AccessRequest,
  environment: SimulatedEnvironment,
): RequestContext {
  const { target } = request;
  const requestTags = request.requestTags ?? {};
  const tagKeys = request.tagKeys ?? [];
  const values: Record<string, string | string[]> = {
    ...principalKeys(principal, environment),
    ...(target === undefined ? {} : targetKeys(target, environment)),
  };
  for (const [key, value] of Object.entries(requestTags)) values[`aws:RequestTag/${key}`] = value;
  if (tagKeys.length > 0) values['aws:TagKeys'] = [...tagKeys];

  const noTarget = `${request.action} is authorized on "*": the request names no resource`;
  const absence: [RegExp, (suffix: string) => string | undefined][] = [
    [/^aws:principaltag\/(.+)$/, (tag) => `${principal.label} has no tag "${tag}"`],
    [
      /^aws:principalorg(id|paths)$/,
      () => `the account of ${principal.label} is in no organization`,
    ],
    [
      /^aws:resourcetag\/(.+)$/,
      (tag) => (target ? `${target.name} has no tag "${tag}"` : noTarget),
    ],
    [/^(aws:resourceaccount|secretsmanager:secretid)$/, () => (target ? undefined : noTarget)],
    [
      /^aws:resourceorg(id|paths)$/,
      () => (target ? `the account of ${target.name} is in no organization` : noTarget),
    ],
    [/^aws:requesttag\/(.+)$/, (tag) => `the request sets no tag "${tag}"`],
    [/^aws:tagkeys$/, () => 'the request names no tag keys'],
  ];
  const present = new Set(Object.keys(values).map((key) => key.toLowerCase()));

  return {
    values,
    absenceReason(key) {
      const lower = key.toLowerCase();
      if (present.has(lower)) return undefined;
      for (const [pattern, reason] of absence) {
        const match = pattern.exec(lower);
        // Tag keys keep their case in messages: take the suffix from the original key.
        if (match) return reason(key.slice(key.length - (match[1] ?? '').length));
      }
      return undefined;
    },
  };
}
