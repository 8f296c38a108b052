import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { synthStack } from './synth';

type Statement = { Sid?: string; Effect: string; Action: string | string[]; Condition?: unknown };
type PolicyResource = {
  Properties: {
    PolicyDocument?: { Statement: Statement[] };
    ResourcePolicy?: { Statement: Statement[] };
  };
};

const ALL_ON = {
  'abac:projectTag': 'alpha',
  'abac:privilegedRoleArnPatterns': ['arn:aws:iam::*:role/SecretsAdmin*'],
  'abac:organizationId': 'o-a1b2c3d4e5',
};

const allStatements = (template: Template): Statement[] =>
  ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::SecretsManager::ResourcePolicy'].flatMap(
    (type) =>
      Object.values(template.findResources(type) as Record<string, PolicyResource>).flatMap(
        (r) => (r.Properties.PolicyDocument ?? r.Properties.ResourcePolicy)?.Statement ?? [],
      ),
  );
const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('guardrails with the defaults (the walkthrough as written)', () => {
  const { stack, template } = synthStack();

  it('creates none of the three restriction policies', () => {
    template.resourcePropertiesCountIs(
      'AWS::IAM::ManagedPolicy',
      { ManagedPolicyName: 'DenySecretsAcrossProjects' },
      0,
    );
    template.resourcePropertiesCountIs(
      'AWS::IAM::ManagedPolicy',
      { ManagedPolicyName: 'DenyBatchUnlessPrivileged' },
      0,
    );
    template.resourceCountIs('AWS::SecretsManager::ResourcePolicy', 0);
  });

  it('gives the role no project tag', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      Tags: Match.not(Match.arrayWith([Match.objectLike({ Key: 'project' })])),
    });
  });

  it('warns that the organization perimeter is off', () => {
    Annotations.fromStack(stack).hasWarning(
      '/AbacBatchSecrets/Guardrails',
      Match.stringLikeRegexp("organization perimeter is off.*Set 'abac:organizationId'"),
    );
  });
});

describe('tag-tamper protection (always on)', () => {
  const { template } = synthStack({ context: ALL_ON });

  it('denies the role retagging any secret and retagging itself', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: 'DenyTagTampering',
      PolicyDocument: {
        Statement: [
          {
            Sid: 'DenyRetaggingSecrets',
            Effect: 'Deny',
            Action: ['secretsmanager:TagResource', 'secretsmanager:UntagResource'],
            Resource: '*',
          },
          {
            Sid: 'DenyRetaggingItself',
            Effect: 'Deny',
            Action: ['iam:TagRole', 'iam:UntagRole'],
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ExecutionRole'), 'Arn'] },
          },
        ],
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^ExecutionRole') }],
    });
  });

  it('lets nothing in the stack allow tagging or untagging', () => {
    const tagging =
      /^(secretsmanager:(Tag|Untag)Resource|iam:(Tag|Untag)Role|\*|secretsmanager:\*|iam:\*)$/;
    const allowsTagging = allStatements(template).filter(
      (s) => s.Effect === 'Allow' && actionsOf(s).some((a) => tagging.test(a)),
    );

    expect(allowsTagging).toEqual([]);
  });
});

describe('guardrail 1: deny across projects', () => {
  const { stack, template } = synthStack({ context: { 'abac:projectTag': 'alpha' } });

  it('tags the role with its project', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      Tags: Match.arrayWith([{ Key: 'project', Value: 'alpha' }]),
    });
  });

  it("denies reading a secret whose project tag differs from the caller's", () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'DenySecretsAcrossProjects',
      Roles: [{ Ref: Match.stringLikeRegexp('^ExecutionRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'DenyReadingAnotherProjectsSecret',
            Effect: 'Deny',
            Action: 'secretsmanager:GetSecretValue',
            Resource: '*',
            Condition: {
              StringNotEquals: { 'aws:ResourceTag/project': '${aws:PrincipalTag/project}' },
            },
          },
        ]),
      },
    });
  });

  it('denies a caller without a project tag, which StringNotEquals alone would let through', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'DenySecretsAcrossProjects',
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'DenyReadingWithoutProjectTag',
            Effect: 'Deny',
            Action: ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue'],
            Resource: '*',
            Condition: { Null: { 'aws:PrincipalTag/project': 'true' } },
          },
        ]),
      },
    });
  });

  it('warns which configured secrets the project tag makes unreadable', () => {
    Annotations.fromStack(stack).hasWarning(
      '/AbacBatchSecrets/Guardrails',
      Match.stringLikeRegexp("project tag is 'alpha'.*MyTestSecret1.*MyTestSecret6"),
    );
  });
});

describe('guardrail 2: batch only from privileged roles', () => {
  const { template } = synthStack({
    context: { 'abac:privilegedRoleArnPatterns': ALL_ON['abac:privilegedRoleArnPatterns'] },
  });

  it('denies BatchGetSecretValue to every principal outside the patterns and the function role', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'DenyBatchUnlessPrivileged',
      PolicyDocument: {
        Statement: [
          {
            Sid: 'DenyBatchUnlessPrivilegedRole',
            Effect: 'Deny',
            Action: 'secretsmanager:BatchGetSecretValue',
            Resource: '*',
            Condition: {
              StringNotLike: {
                'aws:PrincipalArn': [
                  'arn:aws:iam::*:role/SecretsAdmin*',
                  { 'Fn::GetAtt': [Match.stringLikeRegexp('^ExecutionRole'), 'Arn'] },
                ],
              },
            },
          },
        ],
      },
    });
  });

  it('is attached to the function role, which stays able to batch', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'DenyBatchUnlessPrivileged',
      Roles: [{ Ref: Match.stringLikeRegexp('^ExecutionRole') }],
    });
  });

  it('accepts an empty list: only the function role may batch', () => {
    const { template: onlyFunction } = synthStack({
      context: { 'abac:privilegedRoleArnPatterns': '[]' },
    });

    onlyFunction.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'DenyBatchUnlessPrivileged',
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Condition: {
              StringNotLike: {
                'aws:PrincipalArn': [{ 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }],
              },
            },
          }),
        ],
      },
    });
  });
});

describe('guardrail 3: organization perimeter', () => {
  const { stack, template } = synthStack({ context: { 'abac:organizationId': 'o-a1b2c3d4e5' } });

  it('puts a deny-outside-the-organization resource policy on every secret', () => {
    template.resourceCountIs('AWS::SecretsManager::ResourcePolicy', 6);
    for (const secretId of Object.keys(template.findResources('AWS::SecretsManager::Secret'))) {
      template.hasResourceProperties('AWS::SecretsManager::ResourcePolicy', {
        SecretId: { Ref: secretId },
        ResourcePolicy: {
          Statement: [
            {
              Sid: 'EnforceIdentityPerimeter',
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 'secretsmanager:*',
              Resource: '*',
              Condition: {
                StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
                BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
              },
            },
          ],
        },
      });
    }
  });

  it('no longer warns', () => {
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('perimeter is off'));
  });

  it.each(['o-123', 'O-A1B2C3D4E5', 'a1b2c3d4e5', '<my-org-id>'])(
    'stops synth on a malformed organization ID %j',
    (organizationId) => {
      expect(() => synthStack({ context: { 'abac:organizationId': organizationId } })).toThrow(
        `Invalid context value 'abac:organizationId': received "${organizationId}"`,
      );
    },
  );
});
