/**
 * The live walkthrough, without AWS: clients are mocked, or have no credentials at all.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { InvokeCommand, LambdaClient, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';

import { synthTemplates, type StackTemplate } from '../../tools/iam';
import { LiveModeError, runLiveWalkthrough } from '../../tools/walkthrough/live';

const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'not-a-real-key' };

/** The function's answer as Invoke returns it: plain bytes stand in for the SDK's byte wrapper. */
function payload(statusCode: number, body: unknown): InvokeCommandOutput['Payload'] {
  const bytes = new TextEncoder().encode(
    JSON.stringify({ statusCode, body: JSON.stringify(body) }),
  );
  return bytes as InvokeCommandOutput['Payload'];
}

describe('the live walkthrough', () => {
  let stacks: StackTemplate[];
  beforeAll(() => {
    stacks = synthTemplates();
  });

  it('invokes the function the stack outputs, once per blog event, and shows what came back', async () => {
    const cloudFormation = new CloudFormationClient({ region: REGION, credentials: CREDENTIALS });
    const lambda = new LambdaClient({ region: REGION, credentials: CREDENTIALS });
    mockClient(cloudFormation)
      .on(DescribeStacksCommand, { StackName: 'AbacBatchSecrets' })
      .resolves({
        Stacks: [
          {
            StackName: 'AbacBatchSecrets',
            CreationTime: new Date(0),
            StackStatus: 'CREATE_COMPLETE',
            Outputs: [{ OutputKey: 'FunctionName', OutputValue: 'fn' }],
          },
        ],
      });
    const denied = {
      secretId: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:MyTestSecret6-AbCdEf',
      errorCode: 'AccessDeniedException',
      message: 'not authorized',
    };
    const invoke = mockClient(lambda);
    invoke
      .on(InvokeCommand, {
        FunctionName: 'fn',
        Payload: JSON.stringify({ TagKey: 'app', TagValue: 'app1' }),
      })
      .resolves({
        StatusCode: 200,
        Payload: payload(200, { retrieved: ['MyTestSecret1'], failed: [] }),
      });
    invoke
      .on(InvokeCommand, {
        FunctionName: 'fn',
        Payload: JSON.stringify({ TagKey: 'environment', TagValue: 'production' }),
      })
      .resolves({
        StatusCode: 200,
        Payload: payload(403, { retrieved: ['MyTestSecret1'], failed: [denied] }),
      });

    const walkthrough = await runLiveWalkthrough({
      stacks,
      stackName: 'AbacBatchSecrets',
      cloudFormation,
      lambda,
    });

    expect(walkthrough.mode).toBe('live');
    expect(walkthrough.steps.map((step) => step.result.statusCode)).toEqual([200, 403]);
    const [, production] = walkthrough.steps;
    expect(
      production?.secrets.find((s) => s.name === 'MyTestSecret1')?.getSecretValue?.verdict,
    ).toBe('Allowed');
    expect(production?.secrets.find((s) => s.name === 'MyTestSecret6')?.getSecretValue).toEqual({
      allowed: false,
      verdict: 'Denied',
      decidedBy: 'AccessDeniedException: not authorized',
    });
    expect(
      production?.secrets.find((s) => s.name === 'MyTestSecret2')?.getSecretValue,
    ).toBeUndefined();
  });

  it('fails with a clear message when there are no credentials', async () => {
    const cloudFormation = new CloudFormationClient({
      region: REGION,
      credentials: () => Promise.reject(new Error('Could not load credentials from any providers')),
    });

    const run = runLiveWalkthrough({ stacks, stackName: 'AbacBatchSecrets', cloudFormation });

    await expect(run).rejects.toThrow(LiveModeError);
    await expect(run).rejects.toThrow(/--live needs AWS credentials/);
  });

  it('fails from the command line without credentials, exit code 1', () => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')),
    );
    const cli = spawnSync('npx', ['tsx', path.join('tools', 'walkthrough', 'main.ts'), '--live'], {
      cwd: path.join(__dirname, '..', '..'),
      env: {
        ...env,
        AWS_REGION: REGION,
        AWS_CONFIG_FILE: '/nonexistent/config',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
        // No instance metadata service to ask here; main.ts would also turn it off by default.
        AWS_EC2_METADATA_DISABLED: 'true',
      },
      encoding: 'utf8',
    });

    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('walkthrough: --live needs AWS credentials');
  });
});
