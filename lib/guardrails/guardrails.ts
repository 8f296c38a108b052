import { Annotations, CfnOutput, Tags } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { CONTEXT_KEYS, type GuardrailsConfig, type SecretSpec } from '../config';
import type { TaggedSecrets } from '../constructs/tagged-secrets';
import { BatchOnlyFromPrivilegedRoles } from './batch-only-from-privileged-roles';
import { DenyAcrossProjects, PROJECT_TAG_KEY } from './deny-across-projects';
import { OrganizationPerimeter } from './organization-perimeter';
import { TagTamperDeny } from './tag-tamper-deny';

export interface GuardrailsProps {
  /** Which guardrails are on. */
  readonly config: GuardrailsConfig;
  /** The function's execution role: it is protected and kept working. */
  readonly role: iam.Role;
  /** The secrets, for the resource policies and the configuration checks. */
  readonly secrets: TaggedSecrets;
  /** The configured secrets, to warn about those a guardrail makes unreadable. */
  readonly secretSpecs: readonly SecretSpec[];
  /**
   * Prepended to the managed policies' names.
   * @default ''
   */
  readonly namePrefix?: string;
}

/**
 * The restriction policies around the walkthrough. The tag-tamper deny is always on; the other
 * three follow the configuration, and each is off by default so the walkthrough works as written.
 */
export class Guardrails extends Construct {
  public readonly tagTamperDeny: TagTamperDeny;
  public readonly denyAcrossProjects?: DenyAcrossProjects;
  public readonly batchOnlyFromPrivilegedRoles?: BatchOnlyFromPrivilegedRoles;
  public readonly organizationPerimeter?: OrganizationPerimeter;

  constructor(scope: Construct, id: string, props: GuardrailsProps) {
    super(scope, id);
    const { config, role, namePrefix } = props;

    this.tagTamperDeny = new TagTamperDeny(this, 'TagTamperDeny', { role });

    if (config.projectTag !== undefined) {
      Tags.of(role).add(PROJECT_TAG_KEY, config.projectTag);
      this.denyAcrossProjects = new DenyAcrossProjects(this, 'DenyAcrossProjects', {
        namePrefix,
        roles: [role],
      });
      this.warnAboutOtherProjects(config.projectTag, props.secretSpecs);
      new CfnOutput(this, 'DenyAcrossProjectsPolicyArn', {
        value: this.denyAcrossProjects.policy.managedPolicyArn,
      });
    }

    if (config.privilegedRoleArnPatterns !== undefined) {
      this.batchOnlyFromPrivilegedRoles = new BatchOnlyFromPrivilegedRoles(
        this,
        'BatchOnlyFromPrivilegedRoles',
        {
          privilegedArnPatterns: config.privilegedRoleArnPatterns,
          privilegedRoles: [role],
          namePrefix,
        },
      );
      new CfnOutput(this, 'BatchOnlyFromPrivilegedRolesPolicyArn', {
        value: this.batchOnlyFromPrivilegedRoles.policy.managedPolicyArn,
      });
    }

    if (config.organizationId !== undefined) {
      this.organizationPerimeter = new OrganizationPerimeter(this, 'OrganizationPerimeter', {
        organizationId: config.organizationId,
        secrets: [...props.secrets.secrets.values()],
      });
    } else {
      Annotations.of(this).addWarningV2(
        'abac:organization-perimeter-off',
        `The organization perimeter is off: no resource policy limits the secrets to your organization. ` +
          `Set '${CONTEXT_KEYS.organizationId}' to your organization ID (o-...) to turn it on.`,
      );
    }
  }

  private warnAboutOtherProjects(projectTag: string, specs: readonly SecretSpec[]): void {
    const unreadable = specs
      .filter((spec) => spec.tags[PROJECT_TAG_KEY] !== projectTag)
      .map((spec) => spec.name);
    if (unreadable.length > 0) {
      Annotations.of(this).addWarningV2(
        'abac:secrets-outside-project',
        `The role's ${PROJECT_TAG_KEY} tag is '${projectTag}'; these secrets carry another or no ` +
          `${PROJECT_TAG_KEY} tag and will be denied: ${unreadable.join(', ')}.`,
      );
    }
  }
}
