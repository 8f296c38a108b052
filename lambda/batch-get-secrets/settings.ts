/**
 * The function's settings, read from its environment once per execution environment.
 *
 * A bad value does not stop the function: it falls back to the default and says so in a
 * `problem`, which the entry point logs as a warning. The construct validates the same rules at
 * synth time, so a deployed function only meets a bad value when someone edits it by hand.
 */
import { DEFAULT_CACHE_TTL_SECONDS, MAX_CACHE_TTL_SECONDS } from './cache';

/** Seconds a fetched result is reused; `0` turns the cache off. */
export const CACHE_TTL_VARIABLE = 'CACHE_TTL_SECONDS';

export interface Settings {
  readonly cacheTtlSeconds: number;
}

/** A setting that was ignored: the variable's name and why, never its value. */
export interface SettingProblem {
  readonly variable: string;
  readonly reason: string;
}

export interface ReadSettings {
  readonly settings: Settings;
  readonly problems: readonly SettingProblem[];
}

const WHOLE_SECONDS = /^\d{1,6}$/;

export function readSettings(
  environment: Readonly<Record<string, string | undefined>>,
): ReadSettings {
  const raw = environment[CACHE_TTL_VARIABLE];
  if (raw === undefined || raw === '') {
    return { settings: { cacheTtlSeconds: DEFAULT_CACHE_TTL_SECONDS }, problems: [] };
  }

  const seconds = WHOLE_SECONDS.test(raw) ? Number(raw) : Number.NaN;
  if (seconds <= MAX_CACHE_TTL_SECONDS) {
    return { settings: { cacheTtlSeconds: seconds }, problems: [] };
  }

  return {
    settings: { cacheTtlSeconds: DEFAULT_CACHE_TTL_SECONDS },
    problems: [
      {
        variable: CACHE_TTL_VARIABLE,
        reason:
          `must be a whole number of seconds from 0 to ${MAX_CACHE_TTL_SECONDS}; ` +
          `using ${DEFAULT_CACHE_TTL_SECONDS}`,
      },
    ],
  };
}
