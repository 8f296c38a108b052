import type { App } from 'aws-cdk-lib';
import { AbacSecretsStack } from './abac-secrets-stack';
import { loadConfig } from './config';

/** The stack's name without the configured prefix. */
export const STACK_NAME = 'AbacBatchSecrets';

/**
 * Adds the stack to `app` from the app's context, exactly as `cdk synth` builds it. The CLI entry
 * point, the tests and the tools all call this, so they all see the same template.
 */
export function addAbacSecretsStack(app: App): AbacSecretsStack {
  const config = loadConfig((key) => app.node.tryGetContext(key) as unknown);

  return new AbacSecretsStack(app, `${config.namePrefix}${STACK_NAME}`, {
    config,
    description:
      'Tag-based (ABAC) access to Secrets Manager secrets fetched with BatchGetSecretValue',
    // No env: the template is environment-agnostic, so synth needs no credentials and reads the
    // same on every machine; deploy takes the account and region of the CLI's credentials.
  });
}
