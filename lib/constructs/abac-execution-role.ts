import { ArnFormat, Stack, Tags, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** The tag key that both the role and the secrets carry; access follows equal values. */
export const ABAC_TAG_KEY = 'app';

export interface AbacExecutionRoleProps {
  /** The value of the role's `app` tag: the role may read the secrets whose `app` tag equals it. */
  readonly appTagValue: string;

  /**
   * Prepended to the managed policy's name, so that a second copy of the stack can deploy.
   * @default '' (the policy is named `LambdaABACPolicy`, as in the walkthrough)
   */
  readonly namePrefix?: string;
}

/**
 * The function's execution role. Its only rights to secrets come from `LambdaABACPolicy`:
 * `GetSecretValue` where the secret's `app` tag equals the role's own, plus the two list-style
 * actions that have no resource-level permissions.
 */
export class AbacExecutionRole extends Construct {
  public readonly role: iam.Role;
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: AbacExecutionRoleProps) {
    super(scope, id);

    if (props.appTagValue.length === 0) {
      throw new Error(
        `AbacExecutionRole '${id}': 'appTagValue' is empty; give the role the app tag value it serves.`,
      );
    }

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Lambda execution role that reads only secrets tagged ${ABAC_TAG_KEY}=${props.appTagValue}`,
    });
    Tags.of(this.role).add(ABAC_TAG_KEY, props.appTagValue);

    const stack = Stack.of(this);
    const secretArns = stack.formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: '*',
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.policy = new iam.ManagedPolicy(this, 'LambdaABACPolicy', {
      managedPolicyName: `${props.namePrefix ?? ''}LambdaABACPolicy`,
      description: 'Read secrets whose app tag equals the caller role app tag (ABAC)',
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'GetSecretsWithMatchingAppTag',
          actions: ['secretsmanager:GetSecretValue'],
          resources: [secretArns],
          conditions: {
            StringEquals: {
              [`aws:ResourceTag/${ABAC_TAG_KEY}`]: `\${aws:PrincipalTag/${ABAC_TAG_KEY}}`,
            },
          },
        }),
        // BatchGetSecretValue and ListSecrets support no resource-level permissions; Secrets Manager
        // still checks GetSecretValue, with the condition above, for every secret in a batch.
        // https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_iam-permissions.html
        new iam.PolicyStatement({
          sid: 'BatchAndListHaveNoResourceLevelPermissions',
          actions: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets'],
          resources: ['*'],
        }),
      ],
    });

    Validations.of(this.policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:*]',
      reason:
        'ABAC: which secrets the role reads is decided by the aws:ResourceTag/app = ' +
        '${aws:PrincipalTag/app} condition, not by naming them, so that newly tagged secrets need no policy change.',
    });
    Validations.of(this.policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'secretsmanager:BatchGetSecretValue and secretsmanager:ListSecrets support no resource-level ' +
        'permissions; every secret in a batch is still checked against the GetSecretValue statement.',
    });
  }
}
