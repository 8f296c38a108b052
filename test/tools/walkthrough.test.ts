/**
 * The offline walkthrough: the real handler against the stand-in, with every decision made by the
 * IAM engine from the synthesized template. Expected outcomes are the blog's (steps 6 and 7).
 */
import { synthTemplates } from '../../tools/iam';
import { runOfflineWalkthrough } from '../../tools/walkthrough/offline';
import { renderWalkthrough } from '../../tools/walkthrough/print';
import type { Walkthrough } from '../../tools/walkthrough/steps';
import { BLOG_SECRETS, TRAP_SECRETS } from '../iam/support';

const GET = {
  allowed: true,
  verdict: 'Allowed',
  decidedBy: 'LambdaABACPolicy › GetSecretsWithMatchingAppTag',
};
const NO_ALLOW = {
  allowed: false,
  verdict: 'Denied (implicit)',
  decidedBy: 'no identity-based policy allows it',
};
const FIVE = ['MyTestSecret1', 'MyTestSecret2', 'MyTestSecret3', 'MyTestSecret4', 'MyTestSecret5'];

describe('the offline walkthrough of the blog', () => {
  let walkthrough: Walkthrough;
  beforeAll(async () => {
    walkthrough = await runOfflineWalkthrough();
  });

  it('replays the blog events: app=app1, then environment=production', () => {
    expect(walkthrough.steps.map((step) => step.event)).toEqual([
      { TagKey: 'app', TagValue: 'app1' },
      { TagKey: 'environment', TagValue: 'production' },
    ]);
  });

  it('step 6: retrieves the five app1 secrets, status 200', () => {
    const [step] = walkthrough.steps;

    expect(step?.result).toMatchObject({ statusCode: 200, body: { retrieved: FIVE, failed: [] } });
    expect(step?.secrets.map((secret) => [secret.name, secret.getSecretValue])).toEqual([
      ...FIVE.map((name) => [name, GET]),
      ['MyTestSecret6', undefined],
    ]);
  });

  it('step 7: denies MyTestSecret6 (app=app2), status 403', () => {
    const [, step] = walkthrough.steps;

    expect(step?.result).toMatchObject({
      statusCode: 403,
      body: {
        retrieved: FIVE,
        failed: [expect.objectContaining({ errorCode: 'AccessDeniedException' })],
      },
    });
    expect(step?.secrets.find((secret) => secret.name === 'MyTestSecret6')?.getSecretValue).toEqual(
      NO_ALLOW,
    );
  });

  it('shows BatchGetSecretValue and ListSecrets allowed on "*" in each step', () => {
    for (const step of walkthrough.steps) {
      expect(step.checks.map((check) => [check.action, check.verdict])).toEqual([
        ['secretsmanager:BatchGetSecretValue', 'Allowed'],
        ['secretsmanager:ListSecrets', 'Allowed'],
      ]);
    }
  });

  it('prints that it is a local evaluation, and no secret value', () => {
    const text = renderWalkthrough(walkthrough);

    expect(text.split('\n')[0]).toBe(
      'LOCAL EVALUATION, NOT AWS. Nothing was deployed or called in any AWS account.',
    );
    expect(text).toContain('MyTestSecret6  app=app2, environment=production  Denied (implicit)');
    expect(text).not.toMatch(/fake-|"password"/);
  });
});

describe('the walkthrough with secrets that trap tag filters', () => {
  it('the app1 filter selects app10 and owner=app1 too, and IAM denies both: 403', async () => {
    const stacks = synthTemplates({
      context: { 'abac:secrets': [...BLOG_SECRETS, ...TRAP_SECRETS] },
    });

    const [step] = (await runOfflineWalkthrough({ stacks })).steps;

    expect(step?.result.statusCode).toBe(403);
    const selected = Object.fromEntries(
      step?.secrets.map((s) => [s.name, s.getSecretValue?.verdict ?? 'not selected']) ?? [],
    );
    expect(selected).toEqual({
      ...Object.fromEntries(FIVE.map((name) => [name, 'Allowed'])),
      MyTestSecret6: 'not selected',
      TrapApp10: 'Denied (implicit)',
      TrapOwnerApp1: 'Denied (implicit)',
      TrapCaseApp1: 'not selected',
      TrapUpperApp1: 'not selected',
    });
  });
});
