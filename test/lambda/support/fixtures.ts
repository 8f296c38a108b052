/**
 * Test data for the batch-get-secrets handler. Every secret value is an obviously fake
 * `fake-<uuid>` string made fresh per call, so a leak check can search for it anywhere.
 */
import { randomUUID } from 'node:crypto';

import type { APIErrorType, SecretValueEntry } from '@aws-sdk/client-secrets-manager';

import type { TagFilter } from '../../../lambda/batch-get-secrets/event';
import { createLogger, type Logger } from '../../../lambda/batch-get-secrets/log';

export const REQUEST_ID = 'test-request-id';

/** The AWS blog's first test event and the filter it stands for. */
export const APP1_EVENT = { TagKey: 'app', TagValue: 'app1' };
export const APP1: TagFilter = { tagKey: 'app', tagValue: 'app1' };

/** The AWS blog's second test event. */
export const PRODUCTION_EVENT = { TagKey: 'environment', TagValue: 'production' };

/** A value nobody could mistake for a real credential. */
export function fakeValue(): string {
  return `fake-${randomUUID()}`;
}

export function arnOf(name: string): string {
  return `arn:aws:secretsmanager:us-east-1:111122223333:secret:${name}-AbCdEf`;
}

/** A well-formed credentials secret: JSON with string `user` and `password`. */
export function credentialsSecret(name: string): SecretValueEntry {
  const secretString = JSON.stringify({ user: fakeValue(), password: fakeValue() });
  return { Name: name, ARN: arnOf(name), SecretString: secretString, VersionId: randomUUID() };
}

/** A secret whose SecretString is the given text (for malformed values). */
export function stringSecret(name: string, secretString: string): SecretValueEntry {
  return { Name: name, ARN: arnOf(name), SecretString: secretString };
}

/** A secret holding only SecretBinary, itself a fake value. */
export function binaryOnlySecret(name: string): SecretValueEntry {
  return { Name: name, ARN: arnOf(name), SecretBinary: new TextEncoder().encode(fakeValue()) };
}

/** A per-secret error as BatchGetSecretValue reports it in `Errors`. */
export function secretError(name: string, errorCode = 'AccessDeniedException'): APIErrorType {
  return {
    SecretId: arnOf(name),
    ErrorCode: errorCode,
    Message: `User is not authorized to perform: secretsmanager:GetSecretValue on ${name}`,
  };
}

const FAKE_VALUE_PATTERN = /fake-([0-9a-f]{8})-[0-9a-f-]{27}/g;

/**
 * Strings that must never appear in output: each whole value, each fake value inside it, and the
 * first 8 characters of each fake value's uuid (what a truncated error snippet would show).
 */
export function leakMarkers(entries: readonly SecretValueEntry[]): string[] {
  const texts = entries.flatMap((entry) => {
    const binary = entry.SecretBinary;
    const fromBinary = binary
      ? [new TextDecoder().decode(binary), Buffer.from(binary).toString('base64')]
      : [];
    return [...(entry.SecretString === undefined ? [] : [entry.SecretString]), ...fromBinary];
  });
  return markersIn(texts);
}

/** Leak markers for arbitrary texts holding fake values (events, error messages). */
export function markersIn(texts: readonly string[]): string[] {
  const markers = texts.flatMap((text) => {
    const found = [...text.matchAll(FAKE_VALUE_PATTERN)];
    return [text, ...found.map((match) => match[0]), ...found.map((match) => match[1] ?? '')];
  });
  return [...new Set(markers)].filter((marker) => marker.length > 0);
}

/** Asserts that no marker appears in any of the outputs (results, log lines, bodies). */
export function expectNoLeak(markers: readonly string[], ...outputs: unknown[]): void {
  expect(markers.length).toBeGreaterThan(0);
  const haystack = outputs
    .map((output) => (typeof output === 'string' ? output : JSON.stringify(output)))
    .join('\n');
  const leaked = markers.filter((marker) => haystack.includes(marker));
  expect(leaked).toEqual([]);
}

/** A logger whose lines are kept in memory instead of written to stdout. */
export interface CapturedLogs {
  readonly logger: Logger;
  readonly lines: string[];
  /** Every line, parsed. */
  records(): Record<string, unknown>[];
}

export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  return {
    logger: createLogger({}, (line) => lines.push(line)),
    lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
