import { Match, Template } from 'aws-cdk-lib/assertions';
import { normalisedTemplate, synthStack } from './synth';

type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
  Sid?: string;
};
type Resource = { Type: string; Properties?: Record<string, unknown> };

const resourcesOf = (template: Template, type: string): Resource[] =>
  Object.values(template.findResources(type)) as Resource[];
const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const statementsOf = (policy: Resource): Statement[] =>
  (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement;

describe('AbacSecretsStack with the walkthrough defaults', () => {
  let template: Template;
  beforeAll(() => {
    template = synthStack().template;
  });

  describe('secrets', () => {
    it('creates exactly six secrets', () => {
      template.resourceCountIs('AWS::SecretsManager::Secret', 6);
    });

    it.each([
      ['MyTestSecret1', 'app1', 'My first test secret created with the CLI for resource 1.'],
      ['MyTestSecret2', 'app1', 'My second test secret created with the CLI for resource 2.'],
      ['MyTestSecret3', 'app1', 'My third test secret created with the CLI for resource 3.'],
      ['MyTestSecret4', 'app1', 'My fourth test secret created with the CLI for resource 4.'],
      ['MyTestSecret5', 'app1', 'My fifth test secret created with the CLI for resource 5.'],
      ['MyTestSecret6', 'app2', 'My test secret created with the CLI.'],
    ])('tags %s app=%s, environment=production', (name, app, description) => {
      template.hasResourceProperties('AWS::SecretsManager::Secret', {
        Name: name,
        Description: description,
        Tags: [
          { Key: 'app', Value: app },
          { Key: 'environment', Value: 'production' },
        ],
      });
    });

    it('has Secrets Manager generate every password at deploy time', () => {
      for (const secret of resourcesOf(template, 'AWS::SecretsManager::Secret')) {
        expect(secret.Properties).toMatchObject({
          GenerateSecretString: {
            SecretStringTemplate: '{"user":"username"}',
            GenerateStringKey: 'password',
          },
        });
        expect(secret.Properties).not.toHaveProperty('SecretString');
      }
    });

    it('puts no secret string anywhere in the template', () => {
      const text = JSON.stringify(template.toJSON());

      expect(text).not.toMatch(/"SecretString"/);
      expect(text).not.toMatch(/password"\s*:\s*"/);
      // The blog typed its passwords on the command line; none of its placeholders may reappear.
      expect(text).not.toMatch(/EXAMPLE[-]PASSWORD/);
    });
  });

  describe('execution role', () => {
    it('can be assumed by Lambda only', () => {
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [
            {
              Action: 'sts:AssumeRole',
              Effect: 'Allow',
              Principal: { Service: 'lambda.amazonaws.com' },
            },
          ],
        },
      });
      for (const role of resourcesOf(template, 'AWS::IAM::Role')) {
        const trust = role.Properties?.AssumeRolePolicyDocument as { Statement: unknown[] };
        expect(trust.Statement).toHaveLength(1);
      }
    });

    it('carries the principal tag app=app1', () => {
      template.hasResourceProperties('AWS::IAM::Role', {
        Tags: Match.arrayWith([{ Key: 'app', Value: 'app1' }]),
      });
    });

    it('has no AWS-managed policy', () => {
      for (const role of resourcesOf(template, 'AWS::IAM::Role')) {
        expect(role.Properties).not.toHaveProperty('ManagedPolicyArns.0');
      }
      expect(JSON.stringify(template.toJSON())).not.toContain(':iam::aws:policy/');
    });
  });

  describe('LambdaABACPolicy', () => {
    it('is a customer-managed policy attached to the role', () => {
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        ManagedPolicyName: 'LambdaABACPolicy',
        Roles: [{ Ref: Match.stringLikeRegexp('^ExecutionRole') }],
      });
    });

    it('allows GetSecretValue on this account and region only when the app tags are equal', () => {
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        ManagedPolicyName: 'LambdaABACPolicy',
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Sid: 'GetSecretsWithMatchingAppTag',
              Effect: 'Allow',
              Action: 'secretsmanager:GetSecretValue',
              Resource: {
                'Fn::Join': [
                  '',
                  [
                    'arn:',
                    { Ref: 'AWS::Partition' },
                    ':secretsmanager:',
                    { Ref: 'AWS::Region' },
                    ':',
                    { Ref: 'AWS::AccountId' },
                    ':secret:*',
                  ],
                ],
              },
              Condition: {
                StringEquals: { 'aws:ResourceTag/app': '${aws:PrincipalTag/app}' },
              },
            },
          ]),
        },
      });
    });

    it('allows BatchGetSecretValue and ListSecrets on "*" and nothing else', () => {
      const [policy] = resourcesOf(template, 'AWS::IAM::ManagedPolicy');
      const statements = statementsOf(policy!);

      expect(statements).toHaveLength(2);
      expect(statements[1]).toEqual({
        Sid: 'BatchAndListHaveNoResourceLevelPermissions',
        Effect: 'Allow',
        Action: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets'],
        Resource: '*',
      });
    });

    it('is the only policy that grants anything in Secrets Manager', () => {
      const granting = [
        ...resourcesOf(template, 'AWS::IAM::Policy'),
        ...resourcesOf(template, 'AWS::IAM::ManagedPolicy'),
      ].filter((policy) =>
        statementsOf(policy).some(
          (s) => s.Effect === 'Allow' && actionsOf(s).some((a) => a.startsWith('secretsmanager:')),
        ),
      );

      expect(granting).toHaveLength(1);
      expect(granting[0]?.Properties?.ManagedPolicyName).toBe('LambdaABACPolicy');
    });
  });

  describe('function', () => {
    it('runs the handler on Node.js 24 on arm64 with its own role', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Timeout: 15,
        MemorySize: 256,
        Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ExecutionRole'), 'Arn'] },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: Match.stringLikeRegexp('LogGroup') } },
      });
    });

    it('caches fetched results for 300 seconds by default', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: { CACHE_TTL_SECONDS: '300' } },
      });
    });

    it('keeps its logs for 30 days in its own log group', () => {
      template.resourceCountIs('AWS::Logs::LogGroup', 1);
      template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    });

    it('may write logs only to its own log group', () => {
      const logStatements = [
        ...resourcesOf(template, 'AWS::IAM::Policy'),
        ...resourcesOf(template, 'AWS::IAM::ManagedPolicy'),
      ]
        .flatMap(statementsOf)
        .filter((s) => actionsOf(s).some((a) => a.startsWith('logs:')));

      expect(logStatements).toEqual([
        {
          Sid: 'WriteOwnLogGroup',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [expect.stringMatching(/LogGroup/), 'Arn'] },
        },
      ]);
    });
  });

  describe('outputs', () => {
    it('names the function and the role', () => {
      template.hasOutput('FunctionName', { Value: { Ref: Match.stringLikeRegexp('Function') } });
      template.hasOutput('ExecutionRoleArn', {
        Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ExecutionRole'), 'Arn'] },
      });
    });

    it('gives the two blog test events as ready-to-paste JSON', () => {
      template.hasOutput('TestEventApp', { Value: '{"TagKey":"app","TagValue":"app1"}' });
      template.hasOutput('TestEventEnvironment', {
        Value: '{"TagKey":"environment","TagValue":"production"}',
      });
    });
  });

  it('matches the normalised snapshot', () => {
    expect(normalisedTemplate(template)).toMatchSnapshot();
  });
});

describe('AbacSecretsStack with a name prefix and another app', () => {
  it('prefixes every physical name so a second copy can deploy beside the first', () => {
    const { stack, template } = synthStack({
      context: { 'abac:namePrefix': 'dev-', 'abac:appTagValue': 'app2' },
    });

    expect(stack.stackName).toBe('dev-AbacBatchSecrets');
    template.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'dev-MyTestSecret1' });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'dev-LambdaABACPolicy',
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      Tags: Match.arrayWith([{ Key: 'app', Value: 'app2' }]),
    });
    template.hasOutput('TestEventApp', { Value: '{"TagKey":"app","TagValue":"app2"}' });
  });

  it('passes the configured cache TTL to the function', () => {
    const { template } = synthStack({ context: { 'abac:cacheTtlSeconds': '0' } });

    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { CACHE_TTL_SECONDS: '0' } },
    });
  });
});
