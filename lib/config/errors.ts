/** Thrown when a context value is invalid; the message names the key and the value received. */
export class ConfigError extends Error {
  constructor(key: string, received: unknown, expectation: string) {
    super(`Invalid context value '${key}': received ${show(received)}; ${expectation}.`);
    this.name = 'ConfigError';
  }
}

/** Reads one context value; `undefined` when the key is not set. */
export type ContextReader = (key: string) => unknown;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a string key, or `fallback` when it is not set. */
export function readString(read: ContextReader, key: string, fallback: string): string;
export function readString(read: ContextReader, key: string): string | undefined;
export function readString(
  read: ContextReader,
  key: string,
  fallback?: string,
): string | undefined {
  const value = read(key);
  if (value === undefined) return fallback;
  if (typeof value !== 'string') throw new ConfigError(key, value, 'expected a string');
  return value;
}

/**
 * Reads a key holding JSON data. `cdk.json` gives it parsed; `-c key='[...]'` gives it as a
 * string, which is parsed here.
 */
export function readJson(read: ContextReader, key: string, expectation: string): unknown {
  const value = read(key);
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new ConfigError(key, value, expectation);
  }
}

function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
