import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface BatchOnlyFromPrivilegedRolesProps {
  /** ARN patterns (`*` and `?` wildcards) of the principals that may still call BatchGetSecretValue. */
  readonly privilegedArnPatterns: readonly string[];

  /**
   * Roles that keep the right to batch whatever the patterns say, e.g. the function's own role.
   * They are also the principals the policy is attached to.
   * @default - none
   */
  readonly privilegedRoles?: iam.IRole[];

  /**
   * Prepended to the managed policy's name.
   * @default ''
   */
  readonly namePrefix?: string;
}

/**
 * An identity policy that denies BatchGetSecretValue to every principal whose ARN matches none of
 * the privileged patterns. Attach it to the principals to restrict (or use its document as a
 * service control policy); it is attached here to the privileged roles themselves, which shows
 * that it leaves them able to batch.
 *
 * `aws:PrincipalArn` is the ARN of the role, not of its session, so role patterns fit it.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
 */
export class BatchOnlyFromPrivilegedRoles extends Construct {
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: BatchOnlyFromPrivilegedRolesProps) {
    super(scope, id);

    const privileged = [
      ...props.privilegedArnPatterns,
      ...(props.privilegedRoles ?? []).map((role) => role.roleArn),
    ];
    if (privileged.length === 0) {
      throw new Error(
        `BatchOnlyFromPrivilegedRoles '${id}': no privileged pattern or role; nobody could batch. ` +
          'Give at least one ARN pattern or role.',
      );
    }

    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      managedPolicyName: `${props.namePrefix ?? ''}DenyBatchUnlessPrivileged`,
      description: 'Deny BatchGetSecretValue unless the caller is a privileged role',
      roles: props.privilegedRoles,
      statements: [
        new iam.PolicyStatement({
          sid: 'DenyBatchUnlessPrivilegedRole',
          effect: iam.Effect.DENY,
          actions: ['secretsmanager:BatchGetSecretValue'],
          resources: ['*'],
          conditions: { StringNotLike: { 'aws:PrincipalArn': privileged } },
        }),
      ],
    });
  }
}
