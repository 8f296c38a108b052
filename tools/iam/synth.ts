/**
 * Synthesizes this app in-process, as `cdk synth` would with the same context, and returns the
 * templates of the resulting cloud assembly. The evaluation reads only those templates, never the
 * constructs, so it sees what CloudFormation would receive.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { App } from 'aws-cdk-lib';

import { addAbacSecretsStack } from '../../lib/app';
import type { CfnTemplate, StackTemplate } from './assembly';

export const PROJECT_ROOT = path.join(__dirname, '..', '..');

export interface SynthOptions {
  /**
   * Context values, as `-c key=value` would give them; they override the context of `cdk.json`.
   * @default {}
   */
  readonly context?: Readonly<Record<string, unknown>>;
  /**
   * Whether to start from the context in `cdk.json`, as the CDK CLI does.
   * @default true
   */
  readonly useCdkJson?: boolean;
}

/** The `context` of the project's `cdk.json`. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/** The context a synth with these options runs with. */
export function synthContext(options: SynthOptions = {}): Record<string, unknown> {
  return {
    ...(options.useCdkJson === false ? {} : cdkJsonContext()),
    ...options.context,
    // Neither changes a template: the Lambda bundle (skipping it saves esbuild's time), and where
    // warnings go (the assembly's metadata, instead of a report printed on every synth).
    'aws:cdk:bundling-stacks': [],
    '@aws-cdk/core:annotationsInValidationReport': false,
  };
}

/** Builds the app the way `bin/app.ts` does and returns the templates it synthesizes. */
export function synthTemplates(options: SynthOptions = {}): StackTemplate[] {
  const outdir = mkdtempSync(path.join(tmpdir(), 'abac-iam-'));
  try {
    const app = new App({ context: synthContext(options), outdir });
    addAbacSecretsStack(app);

    const assembly = app.synth();
    return assembly.stacks.map((stack) => ({
      stackName: stack.stackName,
      template: stack.template as CfnTemplate,
    }));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
