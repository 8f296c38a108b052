/** Renders a walkthrough as text, one block per step of the blog. */
import { tagsText } from '../iam/describe';
import type { DecisionLine, Walkthrough, WalkthroughStep } from './steps';

export const OFFLINE_NOTICE = [
  'LOCAL EVALUATION, NOT AWS. Nothing was deployed or called in any AWS account.',
  'The policies come from the synthesized CloudFormation template, evaluated by the IAM engine',
  '@cloud-copilot/iam-simulate in a fake account (123456789012, us-east-1); the real handler ran',
  'against a Secrets Manager stand-in on 127.0.0.1 holding fake values (never printed).',
  'Run with --live to invoke the deployed function instead.',
];

export const LIVE_NOTICE = [
  'LIVE: the deployed function was invoked in your AWS account; AWS decided every access.',
  'AWS does not say which statement decided; the per-secret view comes from the function output.',
];

function pad(text: string, width: number): string {
  return text.padEnd(width);
}

function decision(line: DecisionLine): string {
  return `${line.verdict}  ${line.decidedBy}`;
}

function renderStep(step: WalkthroughStep): string[] {
  const nameWidth = Math.max(...step.secrets.map((secret) => secret.name.length));
  const tagWidth = Math.max(...step.secrets.map((secret) => tagsText(secret.tags).length));
  const actionWidth = Math.max(0, ...step.checks.map((check) => check.action.length));

  return [
    `Blog step ${step.blogSteps}: ${step.title}`,
    `  Event:  ${JSON.stringify(step.event)}`,
    `  Caller: ${step.caller.arn}`,
    `          tagged ${tagsText(step.caller.tags)}`,
    ...(step.checks.length > 0 ? ['  Actions on "*":'] : []),
    ...step.checks.map((check) => `    ${pad(check.action, actionWidth)}  ${decision(check)}`),
    '  Secrets (GetSecretValue, checked for each secret the filter selects):',
    ...step.secrets.map((secret) => {
      const outcome = secret.getSecretValue
        ? decision(secret.getSecretValue)
        : 'not selected by the filter';
      return `    ${pad(secret.name, nameWidth)}  ${pad(tagsText(secret.tags), tagWidth)}  ${outcome}`;
    }),
    ...(step.logs.length > 0 ? ['  Function log:', ...step.logs.map((log) => `    ${log}`)] : []),
    `  Result: statusCode ${step.result.statusCode}`,
    ...JSON.stringify(step.result.body, null, 2)
      .split('\n')
      .map((line) => `    ${line}`),
  ];
}

/** The whole walkthrough as text, its notice first. */
export function renderWalkthrough(walkthrough: Walkthrough): string {
  const notice = walkthrough.mode === 'offline' ? OFFLINE_NOTICE : LIVE_NOTICE;
  const blocks = [notice, ...walkthrough.steps.map(renderStep)];
  return `${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
