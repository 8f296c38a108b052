import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { AbacSecretsStack } from '../../lib/abac-secrets-stack';
import { addAbacSecretsStack } from '../../lib/app';
import type { AppConfig } from '../../lib/config';

export interface SynthOptions {
  /** Context values, as `cdk.json` or `-c` would give them. */
  readonly context?: Record<string, unknown>;
}

export interface Synthesized {
  readonly app: App;
  readonly stack: AbacSecretsStack;
  readonly config: AppConfig;
  readonly template: Template;
}

/**
 * Builds the stack the way `bin/app.ts` does, bundling the handler with esbuild as `cdk synth`
 * does, so that assertions and snapshots see what a deploy would receive.
 */
export function synthStack(options: SynthOptions = {}): Synthesized {
  const app = new App({ context: options.context ?? {} });
  const stack = addAbacSecretsStack(app);
  return { app, stack, config: stack.config, template: Template.fromStack(stack) };
}

const ASSET_HASH = /[0-9a-f]{64}/g;

/**
 * The template with what changes on every edit of the handler (asset hashes) masked, so the
 * snapshot flags changes to the infrastructure and not to the bundled code.
 */
export function normalisedTemplate(template: Template): unknown {
  return JSON.parse(
    JSON.stringify(template.toJSON()).replace(ASSET_HASH, '<asset-hash>'),
  ) as unknown;
}
