import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface TagTamperDenyProps {
  /** The role whose tags decide what it may read. */
  readonly role: iam.Role;
}

/**
 * ABAC is only as strong as its tags: a role that could retag a secret, or itself, could read any
 * secret. This explicit deny outranks any allow the role may be given later.
 */
export class TagTamperDeny extends Construct {
  public readonly policy: iam.Policy;

  constructor(scope: Construct, id: string, props: TagTamperDenyProps) {
    super(scope, id);

    this.policy = new iam.Policy(this, 'Policy', {
      // Inline policy names are scoped to the role, so a fixed name cannot collide.
      policyName: 'DenyTagTampering',
      roles: [props.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'DenyRetaggingSecrets',
          effect: iam.Effect.DENY,
          actions: ['secretsmanager:TagResource', 'secretsmanager:UntagResource'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'DenyRetaggingItself',
          effect: iam.Effect.DENY,
          actions: ['iam:TagRole', 'iam:UntagRole'],
          resources: [props.role.roleArn],
        }),
      ],
    });
  }
}
