/** Renders the benchmark's measurements as Markdown. */
import { DEFAULT_FETCH_STRATEGY } from '../../lambda/batch-get-secrets/fetch-strategies';
import type { BundleResult } from './bundle-bench';
import { APPROACHES, type ApproachId, type FetchResult } from './fetch-bench';
import type { Goal } from './goals';
import type { SynthResult } from './synth-bench';
import { bytes, ms, ratio, sameOrRange, table, type Machine } from './stats';

export interface Measurements {
  readonly machine: Machine;
  readonly latencyMs: number;
  readonly repeats: { readonly fetch: number; readonly bundle: number; readonly synth: number };
  readonly mainSizes: readonly number[];
  readonly fetch: readonly FetchResult[];
  readonly bundles: readonly BundleResult[];
  /** Whether the `bundled` build is byte-identical to the asset `cdk synth` produced. */
  readonly bundleMatchesAsset: boolean | undefined;
  readonly synth: readonly SynthResult[];
  readonly goals: readonly Goal[];
  readonly totalSeconds: number;
}

function find(results: readonly FetchResult[], n: number, approach: ApproachId) {
  return results.find((r) => r.n === n && r.approach === approach);
}

function fetchTable(m: Measurements): string {
  const rows: string[][] = [];
  for (const n of m.mainSizes) {
    const loop = find(m.fetch, n, 'loop');
    const parallel = find(m.fetch, n, 'parallel-get');
    for (const result of m.fetch.filter((r) => r.n === n)) {
      rows.push([
        String(n),
        APPROACHES[result.approach].label,
        sameOrRange(result.samples.map((s) => s.apiCalls)),
        sameOrRange(result.samples.map((s) => s.roundTrips)),
        ms(result.medianMs),
        loop ? ratio(result.medianMs, loop.medianMs) : '',
        parallel ? ratio(result.medianMs, parallel.medianMs) : '',
        loop ? ratio(result.samples[0]?.apiCalls ?? 0, loop.samples[0]?.apiCalls ?? 1) : '',
      ]);
    }
  }
  return table(
    [
      'N',
      'approach',
      'API calls',
      'round trips',
      'wall, median (ms)',
      'time vs loop',
      'time vs parallel Get',
      'calls vs loop',
    ],
    rows,
  );
}

function sweepTable(m: Measurements): string {
  const strategies: ApproachId[] = [
    'handler:filter-pages',
    'handler:list-then-batch',
    'handler:adaptive',
    'parallel-get',
  ];
  const sizes = [...new Set(m.fetch.map((r) => r.n))].sort((a, b) => a - b);
  const rows = sizes.map((n) => {
    const base = find(m.fetch, n, 'handler:filter-pages');
    return [
      String(n),
      String(Math.ceil(n / 20)),
      ...strategies.map((id) => {
        const r = find(m.fetch, n, id);
        if (r === undefined) {
          return '';
        }
        const calls = sameOrRange(r.samples.map((s) => s.apiCalls));
        const trips = sameOrRange(r.samples.map((s) => s.roundTrips));
        const vs = base ? ` (${ratio(r.medianMs, base.medianMs)})` : '';
        return `${calls} / ${trips} / ${ms(r.medianMs)}${vs}`;
      }),
    ];
  });
  return table(
    ['N', 'floor', ...strategies.map((id) => APPROACHES[id].label)],
    rows.map((row) => row),
  );
}

function bundleTable(m: Measurements): string {
  const external = m.bundles.find((b) => b.variant === 'external');
  const rows = m.bundles.map((b) => [
    b.variant === 'bundled'
      ? 'SDK bundled (pinned, tree-shaken)'
      : 'SDK external (`@aws-sdk/*`, `@smithy/*`)',
    bytes(b.bytes),
    bytes(b.gzipBytes),
    external ? ratio(b.bytes, external.bytes) : '',
    ms(b.medianImportMs),
    external ? ratio(b.medianImportMs, external.medianImportMs) : '',
    ms(b.medianFirstInvokeMs),
    ms(b.medianImportMs + b.medianFirstInvokeMs),
  ]);
  return table(
    [
      'variant',
      'bundle size',
      'gzipped',
      'size vs external',
      'import, median (ms)',
      'import vs external',
      'first invocation, median (ms)',
      'import + first invocation (ms)',
    ],
    rows,
  );
}

