/**
 * A tiny structured logger: one JSON line per call, written to stdout for CloudWatch Logs.
 *
 * The fields are a closed list on purpose. There is no place for an event, a secret value or an
 * arbitrary object, so none can be logged by accident.
 */
import type { TagFilter } from './event';
import type { CacheStatus } from './fetch';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Counts worth logging; every one is optional. */
export interface LogCounts {
  readonly matched?: number;
  readonly retrieved?: number;
  readonly failed?: number;
  readonly denied?: number;
  readonly apiCalls?: number;
}

/** The only fields a log line can carry besides level, message and timestamp. */
export interface LogFields {
  readonly requestId?: string;
  readonly filter?: TagFilter;
  /** For an invalid event: the field at fault and why, never the value received. */
  readonly field?: string;
  readonly reason?: string;
  readonly counts?: LogCounts;
  readonly secretNames?: readonly string[];
  readonly failed?: readonly { readonly secretId: string; readonly errorCode: string }[];
  readonly errorName?: string;
  readonly statusCode?: number;
  readonly cache?: CacheStatus;
}

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger adding `fields` to every line, e.g. the request id. */
  child(fields: LogFields): Logger;
}

/** Where finished lines go; tests pass an array's push to capture them. */
export type LogSink = (line: string) => void;

/**
 * Copies only the known fields. Types alone cannot stop a wider object (an event, a fetched
 * secret) from being passed through a variable, so the copy is made field by field.
 */
export function pickLogFields(fields: LogFields): LogFields {
  const {
    requestId,
    filter,
    field,
    reason,
    counts,
    secretNames,
    failed,
    errorName,
    statusCode,
    cache,
  } = fields;
  return {
    requestId,
    filter: filter && { tagKey: filter.tagKey, tagValue: filter.tagValue },
    field,
    reason,
    counts: counts && {
      matched: counts.matched,
      retrieved: counts.retrieved,
      failed: counts.failed,
      denied: counts.denied,
      apiCalls: counts.apiCalls,
    },
    secretNames: secretNames?.map(String),
    failed: failed?.map(({ secretId, errorCode }) => ({ secretId, errorCode })),
    errorName,
    statusCode,
    cache,
  };
}

/** One log line: level, message and timestamp first, then the known fields that are set. */
export function formatLogLine(
  level: LogLevel,
  message: string,
  fields: LogFields,
  now: Date = new Date(),
): string {
  // JSON.stringify leaves out undefined properties, so unset fields do not appear.
  return JSON.stringify({ level, message, timestamp: now.toISOString(), ...pickLogFields(fields) });
}

const stdoutSink: LogSink = (line) => {
  // Lambda sends stdout to CloudWatch Logs; one JSON object per line keeps it queryable.
  console.log(line);
};

/**
 * Creates a logger writing to `sink`.
 *
 * @param base fields added to every line
 * @param sink where lines are written; defaults to stdout
 */
export function createLogger(base: LogFields = {}, sink: LogSink = stdoutSink): Logger {
  const write = (level: LogLevel, message: string, fields: LogFields = {}): void => {
    sink(formatLogLine(level, message, { ...base, ...fields }));
  };

  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (fields) => createLogger({ ...base, ...fields }, sink),
  };
}
