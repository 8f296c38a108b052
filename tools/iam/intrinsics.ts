/**
 * Resolves the CloudFormation intrinsic functions that appear in this app's policies, tags and
 * outputs, in the simulated environment. Anything else (conditions, imports, parameters without a
 * default) is refused: a guessed value could turn a denial into an allowance.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
import type { CfnResource } from './assembly';
import {
  physicalAttribute,
  physicalRef,
  type PhysicalScope,
  UnresolvableError,
} from './physical-ids';

export interface ResolveScope extends PhysicalScope {
  readonly resources: Readonly<Record<string, CfnResource>>;
}

/** Marks a value that `AWS::NoValue` removed. */
const NO_VALUE = Symbol('AWS::NoValue');

function pseudoParameter(name: string, scope: ResolveScope): string | typeof NO_VALUE | undefined {
  const { partition, region, accountId } = scope.environment;
  switch (name) {
    case 'AWS::Partition':
      return partition;
    case 'AWS::Region':
      return region;
    case 'AWS::AccountId':
      return accountId;
    case 'AWS::StackName':
      return scope.stackName;
    case 'AWS::URLSuffix':
      return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
    case 'AWS::NoValue':
      return NO_VALUE;
    default:
      return undefined;
  }
}

function resourceOf(logicalId: string, scope: ResolveScope): CfnResource {
  const resource = scope.resources[logicalId];
  if (resource === undefined) {
    throw new UnresolvableError(
      `${logicalId} is neither a resource of the template nor a pseudo parameter.`,
    );
  }
  return resource;
}

function ref(name: unknown, scope: ResolveScope): string | typeof NO_VALUE {
  if (typeof name !== 'string') throw new UnresolvableError(`Ref to ${JSON.stringify(name)}.`);
  return pseudoParameter(name, scope) ?? physicalRef(name, resourceOf(name, scope), scope);
}

function getAtt(args: unknown, scope: ResolveScope): string {
  const parts: unknown[] =
    typeof args === 'string' ? args.split('.', 2) : Array.isArray(args) ? args : [];
  const [logicalId, attribute] = parts;
  if (typeof logicalId !== 'string' || typeof attribute !== 'string') {
    throw new UnresolvableError(`Fn::GetAtt with ${JSON.stringify(args)}.`);
  }
  return physicalAttribute(logicalId, resourceOf(logicalId, scope), attribute, scope);
}

function asString(value: unknown, context: string): string {
  if (typeof value !== 'string') {
    throw new UnresolvableError(`${context} resolved to ${JSON.stringify(value)}, not a string.`);
  }
  return value;
}

function join(args: unknown, scope: ResolveScope): string {
  if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string') {
    throw new UnresolvableError(`Fn::Join with ${JSON.stringify(args)}.`);
  }
  const parts = resolve(args[1], scope);
  if (!Array.isArray(parts)) throw new UnresolvableError('Fn::Join over something not a list.');
  return parts.map((part) => asString(part, 'A part of Fn::Join')).join(args[0]);
}

function sub(args: unknown, scope: ResolveScope): string {
  const parts: unknown[] = typeof args === 'string' ? [args, {}] : Array.isArray(args) ? args : [];
  const [text, variables] = parts;
  if (typeof text !== 'string' || typeof variables !== 'object' || variables === null) {
    throw new UnresolvableError(`Fn::Sub with ${JSON.stringify(args)}.`);
  }
  const values = variables as Record<string, unknown>;

  // `${!Name}` is a literal `${Name}`; `${Name}` is a variable, a pseudo parameter, a Ref or GetAtt.
  return text.replace(/\$\{(!?)([^}]*)\}/g, (_match, bang: string, name: string) => {
    if (bang === '!') return `\${${name}}`;
    if (name in values) return asString(resolve(values[name], scope), `Fn::Sub variable ${name}`);
    if (name.includes('.') && !name.startsWith('AWS::')) return getAtt(name, scope);
    return asString(ref(name, scope), `Fn::Sub reference ${name}`);
  });
}

function select(args: unknown, scope: ResolveScope): unknown {
  if (!Array.isArray(args) || args.length !== 2) {
    throw new UnresolvableError(`Fn::Select with ${JSON.stringify(args)}.`);
  }
  const index = Number(resolve(args[0], scope));
  const list = resolve(args[1], scope);
  if (!Array.isArray(list) || !Number.isInteger(index) || index < 0 || index >= list.length) {
    throw new UnresolvableError(`Fn::Select out of range: ${JSON.stringify(args)}.`);
  }
  return list[index] as unknown;
}

function split(args: unknown, scope: ResolveScope): string[] {
  if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string') {
    throw new UnresolvableError(`Fn::Split with ${JSON.stringify(args)}.`);
  }
  return asString(resolve(args[1], scope), 'The source of Fn::Split').split(args[0]);
}

const FUNCTIONS: Readonly<Record<string, (args: unknown, scope: ResolveScope) => unknown>> = {
  Ref: ref,
  'Fn::GetAtt': getAtt,
  'Fn::Join': join,
  'Fn::Sub': sub,
  'Fn::Select': select,
  'Fn::Split': split,
};

function resolve(value: unknown, scope: ResolveScope): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => resolve(item, scope)).filter((item) => item !== NO_VALUE);
  }
  if (typeof value !== 'object' || value === null) return value;

  const entries: [string, unknown][] = Object.entries(value);
  const [first] = entries;
  if (entries.length === 1 && first !== undefined) {
    const [name, args] = first;
    const fn = FUNCTIONS[name];
    if (fn !== undefined) return fn(args, scope);
    if (name.startsWith('Fn::') || name === 'Condition') {
      throw new UnresolvableError(`The intrinsic ${name} is not supported.`);
    }
  }

  const resolved: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    const result = resolve(item, scope);
    if (result !== NO_VALUE) resolved[key] = result;
  }
  return resolved;
}

/** `value` with every intrinsic function replaced by its value in the simulated environment. */
export function resolveIntrinsics(value: unknown, scope: ResolveScope): unknown {
  const resolved = resolve(value, scope);
  return resolved === NO_VALUE ? undefined : resolved;
}
