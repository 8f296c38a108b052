import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { AppConfig } from './config';
import { AbacExecutionRole } from './constructs/abac-execution-role';
import { BatchSecretsFunction } from './constructs/batch-secrets-function';
import { TaggedSecrets } from './constructs/tagged-secrets';
import { Guardrails } from './guardrails/guardrails';

export interface AbacSecretsStackProps extends StackProps {
  readonly config: AppConfig;
}

/** The walkthrough's resources: tagged secrets, an ABAC execution role and the batch function. */
export class AbacSecretsStack extends Stack {
  public readonly config: AppConfig;
  public readonly secrets: TaggedSecrets;
  public readonly executionRole: AbacExecutionRole;
  public readonly batchFunction: BatchSecretsFunction;
  public readonly guardrails: Guardrails;

  constructor(scope: Construct, id: string, props: AbacSecretsStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.config = config;

    this.secrets = new TaggedSecrets(this, 'Secrets', {
      secrets: config.secrets,
      namePrefix: config.namePrefix,
    });

    this.executionRole = new AbacExecutionRole(this, 'ExecutionRole', {
      appTagValue: config.appTagValue,
      namePrefix: config.namePrefix,
    });

    this.batchFunction = new BatchSecretsFunction(this, 'BatchGetSecrets', {
      role: this.executionRole.role,
      cacheTtl: Duration.seconds(config.cacheTtlSeconds),
    });

    this.guardrails = new Guardrails(this, 'Guardrails', {
      config: config.guardrails,
      role: this.executionRole.role,
      secrets: this.secrets,
      secretSpecs: config.secrets,
      namePrefix: config.namePrefix,
    });

    new CfnOutput(this, 'FunctionName', {
      description: 'Invoke this function with one of the test events',
      value: this.batchFunction.function.functionName,
    });
    new CfnOutput(this, 'ExecutionRoleArn', {
      description: `The function's role, tagged app=${config.appTagValue}`,
      value: this.executionRole.role.roleArn,
    });
    new CfnOutput(this, 'TestEventApp', {
      description: 'Blog step 4: every secret of this app; expect 200',
      value: JSON.stringify({ TagKey: 'app', TagValue: config.appTagValue }),
    });
    new CfnOutput(this, 'TestEventEnvironment', {
      description: "Blog step 7: every production secret; expect 403 for another app's secrets",
      value: JSON.stringify({ TagKey: 'environment', TagValue: 'production' }),
    });
  }
}
