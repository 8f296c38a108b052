import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export const HANDLER_ENTRY = path.join(
  __dirname,
  '..',
  '..',
  'lambda',
  'batch-get-secrets',
  'index.ts',
);

export interface BatchSecretsFunctionProps {
  /** The execution role; the construct adds only the rights to write to its own log group. */
  readonly role: iam.IRole;

  /**
   * How long the function's logs are kept.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Extra environment variables for the handler.
   * @default - none
   */
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * The Node.js function that fetches every secret matching a tag filter with BatchGetSecretValue.
 * esbuild bundles it locally (no Docker) into one minified ES module, the AWS SDK included.
 */
export class BatchSecretsFunction extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: BatchSecretsFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: HANDLER_ENTRY,
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      role: props.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      // One batch page takes well under a second; 15 s leaves room for several pages and the
      // SDK's retries. 256 MB buys the CPU share that makes the cold start of the SDK quick.
      timeout: Duration.seconds(15),
      memorySize: 256,
      environment: { ...props.environment },
      bundling: {
        format: nodejs.OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: false,
        // Bundle the SDK version this project pins and tests instead of the runtime's own.
        bundleAwsSDK: true,
        mainFields: ['module', 'main'],
        // Some CommonJS dependencies of the SDK call require(); give the ES module one.
        banner:
          "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
    });

    // Without this statement the role could not write the function's logs: it has no managed policy.
    props.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogGroup',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        // The log group's Arn attribute ends in ':*', which covers its log streams.
        resources: [this.logGroup.logGroupArn],
      }),
    );
  }
}
