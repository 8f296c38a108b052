import * as iam from 'aws-cdk-lib/aws-iam';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface OrganizationPerimeterProps {
  /** The AWS Organizations ID whose principals alone may use the secrets, e.g. `o-a1b2c3d4e5`. */
  readonly organizationId: string;

  /** The secrets to put inside the perimeter. */
  readonly secrets: readonly secretsmanager.ISecret[];
}

/**
 * A resource policy on every secret that denies all of Secrets Manager to principals outside the
 * organization, except AWS services acting on their own behalf.
 *
 * `...IfExists` makes a principal with no organization (the key is absent) fall inside the deny.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid
 */
export class OrganizationPerimeter extends Construct {
  /** The statement added to each secret's resource policy. */
  public readonly statement: iam.PolicyStatement;

  constructor(scope: Construct, id: string, props: OrganizationPerimeterProps) {
    super(scope, id);

    if (props.secrets.length === 0) {
      throw new Error(
        `OrganizationPerimeter '${id}': 'secrets' is empty; give it the secrets to guard.`,
      );
    }

    this.statement = new iam.PolicyStatement({
      sid: 'EnforceIdentityPerimeter',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['secretsmanager:*'],
      resources: ['*'],
      conditions: {
        StringNotEqualsIfExists: { 'aws:PrincipalOrgID': props.organizationId },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      },
    });
    for (const secret of props.secrets) {
      secret.addToResourcePolicy(this.statement);
    }
  }
}