function synthTable(m: Measurements): string {
  const minimal = m.synth.find((s) => s.scenario === 'minimal');
  const app = m.synth.find((s) => s.scenario === 'app');
  const rows = m.synth.map((s) => [
    s.label,
    ms(s.medianMs),
    minimal ? ratio(s.medianMs, minimal.medianMs) : '',
    app ? ratio(s.medianMs, app.medianMs) : '',
    s.wallMs.map((t) => ms(t)).join(', '),
  ]);
  return table(['scenario', 'wall, median (ms)', 'vs minimal', 'vs this app', 'runs (ms)'], rows);
}

export function goalLines(goals: readonly Goal[]): string[] {
  return goals.map((g) => `${g.pass ? 'PASS' : 'FAIL'}  ${g.description} — ${g.detail}`);
}

export function renderMarkdown(m: Measurements): string {
  const { machine } = m;
  const matches =
    m.bundleMatchesAsset === undefined
      ? 'Whether the bundled build matches the asset `cdk synth` produces was not checked (no synth ran).'
      : m.bundleMatchesAsset
        ? 'The bundled build is byte-identical to the asset `cdk synth` produced in this run.'
        : 'The bundled build is NOT identical to the asset `cdk synth` produced: the options here have drifted from the construct.';
  return `# Benchmark

Written by \`npm run bench\` (tools/bench/run.ts); do not edit by hand.
Every ratio compares numbers measured in this same run.

## Machine

| | |
| --- | --- |
| CPU | ${machine.cpu} |
| cores | ${machine.cores} |
| memory | ${machine.memory} |
| OS | ${machine.os} |
| Node.js | ${machine.node} |
| date | ${machine.date} |
| bench runtime | ${m.totalSeconds.toFixed(0)} s |

## Fetching N matching secrets

Every approach runs through the real SDK client, with the handler's client settings (standard retries, timeouts, keep-alive, 50 sockets), against the local stand-in (tools/stand-in/secrets-manager-server.ts) on 127.0.0.1.
The stand-in waits **${m.latencyMs} ms** before answering each call, and also holds 25 secrets of another app, which the filters leave out.
API calls and round trips are counted by the stand-in; a round trip is one step of the longest chain of calls each sent after the previous one was answered.
Wall time is the median of ${m.repeats.fetch} runs after a discarded warm-up.
Each handler run has its cache off, except the warm row: the second invocation of a handler whose cache holds the result.
The default strategy is \`${DEFAULT_FETCH_STRATEGY}\`.

${fetchTable(m)}

### Strategies by size: API calls / round trips / wall median ms (time vs filter pages)

${sweepTable(m)}

What this models and what it does not: one fixed latency per call, whatever the call does.
On AWS, a BatchGetSecretValue of 20 secrets probably takes longer than a GetSecretValue or a ListSecrets page, and throttling (100 requests per second for BatchGetSecretValue and for ListSecrets) is not modelled.
Read the calls and round trips as the robust result, the milliseconds as an illustration.

## Bundle and cold initialisation

The handler bundled as the construct bundles it (minified ESM, node24 target), with the SDK inside or left to the runtime.
${matches}
Import is timed inside a fresh \`node\` process of this machine's Node.js, not Lambda's nodejs24.x (median of ${m.repeats.bundle}, after a discarded warm-up).
The first invocation then calls the stand-in (no added latency) through the module-scope client.
The external variant resolves the SDK from this project's node_modules, the same version (3.1178); on Lambda it would load the runtime's own SDK, of a different version, from a different disk.

${bundleTable(m)}

## \`cdk synth\`

Each scenario runs \`cdk synth --app "npx tsx <app>" --quiet\` with the project's cdk CLI into a fresh temporary directory, so esbuild bundles the handler every time.
Wall time is the median of ${m.repeats.synth} runs after a discarded warm-up.
The 200 secrets come in through \`-c abac:secrets=[...]\`.

${synthTable(m)}

## Goals

\`\`\`
${goalLines(m.goals).join('\n')}
\`\`\`
`;
}
