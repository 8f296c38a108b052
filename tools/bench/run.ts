/**
 * `npm run bench`: measures the handler's fetch strategies against the alternatives, its bundle
 * and cold initialisation, and `cdk synth`, side by side in one run; prints the tables and the
 * goals, writes docs/benchmark.md, and exits non-zero when a goal fails.
 *
 * Options: `--quick` runs fewer repeats and skips synth, for a fast look (the file is not written).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import * as prettier from 'prettier';

import { measureBundles } from './bundle-bench';
import { measureFetch, type ApproachId, type FetchResult } from './fetch-bench';
import { checkGoals } from './goals';
import { goalLines, renderMarkdown } from './report';
import { describeMachine } from './stats';
import { measureSynth, type SynthResult } from './synth-bench';

const OUTPUT = join(__dirname, '..', '..', 'docs', 'benchmark.md');

const LATENCY_MS = 30;
const MAIN_SIZES = [5, 20, 100];
const SWEEP_SIZES = [40, 60, 80, 200];

const MAIN_APPROACHES: ApproachId[] = [
  'loop',
  'parallel-get',
  'handler:filter-pages',
  'handler:list-then-batch',
  'handler:adaptive',
  'handler:warm',
];
const SWEEP_APPROACHES: ApproachId[] = [
  'parallel-get',
  'handler:filter-pages',
  'handler:list-then-batch',
  'handler:adaptive',
];

function log(message: string): void {
  console.error(`[bench] ${message}`);
}

async function main(): Promise<number> {
  const quick = process.argv.includes('--quick');
  const repeats = quick ? { fetch: 2, bundle: 3, synth: 0 } : { fetch: 5, bundle: 15, synth: 3 };
  const started = performance.now();
  const machine = describeMachine();
  log(`${machine.cpu}, ${machine.cores} cores, ${machine.memory}, Node.js ${machine.node}`);

  const fetch: FetchResult[] = [];
  for (const n of [...MAIN_SIZES, ...SWEEP_SIZES].sort((a, b) => a - b)) {
    const approaches = MAIN_SIZES.includes(n) ? MAIN_APPROACHES : SWEEP_APPROACHES;
    log(`fetch, N=${n}: ${approaches.join(', ')}`);
    fetch.push(
      ...(await measureFetch(n, approaches, { latencyMs: LATENCY_MS, repeats: repeats.fetch })),
    );
  }

  log('bundle: building both variants and starting each in fresh processes');
  const bundles = await measureBundles(repeats.bundle);

  let synth: SynthResult[] = [];
  let bundleMatchesAsset: boolean | undefined;
  if (repeats.synth > 0) {
    log('cdk synth: minimal app, this app, this app with 200 secrets');
    const bundled = bundles.find((b) => b.variant === 'bundled');
    synth = await measureSynth(repeats.synth, (asset) => {
      if (asset !== undefined && bundled !== undefined) {
        bundleMatchesAsset = readFileSync(asset).equals(readFileSync(bundled.file));
      }
    });
  }

  const goals = checkGoals(fetch);
  const markdown = renderMarkdown({
    machine,
    latencyMs: LATENCY_MS,
    repeats,
    mainSizes: MAIN_SIZES,
    fetch,
    bundles,
    bundleMatchesAsset,
    synth,
    goals,
    totalSeconds: (performance.now() - started) / 1000,
  });

  // Formatted as `prettier --check .` expects, so the committed file stays clean.
  const config = (await prettier.resolveConfig(OUTPUT)) ?? {};
  const formatted = await prettier.format(markdown, { ...config, parser: 'markdown' });
  console.log(formatted);
  if (quick) {
    log('--quick: docs/benchmark.md not written');
  } else {
    writeFileSync(OUTPUT, formatted);
    log(`wrote ${OUTPUT}`);
  }

  const failed = goals.filter((goal) => !goal.pass);
  log(`goals: ${goals.length - failed.length} PASS, ${failed.length} FAIL`);
  for (const line of goalLines(failed)) {
    log(line);
  }
  if (bundleMatchesAsset === false) {
    log('FAIL  the bundle measured here differs from the asset cdk synth produced');
    return 1;
  }
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
