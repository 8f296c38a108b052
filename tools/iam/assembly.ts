/**
 * Reads the CloudFormation templates of a cloud assembly: a `cdk.out` directory written by
 * `cdk synth`, or one synthesized in-process from this app (see `synth.ts`).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** A CloudFormation template as JSON: only the parts this evaluation reads are typed. */
export interface CfnTemplate {
  readonly Resources?: Readonly<Record<string, CfnResource>>;
  readonly Outputs?: Readonly<Record<string, { readonly Value: unknown }>>;
}

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
}

export interface StackTemplate {
  readonly stackName: string;
  readonly template: CfnTemplate;
}

interface ManifestArtifact {
  readonly type: string;
  readonly displayName?: string;
  readonly properties?: { readonly templateFile?: string; readonly stackName?: string };
}

/** Thrown when a directory is not a cloud assembly, or holds no stack. */
export class AssemblyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AssemblyError';
  }
}

/** The stacks of the cloud assembly in `directory`, in manifest order. */
export function readAssembly(directory: string): StackTemplate[] {
  const manifestFile = path.join(directory, 'manifest.json');
  let manifest: { readonly artifacts?: Readonly<Record<string, ManifestArtifact>> };
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as typeof manifest;
  } catch (error) {
    throw new AssemblyError(
      `Cannot read ${manifestFile}: run 'npx cdk synth' first, or pass the directory of a cloud assembly.`,
      { cause: error },
    );
  }

  const stacks = Object.entries(manifest.artifacts ?? {})
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([id, artifact]) => {
      const templateFile = artifact.properties?.templateFile ?? `${id}.template.json`;
      const template = JSON.parse(
        readFileSync(path.join(directory, templateFile), 'utf8'),
      ) as CfnTemplate;
      return { stackName: artifact.properties?.stackName ?? id, template };
    });
  if (stacks.length === 0) {
    throw new AssemblyError(`The cloud assembly in ${directory} holds no CloudFormation stack.`);
  }
  return stacks;
}
