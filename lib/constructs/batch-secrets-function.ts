import * as path from 'node:path';
import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
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

/**
 * The function's timeout. The handler's SDK client keeps one call, retries included, inside it
 * (a test checks), and aborts its fetch shortly before it runs out.
 */
export const FUNCTION_TIMEOUT = Duration.seconds(15);

/** The environment variable the handler reads its cache TTL from (lambda/.../settings.ts). */
export const CACHE_TTL_VARIABLE = 'CACHE_TTL_SECONDS';

/** The AWS Parameters and Secrets Lambda Extension's default and maximum secret TTL. */
const DEFAULT_CACHE_TTL_SECONDS = 300;
const MAX_CACHE_TTL_SECONDS = 300;

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

  /**
   * How long the handler reuses the secrets it fetched for a tag, within one execution
   * environment. Zero turns the cache off; at most 300 seconds, the AWS Parameters and Secrets
   * Lambda Extension's limit. A cached secret is served until it expires, even if it was rotated
   * or its tags changed meanwhile; an event with `"Refresh": true` skips the cache.
   * @default Duration.seconds(300)
   */
  readonly cacheTtl?: Duration;
}

function cacheTtlSeconds(cacheTtl: Duration | undefined): string {
  if (cacheTtl === undefined) {
    return String(DEFAULT_CACHE_TTL_SECONDS);
  }
  const seconds = cacheTtl.toSeconds({ integral: false });
  if (Token.isUnresolved(seconds)) {
    return Token.asString(seconds);
  }
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_CACHE_TTL_SECONDS) {
    throw new Error(
      `Invalid cacheTtl: received ${cacheTtl.toHumanString()}; expected whole seconds from 0 to ` +
        `${MAX_CACHE_TTL_SECONDS}, e.g. Duration.seconds(60), or Duration.seconds(0) to turn the cache off.`,
    );
  }
  return String(seconds);
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
      timeout: FUNCTION_TIMEOUT,
      memorySize: 256,
      environment: { [CACHE_TTL_VARIABLE]: cacheTtlSeconds(props.cacheTtl), ...props.environment },
      bundling: {
        format: nodejs.OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: false,
        // Bundle the SDK version this project pins and tests instead of the runtime's own. Measured
        // by `npm run bench` (docs/benchmark.md; the choice in docs/performance.md): 27 times the
        // bytes of the SDK-less bundle (311 KiB against 12 KiB; 98 against 4.5 gzipped), yet it
        // imports in 0.55 of the time (34 ms against 62 ms): one pre-linked file instead of
        // hundreds of module resolutions.
        bundleAwsSDK: true,
        mainFields: ['module', 'main'],
        // A guard: an ES module has no require(), and a bundled CommonJS dependency that calls it
        // would fail at load. Today's bundle calls none (docs/performance.md); tools/bench builds
        // with the same options and checks its build is byte-identical to this asset.
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
