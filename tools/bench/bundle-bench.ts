/**
 * The handler's bundle, built the way the construct builds it (minified ESM for node24, module
 * fields first, the createRequire banner), in two variants:
 * - `bundled`: the AWS SDK inside the bundle, at the version this project pins and tests;
 * - `external`: `@aws-sdk/*` and `@smithy/*` left out, to be taken from the Lambda runtime (here,
 *   from this project's node_modules, so the same SDK version: Lambda's differs).
 *
 * Initialisation is the time to import the bundle in a fresh Node.js process; the first invocation
 * then runs against the stand-in (no latency) through the module-scope client, configured from the
 * environment as on Lambda.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

import * as esbuild from 'esbuild';

import { startStandIn } from '../stand-in/secrets-manager-server';
import { median } from './stats';

const run = promisify(execFile);

const ROOT = join(__dirname, '..', '..');
const ENTRY = join(ROOT, 'lambda', 'batch-get-secrets', 'index.ts');
/** Under node_modules so that the external variant resolves the SDK as Node would. */
const OUT_DIR = join(ROOT, 'node_modules', '.cache', 'abac-bench', 'bundles');

/** Kept identical to the `bundling` options of lib/constructs/batch-secrets-function.ts. */
const CONSTRUCT_OPTIONS: esbuild.BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  sourcemap: false,
  mainFields: ['module', 'main'],
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
};

export type BundleVariant = 'bundled' | 'external';

export interface BundleResult {
  readonly variant: BundleVariant;
  /** The bundle measured, under node_modules/.cache. */
  readonly file: string;
  readonly bytes: number;
  /** Size after gzip, a stand-in for the zipped size Lambda downloads. */
  readonly gzipBytes: number;
  readonly importMs: readonly number[];
  readonly firstInvokeMs: readonly number[];
  readonly medianImportMs: number;
  readonly medianFirstInvokeMs: number;
}

async function build(variant: BundleVariant): Promise<{ file: string; bytes: number }> {
  const file = join(OUT_DIR, variant, 'index.mjs');
  mkdirSync(join(OUT_DIR, variant), { recursive: true });
  const result = await esbuild.build({
    ...CONSTRUCT_OPTIONS,
    entryPoints: [ENTRY],
    outfile: file,
    external: variant === 'external' ? ['@aws-sdk/*', '@smithy/*'] : [],
    metafile: true,
  });
  const output = Object.values(result.metafile.outputs)[0];
  return { file, bytes: output?.bytes ?? Number.NaN };
}

/** Runs in the fresh process: import, then one invocation; prints one line for the parent. */
const CHILD = `
const started = performance.now();
const { handler } = await import(process.env.BENCH_BUNDLE);
const imported = performance.now();
const result = await handler({ TagKey: 'app', TagValue: 'app1' }, { awsRequestId: 'bench' });
const invoked = performance.now();
console.log('BENCH ' + JSON.stringify({
  importMs: imported - started, firstInvokeMs: invoked - imported, statusCode: result.statusCode,
}));
`;

interface ChildTimes {
  readonly importMs: number;
  readonly firstInvokeMs: number;
  readonly statusCode: number;
}

async function coldStart(file: string, endpoint: string): Promise<ChildTimes> {
  const { stdout } = await run(
    process.execPath,
    ['--no-warnings', '--input-type=module', '-e', CHILD],
    {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        BENCH_BUNDLE: file,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIASTANDIN000000000',
        AWS_SECRET_ACCESS_KEY: 'stand-in-not-a-secret',
        AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
      },
    },
  );
  const line = stdout.split('\n').find((text) => text.startsWith('BENCH '));
  if (line === undefined) {
    throw new Error(`The cold-start process printed no result:\n${stdout}`);
  }
  const times = JSON.parse(line.slice('BENCH '.length)) as ChildTimes;
  if (times.statusCode !== 200) {
    throw new Error(`The cold-start invocation answered ${times.statusCode}`);
  }
  return times;
}

/** Builds both variants and starts each `repeats` times in fresh processes, alternating. */
export async function measureBundles(repeats: number): Promise<BundleResult[]> {
  const variants: BundleVariant[] = ['bundled', 'external'];
  const built = new Map<BundleVariant, { file: string; bytes: number }>();
  for (const variant of variants) {
    built.set(variant, await build(variant));
  }

  const standIn = await startStandIn({
    secrets: [
      {
        name: 'bench-app1-db',
        secretString: JSON.stringify({ user: 'u', password: 'p' }),
        tags: { app: 'app1' },
      },
    ],
  });
  const times = new Map<BundleVariant, ChildTimes[]>(variants.map((v) => [v, []]));
  try {
    for (let repeat = -1; repeat < repeats; repeat += 1) {
      for (const variant of variants) {
        const measured = await coldStart(built.get(variant)?.file ?? '', standIn.endpoint);
        if (repeat >= 0) {
          times.get(variant)?.push(measured);
        }
      }
    }
  } finally {
    await standIn.stop();
  }

  return variants.map((variant) => {
    const taken = times.get(variant) ?? [];
    const importMs = taken.map((t) => t.importMs);
    const firstInvokeMs = taken.map((t) => t.firstInvokeMs);
    return {
      variant,
      file: built.get(variant)?.file ?? '',
      bytes: built.get(variant)?.bytes ?? Number.NaN,
      gzipBytes: gzipSync(readFileSync(built.get(variant)?.file ?? '')).length,
      importMs,
      firstInvokeMs,
      medianImportMs: median(importMs),
      medianFirstInvokeMs: median(firstInvokeMs),
    };
  });
}
