/**
 * Replays the blog's steps 5 to 7 offline: the real handler, a stand-in for Secrets Manager on
 * 127.0.0.1, and every allow or deny decided by the IAM engine from the synthesized template.
 */
import { randomUUID } from 'node:crypto';

import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

import { createHandler } from '../../lambda/batch-get-secrets/handler';
import { createLogger } from '../../lambda/batch-get-secrets/log';
import {
  buildAccessModel,
  DEFAULT_ENVIRONMENT,
  functionRole,
  sessionArn,
  synthTemplates,
  type AccessModel,
  type Principal,
  type SimulatedEnvironment,
  type StackTemplate,
} from '../iam';
import {
  standInClientConfig,
  startStandIn,
  type StandInSecret,
} from '../stand-in/secrets-manager-server';
import { iamAuthorizer, type RecordedDecision } from './authorizer';
import { decidedByText, verdictText } from '../iam/describe';
import {
  testEvents,
  type DecisionLine,
  type TestEvent,
  type Walkthrough,
  type WalkthroughStep,
} from './steps';

export interface OfflineOptions {
  /**
   * The templates to evaluate.
   * @default the app synthesized in-process with the context of `cdk.json`
   */
  readonly stacks?: readonly StackTemplate[];
  /** @default DEFAULT_ENVIRONMENT */
  readonly environment?: SimulatedEnvironment;
}

/** Credentials shaped as the function expects, obviously fake, made fresh for each run. */
function fakeSecretString(): string {
  return JSON.stringify({ user: 'username', password: `fake-${randomUUID()}` });
}

function lineOf(recorded: RecordedDecision): DecisionLine {
  const { decision } = recorded;
  return {
    allowed: decision.verdict === 'Allowed',
    verdict: verdictText(decision),
    decidedBy: decidedByText(decision),
  };
}

async function replay(
  model: AccessModel,
  principal: Principal,
  secrets: readonly StandInSecret[],
  event: TestEvent,
  requestId: string,
) {
  const authorizer = iamAuthorizer(model, principal);
  const standIn = await startStandIn({ secrets, authorize: authorizer.authorize });
  const client = new SecretsManagerClient({ ...standInClientConfig(standIn), maxAttempts: 1 });
  const logs: string[] = [];
  const logger = createLogger({}, (line) => {
    const { level, message } = JSON.parse(line) as { level: string; message: string };
    logs.push(`${level} ${message}`);
  });

  try {
    const result = await createHandler({ client, logger })(event, { awsRequestId: requestId });
    return { result, logs, decisions: authorizer.decisions() };
  } finally {
    client.destroy();
    await standIn.stop();
  }
}

/** Runs the walkthrough offline and returns what each step showed. */
export async function runOfflineWalkthrough(options: OfflineOptions = {}): Promise<Walkthrough> {
  const stacks = options.stacks ?? synthTemplates();
  const model = buildAccessModel(stacks, options.environment ?? DEFAULT_ENVIRONMENT);
  const principal = functionRole(model);
  const secrets: StandInSecret[] = model.secrets.map((secret) => ({
    name: secret.name,
    arn: secret.arn,
    tags: secret.tags,
    secretString: fakeSecretString(),
  }));

  const steps: WalkthroughStep[] = [];
  for (const [i, { blogSteps, title, event }] of testEvents(stacks).entries()) {
    const run = await replay(model, principal, secrets, event, `offline-walkthrough-${i + 1}`);
    const onSecret = (name: string) =>
      run.decisions.find(
        (d) => d.action === 'secretsmanager:GetSecretValue' && d.resource === name,
      );

    steps.push({
      blogSteps,
      title,
      event,
      caller: { arn: sessionArn(principal, model.environment), tags: principal.tags },
      checks: run.decisions
        .filter((recorded) => recorded.resource === '*')
        .map((recorded) => ({ action: recorded.action, ...lineOf(recorded) })),
      secrets: model.secrets.map((secret) => {
        const recorded = onSecret(secret.name);
        return {
          name: secret.name,
          tags: secret.tags,
          getSecretValue: recorded && lineOf(recorded),
        };
      }),
      result: { statusCode: run.result.statusCode, body: JSON.parse(run.result.body) as unknown },
      logs: run.logs,
    });
  }
  return { mode: 'offline', steps };
}
