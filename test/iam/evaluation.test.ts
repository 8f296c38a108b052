/**
 * The evaluation itself: the request context it sends, the gaps it refuses, and the IAM rules the
 * decision tables rely on, checked on hand-written policies.
 */
import {
  ContextGapError,
  DEFAULT_ENVIRONMENT,
  evaluate,
  hypotheticalRole,
  requestContext,
  SimulationInputError,
  type Principal,
  type RequestTarget,
} from '../../tools/iam';

const SECRET: RequestTarget = {
  name: 'Alpha',
  arn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:Alpha-AbCdEf',
  tags: { project: 'alpha' },
};

function roleWith(tags: Record<string, string>, statements: unknown[]): Principal {
  return hypotheticalRole(DEFAULT_ENVIRONMENT, {
    label: 'test role',
    roleName: 'TestRole',
    tags,
    identityPolicies: [
      {
        name: 'TestPolicy',
        kind: 'managed',
        document: { Version: '2012-10-17', Statement: statements },
      },
    ],
    origin: 'written in this test',
  });
}

const ALLOW_ALL_SECRETS = {
  Sid: 'AllowAll',
  Effect: 'Allow',
  Action: 'secretsmanager:*',
  Resource: '*',
};
const DENY_OTHER_PROJECT = {
  Sid: 'DenyOtherProject',
  Effect: 'Deny',
  Action: ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue'],
  Resource: '*',
  Condition: { StringNotEquals: { 'aws:ResourceTag/project': '${aws:PrincipalTag/project}' } },
};

describe('the request context', () => {
  const role = roleWith({ app: 'app1' }, []);

  it('carries the principal, its tags and its organization on every request', () => {
    const { values } = requestContext(
      role,
      { action: 'secretsmanager:ListSecrets' },
      DEFAULT_ENVIRONMENT,
    );

    expect(values).toMatchObject({
      'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/TestRole',
      'aws:PrincipalAccount': '123456789012',
      'aws:PrincipalTag/app': 'app1',
      'aws:PrincipalOrgID': 'o-a1b2c3d4e5',
      'aws:PrincipalIsAWSService': 'false',
    });
  });

  it('carries resource tags only when the request names a resource', () => {
    const onStar = requestContext(
      role,
      { action: 'secretsmanager:BatchGetSecretValue' },
      DEFAULT_ENVIRONMENT,
    );
    const onSecret = requestContext(
      role,
      { action: 'secretsmanager:GetSecretValue', target: SECRET },
      DEFAULT_ENVIRONMENT,
    );

    expect(Object.keys(onStar.values).filter((key) => /resource|secretid/i.test(key))).toEqual([]);
    expect(onSecret.values).toMatchObject({
      'aws:ResourceTag/project': 'alpha',
      'secretsmanager:SecretId': SECRET.arn,
    });
  });
});

describe('evaluate', () => {
  it('refuses to decide when a policy reads a key it cannot account for', async () => {
    const role = roleWith({}, [
      { ...ALLOW_ALL_SECRETS, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
    ]);

    await expect(
      evaluate(role, { action: 'secretsmanager:ListSecrets' }, DEFAULT_ENVIRONMENT),
    ).rejects.toThrow(ContextGapError);
  });

  it('says which keys AWS would not send, and why', async () => {
    const role = roleWith({}, [ALLOW_ALL_SECRETS, DENY_OTHER_PROJECT]);

    const decision = await evaluate(
      role,
      { action: 'secretsmanager:GetSecretValue', target: SECRET },
      DEFAULT_ENVIRONMENT,
    );

    expect(decision.absentKeys).toEqual([
      { key: 'aws:PrincipalTag/project', reason: 'test role has no tag "project"' },
    ]);
  });

  it('refuses an action IAM does not know', async () => {
    const role = roleWith({}, [ALLOW_ALL_SECRETS]);

    await expect(
      evaluate(role, { action: 'secretsmanager:GetSecretValues' }, DEFAULT_ENVIRONMENT),
    ).rejects.toThrow(SimulationInputError);
  });
});

describe('the IAM rules the guardrails rely on', () => {
  it('a Deny on StringNotEquals with an unresolved principal tag does nothing', async () => {
    const untagged = roleWith({}, [ALLOW_ALL_SECRETS, DENY_OTHER_PROJECT]);

    const decision = await evaluate(
      untagged,
      { action: 'secretsmanager:GetSecretValue', target: SECRET },
      DEFAULT_ENVIRONMENT,
    );

    expect(decision.verdict).toBe('Allowed');
  });

  it('a Null guard denies the untagged principal', async () => {
    const guarded = roleWith({}, [
      ALLOW_ALL_SECRETS,
      DENY_OTHER_PROJECT,
      {
        ...DENY_OTHER_PROJECT,
        Sid: 'DenyUntagged',
        Condition: { Null: { 'aws:PrincipalTag/project': 'true' } },
      },
    ]);

    const decision = await evaluate(
      guarded,
      { action: 'secretsmanager:GetSecretValue', target: SECRET },
      DEFAULT_ENVIRONMENT,
    );

    expect(decision.verdict).toBe('ExplicitlyDenied');
    expect(decision.decidedBy).toEqual([
      { policy: 'TestPolicy', statement: 'DenyUntagged', effect: 'Deny' },
    ]);
  });

  it('a resource-tag Deny on BatchGetSecretValue denies every batch: the request has no resource tag', async () => {
    const tagged = roleWith({ project: 'alpha' }, [ALLOW_ALL_SECRETS, DENY_OTHER_PROJECT]);

    const batch = await evaluate(
      tagged,
      { action: 'secretsmanager:BatchGetSecretValue' },
      DEFAULT_ENVIRONMENT,
    );
    const single = await evaluate(
      tagged,
      { action: 'secretsmanager:GetSecretValue', target: SECRET },
      DEFAULT_ENVIRONMENT,
    );

    expect(batch.verdict).toBe('ExplicitlyDenied');
    expect(single.verdict).toBe('Allowed');
  });
});
