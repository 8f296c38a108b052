/**
 * The names and ARNs CloudFormation would give the template's resources, made up deterministically
 * in the simulated environment. Only the resource types whose identifiers can reach a policy, a tag
 * or an output of this app are known; any other is refused rather than guessed.
 */
import { createHash } from 'node:crypto';

import type { CfnResource } from './assembly';
import type { SimulatedEnvironment } from './environment';

export interface PhysicalScope {
  readonly environment: SimulatedEnvironment;
  readonly stackName: string;
}

/** Thrown when a template needs a value this evaluation cannot make up faithfully. */
export class UnresolvableError extends Error {
  constructor(message: string) {
    super(`${message} Teach tools/iam/physical-ids.ts or tools/iam/intrinsics.ts about it.`);
    this.name = 'UnresolvableError';
  }
}

const NAME_MAX = 64;

function stringProperty(resource: CfnResource, property: string): string | undefined {
  const value = resource.Properties?.[property];
  if (value !== undefined && typeof value !== 'string') {
    throw new UnresolvableError(
      `${resource.Type} ${property} is computed: ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

/** The name CloudFormation generates when none is given: stack, logical ID, random suffix. */
function generatedName(logicalId: string, scope: PhysicalScope): string {
  return `${scope.stackName}-${logicalId}`.slice(0, NAME_MAX);
}

/**
 * Secrets Manager appends six random characters to a secret's name in its ARN; here they are
 * derived from the name, so that every run gives the same ARN.
 */
export function secretArnSuffix(name: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const digest = createHash('sha256').update(name).digest();
  return [...digest.subarray(0, 6)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

function arn(scope: PhysicalScope, service: string, regional: boolean, resource: string): string {
  const { partition, region, accountId } = scope.environment;
  return `arn:${partition}:${service}:${regional ? region : ''}:${accountId}:${resource}`;
}

interface PhysicalType {
  readonly ref: (logicalId: string, resource: CfnResource, scope: PhysicalScope) => string;
  readonly attributes: Readonly<
    Record<string, (logicalId: string, resource: CfnResource, scope: PhysicalScope) => string>
  >;
}

const roleName = (id: string, r: CfnResource, s: PhysicalScope): string =>
  stringProperty(r, 'RoleName') ?? generatedName(id, s);
const rolePath = (r: CfnResource): string => stringProperty(r, 'Path') ?? '/';
const roleArn = (id: string, r: CfnResource, s: PhysicalScope): string =>
  arn(s, 'iam', false, `role${rolePath(r)}${roleName(id, r, s)}`);

const managedPolicyArn = (id: string, r: CfnResource, s: PhysicalScope): string => {
  const name = stringProperty(r, 'ManagedPolicyName') ?? generatedName(id, s);
  return arn(s, 'iam', false, `policy${stringProperty(r, 'Path') ?? '/'}${name}`);
};

/** The name of an `AWS::SecretsManager::Secret`. */
export const secretName = (id: string, r: CfnResource, s: PhysicalScope): string =>
  stringProperty(r, 'Name') ?? generatedName(id, s);
const secretArn = (id: string, r: CfnResource, s: PhysicalScope): string => {
  const name = secretName(id, r, s);
  return arn(s, 'secretsmanager', true, `secret:${name}-${secretArnSuffix(name)}`);
};

const logGroupName = (id: string, r: CfnResource, s: PhysicalScope): string =>
  stringProperty(r, 'LogGroupName') ?? generatedName(id, s);
const functionName = (id: string, r: CfnResource, s: PhysicalScope): string =>
  stringProperty(r, 'FunctionName') ?? generatedName(id, s);

// Ref and Fn::GetAtt return values: each resource type's "Return values" section in
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html
const PHYSICAL_TYPES: Readonly<Record<string, PhysicalType>> = {
  'AWS::IAM::Role': {
    ref: roleName,
    attributes: { Arn: roleArn, RoleId: (id) => `AROA${id.toUpperCase().slice(0, 17)}` },
  },
  'AWS::IAM::ManagedPolicy': {
    ref: managedPolicyArn,
    attributes: { PolicyArn: managedPolicyArn },
  },
  'AWS::IAM::Policy': {
    ref: (id, r) => stringProperty(r, 'PolicyName') ?? id,
    attributes: {},
  },
  'AWS::SecretsManager::Secret': {
    ref: secretArn,
    attributes: { Id: secretArn },
  },
  'AWS::Logs::LogGroup': {
    ref: logGroupName,
    attributes: {
      Arn: (id, r, s) => arn(s, 'logs', true, `log-group:${logGroupName(id, r, s)}:*`),
    },
  },
  'AWS::Lambda::Function': {
    ref: functionName,
    attributes: {
      Arn: (id, r, s) => arn(s, 'lambda', true, `function:${functionName(id, r, s)}`),
    },
  },
};

function physicalType(logicalId: string, resource: CfnResource): PhysicalType {
  const type = PHYSICAL_TYPES[resource.Type];
  if (type === undefined) {
    throw new UnresolvableError(
      `Resource ${logicalId} has type ${resource.Type}, whose identifiers are not modelled.`,
    );
  }
  return type;
}

/** What `{ "Ref": logicalId }` returns for a resource. */
export function physicalRef(
  logicalId: string,
  resource: CfnResource,
  scope: PhysicalScope,
): string {
  return physicalType(logicalId, resource).ref(logicalId, resource, scope);
}

/** What `{ "Fn::GetAtt": [logicalId, attribute] }` returns for a resource. */
export function physicalAttribute(
  logicalId: string,
  resource: CfnResource,
  attribute: string,
  scope: PhysicalScope,
): string {
  const get = physicalType(logicalId, resource).attributes[attribute];
  if (get === undefined) {
    throw new UnresolvableError(`Attribute ${attribute} of ${resource.Type} is not modelled.`);
  }
  return get(logicalId, resource, scope);
}
