/**
 * The principals of the access report: the function's role as the template defines it, and three
 * hypothetical ones that show what its tags, its name and its account contribute.
 */
import { OUTSIDE_ACCOUNT } from './environment';
import type { AccessModel } from './model';
import {
  functionRole,
  hypotheticalRole,
  inAnotherAccount,
  type Principal,
  variantOf,
} from './principals';

export function reportPrincipals(model: AccessModel): Principal[] {
  const fn = functionRole(model);
  return [
    fn,
    variantOf(fn, { label: 'function role, untagged', change: 'without its tags', tags: {} }),
    hypotheticalRole(model.environment, {
      label: 'another workload role',
      roleName: 'OtherWorkloadRole',
      tags: fn.tags,
      identityPolicies: model.managedPolicies,
      origin:
        "not in the template: a role of the same account with the template's customer-managed " +
        "policies and the function role's tags",
    }),
    inAnotherAccount(fn, OUTSIDE_ACCOUNT, 'function role, other organization'),
  ];
}
