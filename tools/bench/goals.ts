/**
 * The goals the measured numbers must meet. Each is checked against the numbers of the same run;
 * a failed goal makes `npm run bench` exit non-zero.
 */
import { DEFAULT_FETCH_STRATEGY } from '../../lambda/batch-get-secrets/fetch-strategies';
import type { ApproachId, FetchResult } from './fetch-bench';

export interface Goal {
  readonly description: string;
  readonly pass: boolean;
  /** The measured numbers behind the verdict. */
  readonly detail: string;
}

const DEFAULT: ApproachId = `handler:${DEFAULT_FETCH_STRATEGY}`;

/** Most calls any run of an approach made (calls do not vary between runs unless something broke). */
function maxCalls(result: FetchResult): number {
  return Math.max(...result.samples.map((s) => s.apiCalls));
}

function maxRoundTrips(result: FetchResult): number {
  return Math.max(...result.samples.map((s) => s.roundTrips));
}

function find(results: readonly FetchResult[], n: number, approach: ApproachId): FetchResult {
  const found = results.find((r) => r.n === n && r.approach === approach);
  if (found === undefined) {
    throw new Error(`No measurement of ${approach} at N=${n}`);
  }
  return found;
}

function sizes(results: readonly FetchResult[], approach: ApproachId): number[] {
  return results.filter((r) => r.approach === approach).map((r) => r.n);
}

export function checkGoals(results: readonly FetchResult[]): Goal[] {
  const goals: Goal[] = [];

  for (const n of sizes(results, 'handler:filter-pages')) {
    const floor = Math.ceil(n / 20);
    const calls = maxCalls(find(results, n, 'handler:filter-pages'));
    goals.push({
      description: `N=${n}: batch with filters makes its floor of ceil(N/20) = ${floor} calls`,
      pass: calls === floor,
      detail: `${calls} calls`,
    });
  }

  for (const n of sizes(results, 'handler:warm')) {
    const calls = maxCalls(find(results, n, 'handler:warm'));
    goals.push({
      description: `N=${n}: a warm invocation (cache hit) makes zero calls`,
      pass: calls === 0,
      detail: `${calls} calls`,
    });
  }

  const loop = find(results, 100, 'loop');
  for (const approach of ['handler:filter-pages', DEFAULT] as const) {
    const batch = find(results, 100, approach);
    goals.push({
      description: `N=100: ${approach} makes at most 1/15 of the loop's calls`,
      pass: maxCalls(batch) * 15 <= maxCalls(loop),
      detail: `${maxCalls(batch)} vs ${maxCalls(loop)} calls`,
    });
    goals.push({
      description: `N=100: ${approach} takes less wall time than the loop (medians)`,
      pass: batch.medianMs < loop.medianMs,
      detail: `${batch.medianMs.toFixed(1)} ms vs ${loop.medianMs.toFixed(1)} ms`,
    });
  }

  for (const n of sizes(results, DEFAULT)) {
    const floor = Math.ceil(n / 20);
    const allowed = n <= 20 ? floor : floor + Math.ceil(n / 100);
    const calls = maxCalls(find(results, n, DEFAULT));
    goals.push({
      description: `N=${n}: ${DEFAULT} stays near the floor: at most ${allowed} calls (floor ${floor})`,
      pass: calls <= allowed,
      detail: `${calls} calls`,
    });
    const filterPages = maxRoundTrips(find(results, n, 'handler:filter-pages'));
    const chosen = maxRoundTrips(find(results, n, DEFAULT));
    goals.push({
      description: `N=${n}: ${DEFAULT} needs no more round trips than batch with filters`,
      pass: chosen <= filterPages,
      detail: `${chosen} vs ${filterPages} round trips`,
    });
  }

  const chosen = find(results, 100, DEFAULT);
  for (const other of ['handler:filter-pages', 'parallel-get'] as const) {
    const compared = find(results, 100, other);
    goals.push({
      description: `N=100: ${DEFAULT} is faster than ${other} (medians), as the choice assumes`,
      pass: chosen.medianMs < compared.medianMs,
      detail: `${chosen.medianMs.toFixed(1)} ms vs ${compared.medianMs.toFixed(1)} ms`,
    });
  }

  return goals;
}
