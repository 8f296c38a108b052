/**
 * Principals made up from the function's role, to show what its tag and its account decide:
 * the same role without its tag, with a tag differing only in case, and in another organization.
 * The optional guardrails are off here, as in the blog.
 */
import {
  functionRole,
  inAnotherAccount,
  OUTSIDE_ACCOUNT,
  variantOf,
  type AccessModel,
  type Principal,
} from '../../tools/iam';
import {
  ABAC,
  allowedBy,
  BLOG_SECRETS,
  decide,
  deniedBy,
  type Expected,
  modelWith,
  noAllow,
  secretNamed,
  TAG_TAMPER,
  TRAP_SECRETS,
} from './support';

const GET = allowedBy(ABAC, 'GetSecretsWithMatchingAppTag');
const BATCH_AND_LIST = allowedBy(ABAC, 'BatchAndListHaveNoResourceLevelPermissions');
const SECRETS = [...BLOG_SECRETS, ...TRAP_SECRETS].map((secret) => secret.name);

let model: AccessModel;
let role: Principal;
beforeAll(() => {
  model = modelWith({ 'abac:secrets': [...BLOG_SECRETS, ...TRAP_SECRETS] });
  role = functionRole(model);
});

describe('the function role without its app tag', () => {
  let untagged: Principal;
  beforeAll(() => {
    untagged = variantOf(role, { label: 'untagged', change: 'without tags', tags: {} });
  });

  // ${aws:PrincipalTag/app} cannot be resolved, so the StringEquals condition matches nothing.
  it.each(SECRETS)('reads nothing: GetSecretValue on %s', async (secret) => {
    const target = secretNamed(model, secret);
    expect(await decide(model, untagged, 'secretsmanager:GetSecretValue', target)).toEqual(noAllow);
  });

  it('still may call BatchGetSecretValue and ListSecrets: they carry no tag condition', async () => {
    expect(await decide(model, untagged, 'secretsmanager:BatchGetSecretValue')).toEqual(
      BATCH_AND_LIST,
    );
    expect(await decide(model, untagged, 'secretsmanager:ListSecrets')).toEqual(BATCH_AND_LIST);
  });

  it('still cannot retag a secret', async () => {
    const target = secretNamed(model, 'MyTestSecret6');
    expect(await decide(model, untagged, 'secretsmanager:TagResource', target)).toEqual(
      deniedBy([TAG_TAMPER, 'DenyRetaggingSecrets']),
    );
  });
});

describe('the function role tagged app=App1 (differs only in case)', () => {
  let mixedCase: Principal;
  beforeAll(() => {
    mixedCase = variantOf(role, {
      label: 'App1',
      change: 'tagged app=App1',
      tags: { app: 'App1' },
    });
  });

  // StringEquals is case-sensitive: App1 matches App1 and nothing else.
  const TABLE: [string, Expected][] = [
    ['MyTestSecret1', noAllow],
    ['MyTestSecret5', noAllow],
    ['MyTestSecret6', noAllow],
    ['TrapApp10', noAllow],
    ['TrapOwnerApp1', noAllow],
    ['TrapCaseApp1', GET],
    ['TrapUpperApp1', noAllow],
  ];

  it.each(TABLE)('GetSecretValue on %s', async (secret, expected) => {
    const target = secretNamed(model, secret);
    expect(await decide(model, mixedCase, 'secretsmanager:GetSecretValue', target)).toEqual(
      expected,
    );
  });
});

describe('the function role deployed in another account, outside the organization', () => {
  let outsider: Principal;
  beforeAll(() => {
    outsider = inAnotherAccount(role, OUTSIDE_ACCOUNT, 'outsider');
  });

  // Cross-account access needs an allow in the secret's resource policy too; the secrets have none.
  it.each(['MyTestSecret1', 'MyTestSecret6'])('cannot read %s', async (secret) => {
    const target = secretNamed(model, secret);
    expect(await decide(model, outsider, 'secretsmanager:GetSecretValue', target)).toEqual(noAllow);
  });

  it('may batch in its own account, where no secret of this stack is', async () => {
    expect(await decide(model, outsider, 'secretsmanager:BatchGetSecretValue')).toEqual(
      BATCH_AND_LIST,
    );
  });
});
