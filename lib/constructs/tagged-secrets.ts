import { RemovalPolicy, Tags, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { SecretSpec } from '../config';

export interface TaggedSecretsProps {
  /** The secrets to create, each with its tags. */
  readonly secrets: readonly SecretSpec[];

  /**
   * Prepended to every secret name, so that a second copy of the stack can deploy beside the first.
   * @default '' (the walkthrough's names)
   */
  readonly namePrefix?: string;

  /**
   * What happens to the secrets when they leave the stack.
   * @default RemovalPolicy.DESTROY (demo credentials; a real application would retain them)
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The walkthrough's secrets: each holds `{"user":"username","password":"..."}` where Secrets
 * Manager generates the password at deploy time, so no value appears in code or in the template.
 */
export class TaggedSecrets extends Construct {
  /** The secrets, keyed by their configured name (without the prefix). */
  public readonly secrets: ReadonlyMap<string, secretsmanager.Secret>;

  constructor(scope: Construct, id: string, props: TaggedSecretsProps) {
    super(scope, id);

    if (props.secrets.length === 0) {
      throw new Error(`TaggedSecrets '${id}': 'secrets' is empty; configure at least one secret.`);
    }

    const namePrefix = props.namePrefix ?? '';
    const secrets = new Map<string, secretsmanager.Secret>();
    for (const spec of props.secrets) {
      // The construct ID is the configured name: logical IDs stay stable when the list is reordered.
      const secret = new secretsmanager.Secret(this, spec.name, {
        secretName: `${namePrefix}${spec.name}`,
        description: spec.description,
        generateSecretString: {
          secretStringTemplate: JSON.stringify({ user: 'username' }),
          generateStringKey: 'password',
          passwordLength: 32,
          excludePunctuation: true,
        },
        removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
      });
      for (const [key, value] of Object.entries(spec.tags)) {
        Tags.of(secret).add(key, value);
      }
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'The secrets stand for credentials of third-party resources outside this stack; rotating ' +
          'them needs a rotation function written for each resource, which the walkthrough has not.',
      });
      secrets.set(spec.name, secret);
    }
    this.secrets = secrets;
  }
}
