import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';

import { CACHE_TTL_VARIABLE as HANDLER_CACHE_TTL_VARIABLE } from '../../lambda/batch-get-secrets/settings';
import {
  BatchSecretsFunction,
  CACHE_TTL_VARIABLE,
  type BatchSecretsFunctionProps,
} from '../../lib/constructs/batch-secrets-function';

function build(props: Partial<BatchSecretsFunctionProps> = {}): Template {
  const stack = new Stack(new App(), 'Test');
  const role = new iam.Role(stack, 'Role', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
  });
  new BatchSecretsFunction(stack, 'Function', { role, ...props });
  return Template.fromStack(stack);
}

describe('BatchSecretsFunction', () => {
  it('sets the cache TTL the handler reads, 300 seconds by default', () => {
    // Act
    const template = build();

    // Assess
    expect(CACHE_TTL_VARIABLE).toBe(HANDLER_CACHE_TTL_VARIABLE);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { CACHE_TTL_SECONDS: '300' } },
    });
  });

  it('passes a cacheTtl of 0, which turns the cache off', () => {
    // Act
    const template = build({ cacheTtl: Duration.seconds(0) });

    // Assess
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { CACHE_TTL_SECONDS: '0' } },
    });
  });

  it.each([
    ['above 300 seconds', Duration.minutes(6), '6 minutes'],
    ['not whole seconds', Duration.millis(1500), '1 second 500 millis'],
  ])('rejects a cacheTtl %s, naming the prop and the value', (_label, cacheTtl, shown) => {
    // Act
    const building = () => build({ cacheTtl });

    // Assess
    expect(building).toThrow(
      `Invalid cacheTtl: received ${shown}; expected whole seconds from 0 to 300`,
    );
  });
});
