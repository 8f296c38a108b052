/** Every decision of the access report: principal × action × resource. */
import {
  evaluate,
  OWN_ROLE_ACTIONS,
  requestFor,
  SECRET_ACTIONS,
  WILDCARD_ACTIONS,
  type AccessModel,
  type Decision,
  type Principal,
  type SecretModel,
} from '../iam';

export interface PrincipalAccess {
  readonly principal: Principal;
  /** Secrets sorted by name, each with one decision per action of SECRET_ACTIONS. */
  readonly secrets: readonly {
    readonly secret: SecretModel;
    readonly decisions: readonly Decision[];
  }[];
  /** One decision per action of WILDCARD_ACTIONS, on `*`. */
  readonly wildcard: readonly Decision[];
  /** One decision per action of OWN_ROLE_ACTIONS, on the principal's own role. */
  readonly ownRole: readonly Decision[];
}

function byName(a: SecretModel, b: SecretModel): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export async function accessMatrix(
  model: AccessModel,
  principals: readonly Principal[],
): Promise<PrincipalAccess[]> {
  const { environment } = model;
  const ask = (
    principal: Principal,
    actions: readonly string[],
    target?: Parameters<typeof requestFor>[1],
  ) =>
    Promise.all(
      actions.map((action) => evaluate(principal, requestFor(action, target), environment)),
    );

  return Promise.all(
    principals.map(async (principal) => {
      const ownRole = { name: principal.roleName, arn: principal.roleArn, tags: principal.tags };
      return {
        principal,
        secrets: await Promise.all(
          [...model.secrets].sort(byName).map(async (secret) => ({
            secret,
            decisions: await ask(principal, SECRET_ACTIONS, secret),
          })),
        ),
        wildcard: await ask(principal, WILDCARD_ACTIONS),
        ownRole: await ask(principal, OWN_ROLE_ACTIONS, ownRole),
      };
    }),
  );
}
