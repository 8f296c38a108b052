/** The walkthrough's steps and what is shown for each, offline or live. */
import type { StackTemplate } from '../iam';

/** A test event of the blog: the tag whose secrets the function fetches. */
export interface TestEvent {
  readonly TagKey: string;
  readonly TagValue: string;
}

/** One access decision, in words. */
export interface DecisionLine {
  readonly allowed: boolean;
  /** `Allowed`, `Denied (explicit)`, `Denied (implicit)`, or `Denied` when AWS says no more. */
  readonly verdict: string;
  /** The policy and statement that decided, or why none did. */
  readonly decidedBy: string;
}

export interface SecretLine {
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
  /** The GetSecretValue decision; `undefined` when the event's filter does not select the secret. */
  readonly getSecretValue?: DecisionLine;
}

export interface WalkthroughStep {
  /** The blog's step numbers this step replays, e.g. `5–6`. */
  readonly blogSteps: string;
  readonly title: string;
  readonly event: TestEvent;
  /** The caller as Secrets Manager sees it: the role session's ARN and the role's tags. */
  readonly caller: { readonly arn: string; readonly tags: Readonly<Record<string, string>> };
  /** Decisions on actions authorized on `*` (BatchGetSecretValue, ListSecrets); empty when live. */
  readonly checks: readonly (DecisionLine & { readonly action: string })[];
  readonly secrets: readonly SecretLine[];
  /** What the function returned, its body parsed. */
  readonly result: { readonly statusCode: number; readonly body: unknown };
  /** The function's log lines, as `level message`; empty when live. */
  readonly logs: readonly string[];
}

export interface Walkthrough {
  readonly mode: 'offline' | 'live';
  readonly steps: readonly WalkthroughStep[];
}

/** The blog's events: step 4 configures the first, step 7 switches to the second. */
export const BLOG_EVENTS: readonly [TestEvent, TestEvent] = [
  { TagKey: 'app', TagValue: 'app1' },
  { TagKey: 'environment', TagValue: 'production' },
];

const STEP_TITLES = [
  { blogSteps: '5–6', title: 'Invoke the function and review its output' },
  { blogSteps: '7', title: 'Test a different input to validate IAM controls' },
] as const;

function parseEvent(value: unknown): TestEvent | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = JSON.parse(value) as Partial<TestEvent>;
  return typeof parsed.TagKey === 'string' && typeof parsed.TagValue === 'string'
    ? { TagKey: parsed.TagKey, TagValue: parsed.TagValue }
    : undefined;
}

/**
 * The two test events, as the stack outputs them (they follow the configured app tag), or the
 * blog's when the outputs are missing.
 */
export function testEvents(
  stacks: readonly StackTemplate[],
): { blogSteps: string; title: string; event: TestEvent }[] {
  const outputs = stacks.find((stack) => stack.template.Outputs?.TestEventApp)?.template.Outputs;
  const events = [
    parseEvent(outputs?.TestEventApp?.Value) ?? BLOG_EVENTS[0],
    parseEvent(outputs?.TestEventEnvironment?.Value) ?? BLOG_EVENTS[1],
  ];
  return STEP_TITLES.map((step, i) => ({ ...step, event: events[i] ?? BLOG_EVENTS[0] }));
}
