/**
 * An authorizer for the Secrets Manager stand-in whose every answer comes from the IAM engine
 * evaluating the synthesized template, and which records each decision for the walkthrough.
 */
import { evaluate, sessionArn, type AccessModel, type Decision, type Principal } from '../iam';
import type { Authorizer, AuthorizationRequest } from '../stand-in/secrets-manager-server';

export interface RecordedDecision {
  readonly action: string;
  /** The secret's name, or `*` for actions authorized on all resources. */
  readonly resource: string;
  readonly decision: Decision;
}

export interface RecordingAuthorizer {
  readonly authorize: Authorizer;
  /** Each distinct (action, resource) asked about, in the order first asked. */
  readonly decisions: () => readonly RecordedDecision[];
}

/** The message Secrets Manager returns with an AccessDeniedException, in AWS's words. */
export function denialMessage(
  caller: string,
  action: string,
  resource: string,
  decision: Decision,
): string {
  const head = `User: ${caller} is not authorized to perform: ${action} on resource: ${resource}`;
  const deny = decision.decidedBy[0];
  if (decision.verdict === 'ExplicitlyDenied' && deny !== undefined) {
    const where = deny.policy.startsWith('resource policy')
      ? 'a resource-based policy'
      : `an identity-based policy: ${deny.policy}`;
    return `${head} with an explicit deny in ${where}`;
  }
  return `${head} because no identity-based policy allows the ${action} action`;
}

/** Answers as IAM would for `principal`, from the policies of `model`. */
export function iamAuthorizer(model: AccessModel, principal: Principal): RecordingAuthorizer {
  const recorded = new Map<string, RecordedDecision>();
  const caller = sessionArn(principal, model.environment);

  const authorize = async (request: AuthorizationRequest) => {
    const target =
      request.secret === undefined
        ? undefined
        : model.secrets.find((secret) => secret.arn === request.secret?.arn);
    if (request.secret !== undefined && target === undefined) {
      throw new Error(
        `The stand-in asked about ${request.secret.name}, which no template defines.`,
      );
    }

    const decision = await evaluate(
      principal,
      { action: request.action, target },
      model.environment,
    );
    const resource = target?.name ?? '*';
    const key = `${request.action} ${resource}`;
    if (!recorded.has(key)) recorded.set(key, { action: request.action, resource, decision });

    if (decision.verdict === 'Allowed') return { allowed: true };
    return {
      allowed: false,
      explanation: denialMessage(caller, request.action, target?.arn ?? '*', decision),
    };
  };

  return { authorize, decisions: () => [...recorded.values()] };
}
