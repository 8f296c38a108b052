/**
 * The principals whose requests are evaluated: the roles of the template as deployed, and
 * hypothetical ones built from them (an untagged copy, an outsider, another workload role).
 */
import type { SimulatedEnvironment } from './environment';
import type { AccessModel, NamedPolicy, RoleModel } from './model';

/** A role session making requests: everything AWS knows about the caller. */
export interface Principal {
  /** Short name used in tables, e.g. `function role`. */
  readonly label: string;
  /** Where the principal comes from: the template, or what was changed to make it up. */
  readonly origin: string;
  readonly roleName: string;
  readonly roleArn: string;
  readonly roleId: string;
  readonly sessionName: string;
  readonly accountId: string;
  /** @default undefined (the principal's account is in no organization) */
  readonly organizationId?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly identityPolicies: readonly NamedPolicy[];
  readonly permissionsBoundary?: NamedPolicy;
}

/** Thrown when the template does not hold the principal asked for. */
export class PrincipalNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrincipalNotFoundError';
  }
}

/** The ARN AWS gives the caller: the role's session, not the role itself. */
export function sessionArn(principal: Principal, environment: SimulatedEnvironment): string {
  const { roleName, sessionName, accountId } = principal;
  return `arn:${environment.partition}:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}

/** A role of the template, calling from its own account. */
export function principalOfRole(
  role: RoleModel,
  environment: SimulatedEnvironment,
  options: { readonly label: string; readonly sessionName: string },
): Principal {
  return {
    label: options.label,
    origin: `role ${role.logicalId} of the template`,
    roleName: role.name,
    roleArn: role.arn,
    roleId: role.roleId,
    sessionName: options.sessionName,
    accountId: environment.accountId,
    organizationId: environment.organizationId,
    tags: role.tags,
    identityPolicies: role.identityPolicies,
    permissionsBoundary: role.permissionsBoundary,
  };
}

/**
 * The execution role of the template's function, in the session Lambda opens for it (named after
 * the function). With several functions, `functionLogicalId` picks one.
 */
export function functionRole(model: AccessModel, functionLogicalId?: string): Principal {
  const fn =
    functionLogicalId === undefined
      ? model.functions[0]
      : model.functions.find((candidate) => candidate.logicalId === functionLogicalId);
  if (fn === undefined || (functionLogicalId === undefined && model.functions.length !== 1)) {
    throw new PrincipalNotFoundError(
      `Expected one Lambda function${functionLogicalId ? ` ${functionLogicalId}` : ''}; the templates define ${model.functions.length}.`,
    );
  }
  const role = model.roles.find((candidate) => candidate.arn === fn.roleArn);
  if (role === undefined) {
    throw new PrincipalNotFoundError(
      `The role ${fn.roleArn} of ${fn.logicalId} is not in the templates.`,
    );
  }
  return principalOfRole(role, model.environment, { label: 'function role', sessionName: fn.name });
}

/** A copy of `principal` with some facts changed; `origin` says which. */
export function variantOf(
  principal: Principal,
  changes: Partial<Omit<Principal, 'origin'>> & { readonly label: string; readonly change: string },
): Principal {
  const { change, ...rest } = changes;
  return { ...principal, ...rest, origin: `${principal.label}, ${change}` };
}

/**
 * A role that is not in the template, in the simulated account, given some of its policies: a
 * stand-in for another workload of the same account.
 */
export function hypotheticalRole(
  environment: SimulatedEnvironment,
  options: {
    readonly label: string;
    readonly roleName: string;
    readonly tags: Readonly<Record<string, string>>;
    readonly identityPolicies: readonly NamedPolicy[];
    readonly origin: string;
  },
): Principal {
  const { partition, accountId } = environment;
  return {
    label: options.label,
    origin: options.origin,
    roleName: options.roleName,
    roleArn: `arn:${partition}:iam::${accountId}:role/${options.roleName}`,
    roleId: `AROA${options.roleName
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, 17)}`,
    sessionName: 'session',
    accountId,
    organizationId: environment.organizationId,
    tags: options.tags,
    identityPolicies: options.identityPolicies,
  };
}

/** The same role and policies, deployed in another account that belongs to another organization. */
export function inAnotherAccount(
  principal: Principal,
  other: { readonly accountId: string; readonly organizationId?: string },
  label: string,
): Principal {
  return variantOf(principal, {
    label,
    change: `in account ${other.accountId} of ${other.organizationId ?? 'no organization'}`,
    accountId: other.accountId,
    organizationId: other.organizationId,
    roleArn: principal.roleArn.replace(/:iam::\d{12}:/, `:iam::${other.accountId}:`),
  });
}
