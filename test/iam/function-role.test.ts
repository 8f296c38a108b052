/**
 * What the function's role may do, as AWS would decide from the synthesized template: the blog's
 * six secrets plus secrets that catch the known mistakes of tag matching.
 */
import { functionRole, type AccessModel, type Principal } from '../../tools/iam';
import {
  ABAC,
  allowedBy,
  BLOG_SECRETS,
  decide,
  deniedBy,
  type Expected,
  modelWith,
  noAllow,
  ownRole,
  secretNamed,
  TAG_TAMPER,
  TRAP_SECRETS,
} from './support';

const GET = allowedBy(ABAC, 'GetSecretsWithMatchingAppTag');
const BATCH_AND_LIST = allowedBy(ABAC, 'BatchAndListHaveNoResourceLevelPermissions');
const RETAG_SECRET = deniedBy([TAG_TAMPER, 'DenyRetaggingSecrets']);

// Written from the AWS semantics: StringEquals compares the whole value, case-sensitively, so only
// secrets tagged exactly app=app1 match the role's tag app=app1.
const TABLE: [secret: string, get: Expected][] = [
  ['MyTestSecret1', GET],
  ['MyTestSecret2', GET],
  ['MyTestSecret3', GET],
  ['MyTestSecret4', GET],
  ['MyTestSecret5', GET],
  ['MyTestSecret6', noAllow],
  ['TrapApp10', noAllow],
  ['TrapOwnerApp1', noAllow],
  ['TrapCaseApp1', noAllow],
  ['TrapUpperApp1', noAllow],
];

describe('the function role, tagged app=app1', () => {
  let model: AccessModel;
  let role: Principal;
  beforeAll(() => {
    model = modelWith({ 'abac:secrets': [...BLOG_SECRETS, ...TRAP_SECRETS] });
    role = functionRole(model);
  });

  it('is the role the template tags app=app1', () => {
    expect(role.tags).toEqual({ app: 'app1' });
  });

  it.each(TABLE)('GetSecretValue on %s', async (secret, expected) => {
    expect(
      await decide(model, role, 'secretsmanager:GetSecretValue', secretNamed(model, secret)),
    ).toEqual(expected);
  });

  it.each(TABLE.map(([secret]) => secret))('cannot retag %s', async (secret) => {
    const target = secretNamed(model, secret);
    expect(await decide(model, role, 'secretsmanager:TagResource', target)).toEqual(RETAG_SECRET);
    expect(await decide(model, role, 'secretsmanager:UntagResource', target)).toEqual(RETAG_SECRET);
  });

  it.each(TABLE.map(([secret]) => secret))('cannot write or delete %s', async (secret) => {
    const target = secretNamed(model, secret);
    expect(await decide(model, role, 'secretsmanager:PutSecretValue', target)).toEqual(noAllow);
    expect(await decide(model, role, 'secretsmanager:DeleteSecret', target)).toEqual(noAllow);
  });

  it('may call BatchGetSecretValue and ListSecrets, which are authorized on "*"', async () => {
    expect(await decide(model, role, 'secretsmanager:BatchGetSecretValue')).toEqual(BATCH_AND_LIST);
    expect(await decide(model, role, 'secretsmanager:ListSecrets')).toEqual(BATCH_AND_LIST);
  });

  it('cannot tag or untag itself', async () => {
    const self = deniedBy([TAG_TAMPER, 'DenyRetaggingItself']);
    expect(await decide(model, role, 'iam:TagRole', ownRole(role))).toEqual(self);
    expect(await decide(model, role, 'iam:UntagRole', ownRole(role))).toEqual(self);
  });

  it('has no policy the template does not show: three, all from the stack', () => {
    expect(role.identityPolicies.map((policy) => policy.name)).toEqual([
      ABAC,
      expect.stringMatching(/^ExecutionRoleDefaultPolicy/),
      expect.stringMatching(TAG_TAMPER),
    ]);
  });
});
