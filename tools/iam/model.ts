/**
 * The access-relevant part of a cloud assembly, with every intrinsic resolved: roles with the
 * policies attached to them, secrets with their tags and resource policies, and the functions.
 */
import type { CfnResource, StackTemplate } from './assembly';
import type { SimulatedEnvironment } from './environment';
import { resolveIntrinsics, type ResolveScope } from './intrinsics';
import { physicalAttribute, physicalRef, secretName, UnresolvableError } from './physical-ids';

/** A policy document and the name IAM shows for it. */
export interface NamedPolicy {
  readonly name: string;
  /** `managed` and `inline` are identity policies; `resource` is a secret's resource policy. */
  readonly kind: 'managed' | 'inline' | 'resource';
  readonly document: unknown;
  /** The ARN of a customer-managed policy. */
  readonly arn?: string;
}

export interface RoleModel {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly roleId: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly trustPolicy: unknown;
  readonly identityPolicies: readonly NamedPolicy[];
  readonly permissionsBoundary?: NamedPolicy;
}

export interface SecretModel {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly resourcePolicy?: NamedPolicy;
}

export interface FunctionModel {
  readonly logicalId: string;
  readonly name: string;
  readonly roleArn: string;
}

export interface AccessModel {
  readonly environment: SimulatedEnvironment;
  readonly roles: readonly RoleModel[];
  readonly secrets: readonly SecretModel[];
  readonly functions: readonly FunctionModel[];
  /** The customer-managed policies the templates create, attached or not. */
  readonly managedPolicies: readonly NamedPolicy[];
}

type Props = Readonly<Record<string, unknown>>;

function tagsOf(value: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of Array.isArray(value) ? (value as unknown[]) : []) {
    const { Key, Value } = tag as { Key?: unknown; Value?: unknown };
    if (typeof Key === 'string' && typeof Value === 'string') tags[Key] = Value;
  }
  return tags;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
}

/** Reads one stack into the lists of `model`. */
function addStack(stack: StackTemplate, environment: SimulatedEnvironment, model: Mutable): void {
  const resources = stack.template.Resources ?? {};
  const scope: ResolveScope = { environment, stackName: stack.stackName, resources };
  const props = (resource: CfnResource): Props =>
    (resolveIntrinsics(resource.Properties ?? {}, scope) as Props | undefined) ?? {};
  const ofType = (type: string): [string, CfnResource][] =>
    Object.entries(resources).filter(([, resource]) => resource.Type === type);

  const managed = ofType('AWS::IAM::ManagedPolicy').map(([id, resource]) => {
    const p = props(resource);
    const arn = physicalRef(id, resource, scope);
    const policy: NamedPolicy = {
      name: arn.slice(arn.lastIndexOf('/') + 1),
      kind: 'managed',
      document: p.PolicyDocument,
      arn,
    };
    return { policy, roles: strings(p.Roles) };
  });
  model.managedPolicies.push(...managed.map(({ policy }) => policy));
  const inline = ofType('AWS::IAM::Policy').map(([, resource]) => {
    const p = props(resource);
    const policy: NamedPolicy = {
      name: String(p.PolicyName),
      kind: 'inline',
      document: p.PolicyDocument,
    };
    return { policy, roles: strings(p.Roles) };
  });

  const managedByArn = (arn: string, roleId: string): NamedPolicy => {
    const found = model.managedPolicies.find((policy) => policy.arn === arn);
    if (found === undefined) {
      throw new UnresolvableError(
        `Role ${roleId} attaches ${arn}, which no template defines, so its statements are unknown.`,
      );
    }
    return found;
  };

  for (const [id, resource] of ofType('AWS::IAM::Role')) {
    const p = props(resource);
    const name = physicalRef(id, resource, scope);
    const rolePolicies = (Array.isArray(p.Policies) ? p.Policies : []).map((entry) => {
      const { PolicyName, PolicyDocument } = entry as Props;
      return { name: String(PolicyName), kind: 'inline' as const, document: PolicyDocument };
    });
    const boundary = typeof p.PermissionsBoundary === 'string' ? p.PermissionsBoundary : undefined;
    model.roles.push({
      logicalId: id,
      name,
      arn: physicalAttribute(id, resource, 'Arn', scope),
      roleId: physicalAttribute(id, resource, 'RoleId', scope),
      tags: tagsOf(p.Tags),
      trustPolicy: p.AssumeRolePolicyDocument,
      identityPolicies: [
        ...strings(p.ManagedPolicyArns).map((arn) => managedByArn(arn, id)),
        ...managed.filter(({ roles }) => roles.includes(name)).map(({ policy }) => policy),
        ...rolePolicies,
        ...inline.filter(({ roles }) => roles.includes(name)).map(({ policy }) => policy),
      ],
      permissionsBoundary: boundary === undefined ? undefined : managedByArn(boundary, id),
    });
  }

  const resourcePolicies = ofType('AWS::SecretsManager::ResourcePolicy').map(([, resource]) => {
    const p = props(resource);
    return { secretArn: p.SecretId, document: p.ResourcePolicy };
  });
  for (const [id, resource] of ofType('AWS::SecretsManager::Secret')) {
    const p = props(resource);
    const arn = physicalRef(id, resource, scope);
    const attached = resourcePolicies.filter((policy) => policy.secretArn === arn);
    if (attached.length > 1) {
      throw new UnresolvableError(
        `Secret ${id} has ${attached.length} resource policies; AWS keeps one.`,
      );
    }
    const name = secretName(id, resource, scope);
    const document = attached[0]?.document;
    model.secrets.push({
      logicalId: id,
      name,
      arn,
      tags: tagsOf(p.Tags),
      resourcePolicy:
        document === undefined
          ? undefined
          : { name: `resource policy of ${name}`, kind: 'resource', document },
    });
  }

  for (const [id, resource] of ofType('AWS::Lambda::Function')) {
    model.functions.push({
      logicalId: id,
      name: physicalRef(id, resource, scope),
      roleArn: String(props(resource).Role),
    });
  }
}

interface Mutable {
  roles: RoleModel[];
  secrets: SecretModel[];
  functions: FunctionModel[];
  managedPolicies: NamedPolicy[];
}

/** The access model of the given stacks, in the simulated environment. */
export function buildAccessModel(
  stacks: readonly StackTemplate[],
  environment: SimulatedEnvironment,
): AccessModel {
  const model: Mutable = { roles: [], secrets: [], functions: [], managedPolicies: [] };
  for (const stack of stacks) addStack(stack, environment, model);
  return { environment, ...model };
}
