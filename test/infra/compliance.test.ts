import { App } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { AbacSecretsStack } from '../../lib/abac-secrets-stack';
import { addAbacSecretsStack } from '../../lib/app';
import { addComplianceChecks } from '../../lib/compliance';

/** Synthesizes the app as bin/app.ts does, with cdk-nag's AwsSolutions pack registered. */
function synthWithChecks(
  context: Record<string, unknown>,
  extend?: (stack: AbacSecretsStack) => void,
) {
  const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
  const stack = addAbacSecretsStack(app);
  extend?.(stack);
  addComplianceChecks(app);
  return () => app.synth();
}

describe('cdk-nag AwsSolutions checks', () => {
  it('leave no unacknowledged finding with the defaults', () => {
    expect(synthWithChecks({})).not.toThrow();
  });

  it('leave no unacknowledged finding with every guardrail on', () => {
    const allOn = {
      'abac:projectTag': 'alpha',
      'abac:privilegedRoleArnPatterns': ['arn:aws:iam::*:role/SecretsAdmin*'],
      'abac:organizationId': 'o-a1b2c3d4e5',
    };

    expect(synthWithChecks(allOn)).not.toThrow();
  });

  it('fail the synth when a new finding appears', () => {
    const withWildcardGrant = synthWithChecks({}, (stack) => {
      stack.executionRole.role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }),
      );
    });

    expect(withWildcardGrant).toThrow(/AwsSolutions-IAM5\[Resource::\*\]/);
  });
});
