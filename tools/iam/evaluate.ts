/**
 * Asks the IAM engine (@cloud-copilot/iam-simulate, in Strict mode) whether a principal may make a
 * request, with the request context AWS would send, and says which statements decided.
 *
 * The engine's answer is trusted only when it used the whole context: a key it ignored, or a key
 * a policy reads that is missing for no reason AWS has, throws {@link ContextGapError}.
 */
import {
  getDenialReasons,
  getGrantReasons,
  runSimulation,
  type RequestAnalysis,
  type Simulation,
  type SimulationResourceResult,
} from '@cloud-copilot/iam-simulate';

import { accountOfArn, requestContext, type AccessRequest, type RequestContext } from './context';
import type { SimulatedEnvironment } from './environment';
import type { NamedPolicy } from './model';
import { contextKeysOf } from './policy-keys';
import { sessionArn, type Principal } from './principals';

export type Verdict = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** A statement that decided: it allowed an allowed request, or denied a denied one. */
export interface DecidingStatement {
  readonly policy: string;
  /** The statement's Sid, or `#n` (1-based) when it has none. */
  readonly statement: string;
  readonly effect: 'Allow' | 'Deny';
}

export interface Decision {
  readonly verdict: Verdict;
  /** Empty for an implicit denial: no statement decided, none allowed. */
  readonly decidedBy: readonly DecidingStatement[];
  /** For an implicit denial: which kind of policy lacked an allow. */
  readonly implicitDenial?: string;
  /** Keys the policies read that AWS would not send, each with the reason. */
  readonly absentKeys: readonly { readonly key: string; readonly reason: string }[];
}

/** The engine was not given, or did not use, the context AWS would send. */
export class ContextGapError extends Error {
  constructor(message: string) {
    super(`${message} Fix the request context in tools/iam/context.ts before trusting a decision.`);
    this.name = 'ContextGapError';
  }
}

/** The engine refused the input (e.g. an invalid policy or an unknown action). */
export class SimulationInputError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'SimulationInputError';
  }
}

function statementsOf(analysis: RequestAnalysis) {
  return [
    analysis.identityAnalysis,
    analysis.resourceAnalysis,
    analysis.permissionBoundaryAnalysis,
  ].flatMap((part) =>
    part ? [...part.allowStatements, ...part.denyStatements, ...part.unmatchedStatements] : [],
  );
}

/** A statement's Sid, or its 1-based position when it has none. */
function statementLabel(statementId: string | undefined, index: number): string {
  return statementId ?? `#${index}`;
}

function decidingStatements(
  analysis: RequestAnalysis,
  resourcePolicy: string,
): DecidingStatement[] {
  if (analysis.result === 'Allowed') {
    return getGrantReasons(analysis).map((grant) => ({
      policy: grant.policyType === 'resource' ? resourcePolicy : grant.policyIdentifier,
      statement: statementLabel(grant.statementId, grant.statementIndex),
      effect: 'Allow',
    }));
  }
  return getDenialReasons(analysis).flatMap((denial) =>
    denial.denialType === 'Explicit'
      ? [
          {
            policy:
              denial.policyType === 'resource'
                ? resourcePolicy
                : (denial.policyIdentifier ?? denial.policyType),
            statement: statementLabel(denial.statementId, denial.statementIndex),
            effect: 'Deny' as const,
          },
        ]
      : [],
  );
}

function implicitDenialOf(analysis: RequestAnalysis): string | undefined {
  if (analysis.result !== 'ImplicitlyDenied') return undefined;
  const types = new Set(getDenialReasons(analysis).map((denial) => denial.policyType));
  if (!analysis.sameAccount && analysis.resourceAnalysis?.result !== 'Allowed') {
    return 'cross-account, and no resource-based policy allows it';
  }
  if (types.has('pb')) return 'the permissions boundary does not allow it';
  return 'no identity-based policy allows it';
}

type AbsentKeys = ReadonlyMap<string, { readonly key: string; readonly reason: string }>;

/** Every key the policies read must be sent, or absent for a reason AWS has. */
function accountForKeys(policies: readonly NamedPolicy[], context: RequestContext): AbsentKeys {
  const sent = new Set(Object.keys(context.values).map((key) => key.toLowerCase()));
  const absent = new Map<string, { key: string; reason: string }>();
  for (const key of new Set(policies.flatMap((policy) => contextKeysOf(policy.document)))) {
    if (sent.has(key.toLowerCase())) continue;
    const reason = context.absenceReason(key);
    if (reason === undefined) {
      throw new ContextGapError(`A policy reads ${key}, which the request context does not hold.`);
    }
    absent.set(key.toLowerCase(), { key, reason });
  }
  return absent;
}

/** The engine must have used every key it was given, and found missing only the absent ones. */
function checkEngineUsedContext(
  action: string,
  result: SimulationResourceResult,
  absent: AbsentKeys,
): void {
  const ignored = result.ignoredContextKeys ?? [];
  if (ignored.length > 0) {
    throw new ContextGapError(`The engine ignored ${ignored.join(', ')} for ${action}.`);
  }
  for (const statement of statementsOf(result.analysis)) {
    for (const condition of statement.explain.conditions ?? []) {
      const missing = condition.failedBecauseMissing || condition.matchedBecauseMissing;
      if (missing && !absent.has(condition.conditionKeyValue.toLowerCase())) {
        throw new ContextGapError(
          `The engine found ${condition.conditionKeyValue} missing for ${action}.`,
        );
      }
    }
  }
}

function simulation(
  principal: Principal,
  request: AccessRequest,
  context: RequestContext,
  environment: SimulatedEnvironment,
): Simulation {
  const { target } = request;
  const boundary = principal.permissionsBoundary;
  return {
    request: {
      principal: sessionArn(principal, environment),
      action: request.action,
      resource: {
        resource: target?.arn ?? '*',
        accountId: target ? accountOfArn(target.arn) : principal.accountId,
      },
      contextVariables: { ...context.values },
    },
    identityPolicies: principal.identityPolicies.map(({ name, document }) => ({
      name,
      policy: document,
    })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: target?.resourcePolicy?.document,
    permissionBoundaryPolicies: boundary && [{ name: boundary.name, policy: boundary.document }],
  };
}

/** Whether `principal` may make `request`, and which statements decided. */
export async function evaluate(
  principal: Principal,
  request: AccessRequest,
  environment: SimulatedEnvironment,
): Promise<Decision> {
  const context = requestContext(principal, request, environment);
  const resourcePolicy = request.target?.resourcePolicy;
  const absent = accountForKeys(
    [
      ...principal.identityPolicies,
      ...(principal.permissionsBoundary ? [principal.permissionsBoundary] : []),
      ...(resourcePolicy ? [resourcePolicy] : []),
    ],
    context,
  );

  const result = await runSimulation(simulation(principal, request, context, environment), {
    simulationMode: 'Strict',
  });
  if (result.resultType !== 'single') {
    const message =
      result.resultType === 'error'
        ? `The engine refused ${request.action}: ${result.errors.message}`
        : `Expected one result for ${request.action}, got ${result.resultType}.`;
    throw new SimulationInputError(message, { cause: result });
  }
  checkEngineUsedContext(request.action, result.result, absent);

  const { analysis } = result.result;
  return {
    verdict: analysis.result,
    decidedBy: decidingStatements(analysis, resourcePolicy?.name ?? 'resource policy'),
    implicitDenial: implicitDenialOf(analysis),
    absentKeys: [...absent.values()],
  };
}
