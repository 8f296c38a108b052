/**
 * Helpers for the decision tables: synth with given context, and expected decisions written from
 * the AWS semantics (never computed from the app's code).
 */
import {
  buildAccessModel,
  DEFAULT_ENVIRONMENT,
  evaluate,
  requestFor,
  synthTemplates,
  type AccessModel,
  type Decision,
  type Principal,
  type RequestTarget,
} from '../../tools/iam';

/** The blog's six secrets, as `abac:secrets` context. */
export const BLOG_SECRETS = [1, 2, 3, 4, 5, 6].map((n) => ({
  name: `MyTestSecret${n}`,
  description: `Secret ${n}`,
  tags: { app: n === 6 ? 'app2' : 'app1', environment: 'production' },
}));

/** Secrets that catch the known mistakes of tag matching. */
export const TRAP_SECRETS = [
  // The tag-value filter is a prefix match: `app1` selects `app10` too.
  { name: 'TrapApp10', description: 'prefix', tags: { app: 'app10', environment: 'production' } },
  // tag-key and tag-value filters are not paired: key `app` and value `app1` on different tags.
  { name: 'TrapOwnerApp1', description: 'unpaired', tags: { app: 'x', owner: 'app1' } },
  // Tag values are compared case-sensitively.
  { name: 'TrapCaseApp1', description: 'case', tags: { app: 'App1' } },
  { name: 'TrapUpperApp1', description: 'case', tags: { app: 'APP1' } },
];

/** The model of the app synthesized with `context` on top of `cdk.json`'s. */
export function modelWith(context: Record<string, unknown> = {}): AccessModel {
  return buildAccessModel(synthTemplates({ context }), DEFAULT_ENVIRONMENT);
}

export type Expected = Pick<Decision, 'verdict' | 'decidedBy'>;

type PolicyName = string | RegExp;

function statements(effect: 'Allow' | 'Deny', pairs: readonly [PolicyName, string][]) {
  return pairs.map(([policy, statement]) => ({
    // An asymmetric matcher stands in for a name CDK generates (with a hash) from the construct path.
    policy: typeof policy === 'string' ? policy : (expect.stringMatching(policy) as string),
    statement,
    effect,
  }));
}

export const allowedBy = (policy: PolicyName, statement: string): Expected => ({
  verdict: 'Allowed',
  decidedBy: statements('Allow', [[policy, statement]]),
});

export const deniedBy = (...pairs: [PolicyName, string][]): Expected => ({
  verdict: 'ExplicitlyDenied',
  decidedBy: statements('Deny', pairs),
});

/** Denied by these statements, and maybe others: for the engine's known divergence (see its use). */
export const deniedAtLeastBy = (...pairs: [PolicyName, string][]): Expected => ({
  verdict: 'ExplicitlyDenied',
  decidedBy: expect.arrayContaining(statements('Deny', pairs)) as Expected['decidedBy'],
});

export const noAllow: Expected = { verdict: 'ImplicitlyDenied', decidedBy: [] };

/** Asks the engine and keeps what the tables compare. */
export async function decide(
  model: AccessModel,
  principal: Principal,
  action: string,
  target?: RequestTarget,
): Promise<Expected> {
  const { verdict, decidedBy } = await evaluate(
    principal,
    requestFor(action, target),
    model.environment,
  );
  return { verdict, decidedBy };
}

/** The secret of `model` named `name`. */
export function secretNamed(model: AccessModel, name: string): RequestTarget {
  const secret = model.secrets.find((candidate) => candidate.name === name);
  if (secret === undefined) throw new Error(`No secret ${name} in the template`);
  return secret;
}

/** The principal's own role, as a target of iam:TagRole. */
export function ownRole(principal: Principal): RequestTarget {
  return { name: principal.roleName, arn: principal.roleArn, tags: principal.tags };
}

export const ABAC = 'LambdaABACPolicy';
export const TAG_TAMPER = /^DenyTagTampering$/;
