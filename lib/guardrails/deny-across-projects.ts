import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** The tag that names a project, on principals and on secrets alike. */
export const PROJECT_TAG_KEY = 'project';

export interface DenyAcrossProjectsProps {
  /**
   * Prepended to the managed policy's name.
   * @default ''
   */
  readonly namePrefix?: string;

  /**
   * Principals to attach the policy to.
   * @default - none; attach it with `policy.attachToRole()` and friends
   */
  readonly roles?: iam.IRole[];
}

/**
 * An identity policy that stops a principal from reading a secret of another project.
 *
 * Two gaps of the usual one-statement version are closed:
 * - A principal without a `project` tag leaves `${aws:PrincipalTag/project}` unresolved, and a
 *   condition with an unresolved variable never matches, so `StringNotEquals` would deny nothing.
 *   The `Null` statement denies that principal outright.
 * - BatchGetSecretValue is authorized against `*`, so its request carries no `aws:ResourceTag`;
 *   a negated condition on the absent key would match and deny every batch. The tag comparison
 *   applies to GetSecretValue, which Secrets Manager checks for each secret in a batch.
 *   https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_BatchGetSecretValue.html
 */
export class DenyAcrossProjects extends Construct {
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: DenyAcrossProjectsProps = {}) {
    super(scope, id);

    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      managedPolicyName: `${props.namePrefix ?? ''}DenySecretsAcrossProjects`,
      description: 'Deny reading secrets whose project tag differs from the caller project tag',
      roles: props.roles,
      statements: [
        new iam.PolicyStatement({
          sid: 'DenyReadingAnotherProjectsSecret',
          effect: iam.Effect.DENY,
          actions: ['secretsmanager:GetSecretValue'],
          resources: ['*'],
          conditions: {
            StringNotEquals: {
              [`aws:ResourceTag/${PROJECT_TAG_KEY}`]: `\${aws:PrincipalTag/${PROJECT_TAG_KEY}}`,
            },
          },
        }),
        new iam.PolicyStatement({
          sid: 'DenyReadingWithoutProjectTag',
          effect: iam.Effect.DENY,
          actions: ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue'],
          resources: ['*'],
          conditions: { Null: { [`aws:PrincipalTag/${PROJECT_TAG_KEY}`]: 'true' } },
        }),
      ],
    });
  }
}
