/** The optional guardrails: each is off until its context key is set. */
import { ConfigError, type ContextReader, readJson, readString } from './errors';
import { checkTagValue } from './secrets';

export interface GuardrailsConfig {
  /**
   * Deny across projects: the role's `project` tag. When set, the role carries it and may not
   * read a secret whose `project` tag differs, and no principal without the tag may read at all.
   * @default undefined (off)
   */
  readonly projectTag?: string;

  /**
   * Batch only from privileged roles: ARN patterns (`*` and `?` wildcards) of the principals that
   * may call BatchGetSecretValue besides the function's own role. An empty list means only the
   * function's role.
   * @default undefined (off)
   */
  readonly privilegedRoleArnPatterns?: readonly string[];

  /**
   * Organization perimeter: the AWS Organizations ID whose principals alone may use the secrets.
   * @default undefined (off, and synth warns)
   */
  readonly organizationId?: string;
}

export const GUARDRAIL_KEYS = {
  projectTag: 'abac:projectTag',
  privilegedRoleArnPatterns: 'abac:privilegedRoleArnPatterns',
  organizationId: 'abac:organizationId',
} as const;

// https://docs.aws.amazon.com/organizations/latest/APIReference/API_Organization.html
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
// aws:PrincipalArn is the ARN of the role (not of its session) or of the user.
const PRINCIPAL_ARN_PATTERN =
  /^arn:(?:aws|aws-cn|aws-us-gov|\*):iam::(?:\d{12}|\*):(?:role|user)\/[\w+=,.@/*?-]+$/;
const PATTERNS_MAX = 20;

export function readGuardrails(read: ContextReader): GuardrailsConfig {
  return {
    projectTag: readProjectTag(read),
    privilegedRoleArnPatterns: readPrivilegedPatterns(read),
    organizationId: readOrganizationId(read),
  };
}

function readProjectTag(read: ContextReader): string | undefined {
  const key = GUARDRAIL_KEYS.projectTag;
  const value = readString(read, key);
  if (value === undefined) return undefined;
  if (value.length === 0) {
    throw new ConfigError(key, value, 'expected a non-empty tag value, or leave the key unset');
  }
  return checkTagValue(key, value);
}

function readPrivilegedPatterns(read: ContextReader): readonly string[] | undefined {
  const key = GUARDRAIL_KEYS.privilegedRoleArnPatterns;
  const expectation = `expected a JSON array of at most ${PATTERNS_MAX} ARN patterns such as "arn:aws:iam::*:role/Admin*"`;
  const raw = readJson(read, key, expectation);
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.length > PATTERNS_MAX)
    throw new ConfigError(key, raw, expectation);

  return raw.map((pattern: unknown, i) => {
    if (typeof pattern !== 'string' || !PRINCIPAL_ARN_PATTERN.test(pattern)) {
      throw new ConfigError(
        `${key}[${i}]`,
        pattern,
        'expected an IAM role or user ARN pattern: arn:PARTITION:iam::ACCOUNT:role/NAME, with * or ? as wildcards',
      );
    }
    return pattern;
  });
}

function readOrganizationId(read: ContextReader): string | undefined {
  const key = GUARDRAIL_KEYS.organizationId;
  const value = readString(read, key);
  if (value === undefined) return undefined;
  if (!ORGANIZATION_ID.test(value)) {
    throw new ConfigError(
      key,
      value,
      "expected an AWS Organizations ID: 'o-' and 10 to 32 lowercase letters or digits",
    );
  }
  return value;
}
