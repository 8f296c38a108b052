/**
 * The same walkthrough against the deployed stack: finds the function through the stack's outputs
 * and invokes it with each test event. Needs AWS credentials and a region; it never runs offline.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

import { buildAccessModel, DEFAULT_ENVIRONMENT, functionRole, type StackTemplate } from '../iam';
import { testEvents, type SecretLine, type Walkthrough, type WalkthroughStep } from './steps';

/** Live mode cannot run; the message says what to set or do. */
export class LiveModeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LiveModeError';
  }
}

export interface LiveOptions {
  /** The synthesized templates: the secrets' tags and the test events come from them. */
  readonly stacks: readonly StackTemplate[];
  /** The deployed stack's name. */
  readonly stackName: string;
  /** @default a client with the SDK's default region and credentials */
  readonly cloudFormation?: CloudFormationClient;
  /** @default a client with the SDK's default region and credentials */
  readonly lambda?: LambdaClient;
}

interface ResultBody {
  readonly retrieved?: readonly string[];
  readonly failed?: readonly {
    readonly secretId: string;
    readonly errorCode: string;
    readonly message: string;
  }[];
}

/** Fails early, with a clear message, when the SDK has no region or no credentials. */
async function checkAwsSetup(client: CloudFormationClient): Promise<void> {
  try {
    await client.config.region();
  } catch (error) {
    throw new LiveModeError('--live needs an AWS region: set AWS_REGION or a profile region.', {
      cause: error,
    });
  }
  try {
    await client.config.credentials();
  } catch (error) {
    throw new LiveModeError(
      '--live needs AWS credentials (environment variables, a profile or SSO) for the account the ' +
        'stack is deployed in; none were found. Without them, run the walkthrough offline.',
      { cause: error },
    );
  }
}

async function functionNameOf(client: CloudFormationClient, stackName: string): Promise<string> {
  let outputs;
  try {
    const described = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    outputs = described.Stacks?.[0]?.Outputs;
  } catch (error) {
    // CloudFormation answers ValidationError for a stack that does not exist.
    const name = error instanceof Error ? error.name : 'UnknownError';
    const hint = name === 'ValidationError' ? 'deploy it first (npx cdk deploy)' : name;
    throw new LiveModeError(`Cannot describe stack ${stackName}: ${hint}.`, { cause: error });
  }
  const name = outputs?.find((output) => output.OutputKey === 'FunctionName')?.OutputValue;
  if (name === undefined) {
    throw new LiveModeError(`Stack ${stackName} has no FunctionName output; redeploy it.`);
  }
  return name;
}

function secretLines(
  stacksSecrets: readonly { name: string; arn: string; tags: Readonly<Record<string, string>> }[],
  body: ResultBody,
): SecretLine[] {
  return stacksSecrets.map(({ name, tags }) => {
    const isThis = (id: string) => id === name || id.includes(`:secret:${name}-`);
    const failure = body.failed?.find((failed) => isThis(failed.secretId));
    if (body.retrieved?.some(isThis)) {
      return {
        name,
        tags,
        getSecretValue: { allowed: true, verdict: 'Allowed', decidedBy: 'AWS (retrieved)' },
      };
    }
    if (failure) {
      return {
        name,
        tags,
        getSecretValue: {
          allowed: false,
          verdict: 'Denied',
          decidedBy: `${failure.errorCode}: ${failure.message}`,
        },
      };
    }
    return { name, tags };
  });
}

/** Invokes the deployed function with each test event and returns what each step showed. */
export async function runLiveWalkthrough(options: LiveOptions): Promise<Walkthrough> {
  const cloudFormation = options.cloudFormation ?? new CloudFormationClient({});
  const lambda = options.lambda ?? new LambdaClient({});
  await checkAwsSetup(cloudFormation);
  const functionName = await functionNameOf(cloudFormation, options.stackName);
  const model = buildAccessModel(options.stacks, DEFAULT_ENVIRONMENT);
  const role = functionRole(model);

  const steps: WalkthroughStep[] = [];
  for (const { blogSteps, title, event } of testEvents(options.stacks)) {
    const response = await lambda.send(
      new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(event) }),
    );
    if (response.FunctionError !== undefined) {
      throw new LiveModeError(`${functionName} failed (${response.FunctionError}); see its logs.`);
    }
    const payload = JSON.parse(new TextDecoder().decode(response.Payload)) as {
      statusCode: number;
      body: string;
    };
    const body = JSON.parse(payload.body) as ResultBody;
    steps.push({
      blogSteps,
      title,
      event,
      caller: { arn: `the role of ${functionName}`, tags: role.tags },
      checks: [],
      secrets: secretLines(model.secrets, body),
      result: { statusCode: payload.statusCode, body },
      logs: [],
    });
  }
  return { mode: 'live', steps };
}
