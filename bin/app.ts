#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { AbacSecretsStack } from '../lib/abac-secrets-stack';
import { addComplianceChecks } from '../lib/compliance';
import { loadConfig } from '../lib/config';

const app = new App();
const config = loadConfig((key) => app.node.tryGetContext(key) as unknown);

new AbacSecretsStack(app, `${config.namePrefix}AbacBatchSecrets`, {
  config,
  description:
    'Tag-based (ABAC) access to Secrets Manager secrets fetched with BatchGetSecretValue',
  // No env: the template is environment-agnostic, so synth needs no credentials and reads the same
  // on every machine; deploy takes the account and region of the CLI's credentials.
});

addComplianceChecks(app);
