/**
 * Reading a template: intrinsic functions resolved in the fake environment, and policies attached
 * to the roles and secrets that CloudFormation would attach them to.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import {
  AssemblyError,
  buildAccessModel,
  DEFAULT_ENVIRONMENT,
  readAssembly,
  UnresolvableError,
  type CfnTemplate,
} from '../../tools/iam';
import { resolveIntrinsics } from '../../tools/iam/intrinsics';

const RESOURCES = {
  Role: { Type: 'AWS::IAM::Role', Properties: { Tags: [{ Key: 'app', Value: 'app1' }] } },
  NamedRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'Named', Path: '/team/' } },
  Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { Name: 'Db' } },
};
const scope = { environment: DEFAULT_ENVIRONMENT, stackName: 'Stack', resources: RESOURCES };

describe('resolveIntrinsics', () => {
  it.each([
    [{ Ref: 'AWS::Partition' }, 'aws'],
    [
      { 'Fn::Join': [':', [{ Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }]] },
      'us-east-1:123456789012',
    ],
    [{ 'Fn::GetAtt': ['Role', 'Arn'] }, 'arn:aws:iam::123456789012:role/Stack-Role'],
    [{ 'Fn::GetAtt': 'NamedRole.Arn' }, 'arn:aws:iam::123456789012:role/team/Named'],
    [
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${NamedRole}' },
      'arn:aws:iam::123456789012:role/Named',
    ],
    [{ 'Fn::Sub': ['${!aws:PrincipalTag/app}-${X}', { X: 'x' }] }, '${aws:PrincipalTag/app}-x'],
    [{ 'Fn::Select': [1, { 'Fn::Split': ['/', 'a/b/c'] }] }, 'b'],
  ])('resolves %j', (value, expected) => {
    expect(resolveIntrinsics(value, scope)).toBe(expected);
  });

  it('gives a secret the ARN Secrets Manager would: its name and a six-character suffix', () => {
    expect(resolveIntrinsics({ Ref: 'Secret' }, scope)).toMatch(
      /^arn:aws:secretsmanager:us-east-1:123456789012:secret:Db-[A-Za-z]{6}$/,
    );
  });

  it('drops AWS::NoValue', () => {
    expect(resolveIntrinsics({ A: 'a', B: { Ref: 'AWS::NoValue' } }, scope)).toEqual({ A: 'a' });
    expect(resolveIntrinsics(['a', { Ref: 'AWS::NoValue' }], scope)).toEqual(['a']);
  });

  it.each([
    [{ 'Fn::If': ['C', 'a', 'b'] }],
    [{ 'Fn::ImportValue': 'Export' }],
    [{ Ref: 'Missing' }],
    [{ 'Fn::GetAtt': ['Role', 'NoSuchAttribute'] }],
  ])('refuses to guess %j', (value) => {
    expect(() => resolveIntrinsics(value, scope)).toThrow(UnresolvableError);
  });
});

describe('buildAccessModel', () => {
  const document = (sid: string) => ({
    Version: '2012-10-17',
    Statement: [{ Sid: sid, Effect: 'Allow', Action: 's3:*', Resource: '*' }],
  });
  const template: CfnTemplate = {
    Resources: {
      ...RESOURCES,
      Managed: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          ManagedPolicyName: 'M',
          PolicyDocument: document('m'),
          Roles: [{ Ref: 'Role' }],
        },
      },
      ByArn: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: document('b') } },
      Inline: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'I',
          PolicyDocument: document('i'),
          Roles: [{ Ref: 'NamedRole' }],
        },
      },
      Attached: { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: [{ Ref: 'ByArn' }] } },
      Policy: {
        Type: 'AWS::SecretsManager::ResourcePolicy',
        Properties: { SecretId: { Ref: 'Secret' }, ResourcePolicy: document('r') },
      },
    },
  };

  it('attaches each policy where CloudFormation would', () => {
    const model = buildAccessModel([{ stackName: 'Stack', template }], DEFAULT_ENVIRONMENT);
    const policiesOf = (logicalId: string) =>
      model.roles.find((role) => role.logicalId === logicalId)?.identityPolicies.map((p) => p.name);

    expect(policiesOf('Role')).toEqual(['M']);
    expect(policiesOf('NamedRole')).toEqual(['I']);
    expect(policiesOf('Attached')).toEqual(['Stack-ByArn']);
    expect(model.roles.find((role) => role.logicalId === 'Role')?.tags).toEqual({ app: 'app1' });
    expect(model.secrets).toEqual([
      expect.objectContaining({
        name: 'Db',
        resourcePolicy: expect.objectContaining({
          kind: 'resource',
          document: document('r'),
        }) as unknown,
      }),
    ]);
  });

  it('refuses a role with a policy the templates do not define, such as an AWS managed policy', () => {
    const withAwsManaged: CfnTemplate = {
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] },
        },
      },
    };

    expect(() =>
      buildAccessModel([{ stackName: 'S', template: withAwsManaged }], DEFAULT_ENVIRONMENT),
    ).toThrow(/ReadOnlyAccess, which no template defines/);
  });
});

describe('readAssembly', () => {
  it('reads the stacks a manifest lists', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assembly-'));
    writeFileSync(path.join(dir, 'S.template.json'), JSON.stringify({ Resources: RESOURCES }));
    writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({
        artifacts: {
          S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } },
        },
      }),
    );

    expect(readAssembly(dir)).toEqual([{ stackName: 'S', template: { Resources: RESOURCES } }]);
  });

  it('tells to synthesize first when there is no manifest', () => {
    expect(() => readAssembly(mkdtempSync(path.join(tmpdir(), 'empty-')))).toThrow(AssemblyError);
    expect(() => readAssembly(mkdtempSync(path.join(tmpdir(), 'empty-')))).toThrow(/npx cdk synth/);
  });
});
