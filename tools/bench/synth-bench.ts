/**
 * `cdk synth` wall time, each scenario run by the project's cdk CLI with `--app "npx tsx <file>"`
 * into a fresh temporary directory (so nothing is reused between runs and cdk.out is untouched):
 * a one-bucket app, this app as configured, and this app with 200 configured secrets.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { median } from './stats';

const run = promisify(execFile);

const ROOT = join(__dirname, '..', '..');
const CDK = join(ROOT, 'node_modules', '.bin', 'cdk');

export type SynthScenario = 'minimal' | 'app' | 'app-200-secrets';

export interface SynthResult {
  readonly scenario: SynthScenario;
  readonly label: string;
  readonly wallMs: readonly number[];
  readonly medianMs: number;
}

/** 200 secrets for the `abac:secrets` context key, half of them for app1. */
export function manySecrets(count: number): string {
  return JSON.stringify(
    Array.from({ length: count }, (_, i) => ({
      name: `BenchSecret${i + 1}`,
      description: `Benchmark secret ${i + 1}.`,
      tags: { app: i % 2 === 0 ? 'app1' : 'app2', environment: 'production' },
    })),
  );
}

const SCENARIOS: Readonly<Record<SynthScenario, { label: string; args: readonly string[] }>> = {
  minimal: {
    label: 'minimal app (one S3 bucket)',
    args: ['--app', 'npx tsx tools/bench/minimal-app.ts'],
  },
  app: {
    label: 'this app (cdk.json context)',
    args: ['--app', 'npx tsx bin/app.ts'],
  },
  'app-200-secrets': {
    label: 'this app with 200 secrets',
    args: ['--app', 'npx tsx bin/app.ts', '-c', `abac:secrets=${manySecrets(200)}`],
  },
};

/** Runs one synth; returns its wall time and the output directory (the caller removes it). */
async function synthOnce(scenario: SynthScenario): Promise<{ wallMs: number; outDir: string }> {
  const outDir = mkdtempSync(join(tmpdir(), `abac-bench-${scenario}-`));
  const args = [
    'synth',
    ...SCENARIOS[scenario].args,
    '--output',
    outDir,
    '--quiet',
    '--no-notices',
    '--no-version-reporting',
  ];
  const started = performance.now();
  await run(CDK, args, {
    cwd: ROOT,
    env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return { wallMs: performance.now() - started, outDir };
}

/** The handler bundle `cdk synth` produced, found in the assembly's asset directories. */
function findHandlerAsset(outDir: string): string | undefined {
  for (const entry of readdirSync(outDir)) {
    if (entry.startsWith('asset.') && readdirSync(join(outDir, entry)).includes('index.mjs')) {
      return join(outDir, entry, 'index.mjs');
    }
  }
  return undefined;
}

/**
 * Runs every scenario `repeats` times, in turn, after one discarded warm-up of each. Calls
 * `inspectAsset` with the handler bundle of one synth of this app, before it is deleted.
 */
export async function measureSynth(
  repeats: number,
  inspectAsset: (file: string | undefined) => void,
): Promise<SynthResult[]> {
  const scenarios: SynthScenario[] = ['minimal', 'app', 'app-200-secrets'];
  const times = new Map<SynthScenario, number[]>(scenarios.map((s) => [s, []]));

  for (let repeat = -1; repeat < repeats; repeat += 1) {
    for (const scenario of scenarios) {
      const { wallMs, outDir } = await synthOnce(scenario);
      if (repeat === -1 && scenario === 'app') {
        inspectAsset(findHandlerAsset(outDir));
      }
      rmSync(outDir, { recursive: true, force: true });
      if (repeat >= 0) {
        times.get(scenario)?.push(wallMs);
      }
    }
  }

  return scenarios.map((scenario) => {
    const wallMs = times.get(scenario) ?? [];
    return { scenario, label: SCENARIOS[scenario].label, wallMs, medianMs: median(wallMs) };
  });
}
